"""Public pages people understand: a chart of the communes against the target, words
instead of abbreviations, ties ranked as ties, each year against its own target, and
commune codes that keep their zeros."""

import io

from openpyxl import load_workbook

from khuyenhoc.areas import metrics as m
from khuyenhoc.public import charts
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
