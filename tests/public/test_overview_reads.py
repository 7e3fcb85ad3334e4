"""The overview page of today's communes fetches only the figures it summarises, and
still tells a commune whose app wrote nothing it reads (zero) from one without data (–).
The downloads read every figure (tests/test_downloads.py)."""

from khuyenhoc.figures import selectors as figures_api
from khuyenhoc.figures.indicators import summarise
from khuyenhoc.public import selectors
from tests import metric_names as m

from .conftest import write_figures


def test_the_overview_summarises_each_commune_as_if_it_had_read_every_figure(
    seeded, province_communes
):
    quiet = province_communes[6]  # every app wrote, but nothing the overview reads
    write_figures(
        quiet.code,
        2026,
        {
            m.FUND_OPENING: 5_000_000,
            m.MEMBERS_START: 40,
            m.title_metric("citizen", "proposed"): 3,
            m.POPULATION: 4_000,
        },
    )
    rows, _total = selectors.overview(
        year=2026,
        mode="current",
        totals=selectors.province_totals(),
        metrics=selectors.page_reads(),
    )
    every = figures_api.of_communes(year=2026, communes=[c.code for c in province_communes])
    for row in rows:
        expected = summarise(every.get(row["code"], {}), 2026)
        assert {key: row[key] for key in expected} == expected, row["name"]
    shown = next(row for row in rows if row["code"] == quiet.code)
    assert (shown["receipts"], shown["members"], shown["commune_registered"]) == (0, 0, 0)
    untouched = next(row for row in rows if row["code"] == province_communes[7].code)
    assert (untouched["receipts"], untouched["members"]) == (None, None)
