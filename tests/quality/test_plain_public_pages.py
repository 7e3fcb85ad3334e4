"""Public pages people understand: a chart of the communes against the target, words
instead of abbreviations, ties ranked as ties, each year against its own target, and
commune codes that keep their zeros."""

import io

from openpyxl import load_workbook

from khuyenhoc.public import charts
from tests import metric_names as m
from tests.public.conftest import commune_figures, write_figures


def test_the_overview_draws_each_commune_against_the_target_highest_first(
    client, province_communes
):
    for index, commune in enumerate(province_communes[:3]):
        figures = commune_figures()
        figures[m.title_metric("household", "recognised")] = 500 + index * 500  # 20, 40, 60 %
        write_figures(commune.code, 2025, figures)
    html = client.get("/thong-ke/?nam=2025").content.decode()
    svg = html.split('<svg class="chart bars communes"')[1].split("</desc>")[1].split("</svg>")[0]
    names = [c.name for c in province_communes[:3]]
    assert svg.index(names[2]) < svg.index(names[1]) < svg.index(names[0])
    assert "chỉ tiêu 40%" in svg and 'class="bar below"' in svg
    assert "ĐK<" not in html and "CN<" not in html and "CĐHT" not in html
    assert "Giải thích từ ngữ" in html


def test_communes_with_the_same_score_share_their_rank_and_say_so(client, province_communes):
    for commune in province_communes[:3]:
        write_figures(commune.code, 2025, commune_figures())
    html = client.get("/thong-ke/?nam=2025").content.decode()
    assert html.count("1 (đồng hạng)") == 3


def test_the_trend_chart_draws_each_year_against_the_target_of_that_year():
    svg = charts.line_chart(
        title="t",
        desc="d",
        labels=["2025", "2026"],
        series=[("Xã", [50, 55], "mine"), ("Tỉnh", [45, 50], "province")],
        target=[m.target_for("household", 2025), m.target_for("household", 2026)],
    )
    targets = [part for part in svg.split("<line ") if 'class="target"' in part]
    heights = {part.split('y1="')[1].split('"')[0] for part in targets}
    assert len(targets) == 2 and len(heights) == 2  # 40 % in 2025, 60 % in 2026


def test_downloads_keep_the_leading_zeros_of_commune_codes(client, province_communes):
    commune = province_communes[0]
    write_figures(commune.code, 2025, commune_figures())
    text = client.get("/thong-ke/du-lieu.csv?nam=2025").content.decode("utf-8-sig")
    assert f'"{commune.code:05d}"' in text
    book = load_workbook(io.BytesIO(client.get("/thong-ke/du-lieu.xlsx?nam=2025").content))
    codes = [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert f"{commune.code:05d}" in codes


def _household_trend(html):
    svgs = [part.split("</svg>")[0] for part in html.split('<svg class="chart"')[1:]]
    return next(svg for svg in svgs if "công nhận Gia đình học tập</title>" in svg)


def test_the_trend_draws_the_province_over_the_communes_that_reported_and_each_years_target(
    client, province_communes
):
    """Two communes reported (80 % and 60 % of households recognised), a third has only its
    denominators: the province is 70 %, not the 46,7 % of a sum over all three. 2020 is
    before 677/QĐ-TTg: no target; 2025 is drawn against 40 %, 2026 against 60 %."""
    from khuyenhoc.areas.models import LegacyMapping
    from tests.public.conftest import write_legacy

    first, second, silent = province_communes[:3]
    for year in (2025, 2026):
        write_figures(first.code, year, commune_figures())  # 2.000/2.500 = 80 %
        figures = commune_figures()
        figures[m.title_metric("household", "recognised")] = 1_500  # 60 %
        write_figures(second.code, year, figures)
        write_figures(silent.code, year, {m.HOUSEHOLDS: 2_500, m.POPULATION: 10_000})
    source = LegacyMapping.objects.filter(commune=first).values_list("legacy_commune", flat=True)[0]
    write_legacy(
        source,
        2020,
        {
            m.HOUSEHOLDS: 1_000,
            m.title_metric("household", "registered"): 900,
            m.title_metric("household", "recognised"): 500,
        },
    )
    svg = _household_trend(client.get(f"/thong-ke/{first.code}/?nam=2026").content.decode())
    assert "Toàn tỉnh: 2020*: 50 %, 2025: 70 %, 2026: 70 %." in svg
    # x of 2020*, 2025, 2026: 44, 188, 332; y of a rate v: 170 - 1,56 v (0–100 %)
    for x in ("44.0", "188.0", "332.0"):
        assert f'<circle class="dot mine" cx="{x}"' in svg
    assert '<polyline class="line province" points="44.0,92.0 188.0,60.8 332.0,60.8"/>' in svg
    targets = [part.split("/>")[0] for part in svg.split("<line ") if 'class="target"' in part]
    assert targets == [
        'class="target" x1="116.0" x2="260.0" y1="107.6" y2="107.6"',  # 2025: 40 %
        'class="target" x1="260.0" x2="332.0" y1="76.4" y2="76.4"',  # 2026: 60 %
    ]
    assert "chỉ tiêu 60%" in svg
