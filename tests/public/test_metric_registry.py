"""The metric registry is the one source of what is stated: an indicator an app registers
shows in the annual report, the public downloads and the reviewer comparison without a
line of theirs changed, and leaves them when unregistered; every indicator the apps
register reads metrics the apps write."""

import csv
import io

import pytest
from django.urls import reverse

from funds.models import Receipt
from khuyenhoc.core import registry
from khuyenhoc.core.registry import MONEY, Indicator
from khuyenhoc.figures import coverage
from khuyenhoc.reports import indicators as report
from members.models import Branch
from tests import metric_names as m
from tests.factories import login

from .conftest import commune_figures, write_figures

GIVEN, BOUGHT = "funds.books.given", "funds.books.bought"
# A title of a year to come, counted per commune as Cộng đồng học tập cấp xã is.
CLUBS = Indicator(
    key="reading_club",
    label="Câu lạc bộ đọc sách",
    section="danh-hieu",
    metrics=("titles.reading_club.registered", "titles.reading_club.recognised"),
    app="titles",
    order=45,
    title="reading_club",
    column="Câu lạc bộ đọc sách",
    column_order=65,
)
# Books for the reading rooms, in đồng: given and bought, added up by its own function.
BOOKS = Indicator(
    key="funds.books",
    label="Sách cho tủ sách (quy ra tiền)",
    section="quy",
    metrics=(GIVEN, BOUGHT),
    unit=MONEY,
    order=80,
    compute=lambda get: None if get(GIVEN) is None else get(GIVEN) + get(BOUGHT),
    column="Sách cho tủ sách (đồng)",
    column_order=105,
)
NEW = {
    "titles.reading_club.registered": 3,
    "titles.reading_club.recognised": 2,
    GIVEN: 1_500_000,
    BOUGHT: 500_000,
}


@pytest.fixture
def registered():
    registry.register(CLUBS, BOOKS)
    yield
    registry.unregister(CLUBS.key, BOOKS.key)


def _csv(client):
    response = client.get(reverse("stats:csv"), {"nam": 2025})
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _row_keys(sections):
    return {section["key"]: [row["key"] for row in section["rows"]] for section in sections}


def test_every_indicator_the_apps_register_reads_metrics_the_apps_write():
    every = set(
        m.every_metric(
            branch_kinds=[kind.value for kind in Branch.GRASSROOTS],
            donor_categories=[value for value, _label in Receipt.DonorCategory.choices],
        )
    )
    found = registry.indicators()
    assert {i.owner for i in found} == {"areas", "titles", "members", "funds"}
    assert [m for m in registry.metrics() if m not in every] == []
    # the report's rows are exactly the indicators: none of its own
    sections = report.build({}, 2025)
    assert sum(len(s["rows"]) for s in sections) == len(found)


def test_a_registered_indicator_shows_in_the_report_downloads_and_comparison_until_unregistered(
    client, seeded, reviewer, registered, settings
):
    settings.PUBLIC_CACHE_SECONDS = settings.PUBLIC_TOTALS_CACHE_SECONDS = 0
    commune = seeded[0]
    figures = {**commune_figures(), **NEW}
    write_figures(commune.code, 2025, NEW)

    sections = report.build(figures, 2025)
    club, books = report.find(sections, "reading_club"), report.find(sections, "funds.books")
    assert (club["registered"], club["value"], club["has_stages"], club["rate"]) == (
        3,
        2,
        True,
        None,
    )
    assert books["value"] == 2_000_000 and books["unit"] == MONEY
    keys = _row_keys(sections)
    assert keys["danh-hieu"].index("reading_club") == keys["danh-hieu"].index("unit") + 1
    assert keys["quy"][-1] == "funds.books"
    assert report.find(report.build({m.POPULATION: 100}, 2025), "funds.books")["value"] is None
    assert ("Câu lạc bộ đọc sách: đạt", 2) in report.flat_cells(sections[3])
    reached = coverage.statements(coverage.every_title([figures, {}]), "xã, phường")
    assert {"title": "Câu lạc bộ đọc sách", "registered": "1/2", "recognised": "1/2"}.items() <= (
        reached[-1].items()
    )

    rows = _csv(client)
    head, line = rows[0], next(r for r in rows if r[0] == f"{commune.code:05d}")
    assert (
        head.index("Câu lạc bộ đọc sách: đăng ký")
        == head.index("Cộng đồng học tập cấp xã: được công nhận") + 1
    )
    assert line[head.index("Câu lạc bộ đọc sách: được công nhận")] == "2"
    assert line[head.index("Sách cho tủ sách (đồng)")] == "2000000"
    assert rows[-1][head.index("Sách cho tủ sách (đồng)")] == "2000000"  # the province

    login(client, reviewer)
    compare = client.get(reverse("titles:compare"), {"nam": 2025, "danhhieu": "reading_club"})
    assert ("reading_club", "Câu lạc bộ đọc sách") in compare.context["titles"]
    assert compare.context["title_name"] == "Câu lạc bộ đọc sách"
    [mine] = [row for row in compare.context["rows"] if row.commune == commune]
    assert (mine.registered, mine.recognised) == (3, 2)

    registry.unregister(CLUBS.key, BOOKS.key)
    assert "reading_club" not in _row_keys(report.build(figures, 2025))["danh-hieu"]
    assert not {"Câu lạc bộ đọc sách: đăng ký", "Sách cho tủ sách (đồng)"} & set(_csv(client)[0])
    again = client.get(reverse("titles:compare"), {"nam": 2025, "danhhieu": "reading_club"})
    assert again.context["title_name"] == "Công dân học tập"
