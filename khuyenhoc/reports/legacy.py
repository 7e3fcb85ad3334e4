"""The annual report of a year before the reform, as it was reported: the province over
its old communes, each old district or city with its totals, "x/N" and communes. For
reviewers, as the province's report of today's communes. Read through the figures API
(khuyenhoc.figures.legacy_tree), so the report and /thong-ke/huyen-cu/ cannot disagree."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

from khuyenhoc.areas.models import Province
from khuyenhoc.core import registry
from khuyenhoc.figures import coverage
from khuyenhoc.figures import selectors as figures_api
from khuyenhoc.figures.indicators import add_up, summarise
from khuyenhoc.figures.legacy_tree import legacy_province_reached, legacy_tree

from . import indicators

WORD = "xã, phường"


def legacy_years() -> list[int]:
    return figures_api.legacy_years(settings.PROVINCE_CODE)


def check_year(year) -> None:
    if year not in legacy_years():
        raise Http404(f"Không có số liệu năm {year} của các đơn vị cũ.")


def _title_cells(figures, year) -> list[dict]:
    summary = summarise(figures, year)
    return [summary["titles"][i.title] for i in registry.rated_titles()]


def _district_rows(tree, year) -> list[dict]:
    rows = []
    for entry in tree:
        commune = entry["reached"]["commune"]
        rows.append(
            {
                "code": entry["code"],
                "name": entry["name"],
                "communes": len(entry["communes"]),
                "titles": _title_cells(entry["figures"], year),
                "commune_registered": f"{commune['registered']}/{commune['total']}",
                "commune_recognised": f"{commune['recognised']}/{commune['total']}",
            }
        )
    return rows


def _previous(year, district=None) -> dict:
    before = legacy_tree(year=year - 1, province_code=settings.PROVINCE_CODE, district=district)
    return add_up(d["figures"] for d in before)


def province_report(request, year):
    check_year(year)
    tree = legacy_tree(year=year, province_code=settings.PROVINCE_CODE)
    total = add_up(d["figures"] for d in tree)
    olds = sum(len(d["communes"]) for d in tree)
    sections = indicators.build(total, year, previous=_previous(year), communes=olds)
    context = {
        "province": Province.objects.filter(code=settings.PROVINCE_CODE).first(),
        "year": year,
        "years": legacy_years(),
        "sections": sections,
        "headline": indicators.headline(sections, area="tỉnh"),
        "districts": _district_rows(tree, year),
        "reached": coverage.statements(legacy_province_reached(tree), WORD),
        "title_names": [i.label for i in registry.rated_titles()],
        "commune_count": olds,
    }
    return render(request, "reports/legacy_province.html", context)


def district_report(request, year, district):
    check_year(year)
    tree = legacy_tree(year=year, province_code=settings.PROVINCE_CODE, district=district)
    if not tree:
        raise Http404("Không tìm thấy huyện, thành phố cũ này trong tỉnh.")
    entry = tree[0]
    n = len(entry["communes"])
    sections = indicators.build(
        entry["figures"], year, previous=_previous(year, district), communes=n
    )
    communes = [
        {"name": c["name"], "titles": _title_cells(c["figures"], year), "figures": c["figures"]}
        for c in entry["communes"]
    ]
    context = {
        "district": entry,
        "year": year,
        "sections": sections,
        "headline": indicators.headline(sections, area=entry["kind"].lower()),
        "reached": coverage.statements(entry["reached"], WORD),
        "communes": communes,
        "title_names": [i.label for i in registry.rated_titles()],
    }
    return render(request, "reports/legacy_district.html", context)
