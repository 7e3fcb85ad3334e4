"""The years before the reform as they were reported: an old district's or city's page
(/thong-ke/huyen-cu/<mã>/?nam=) with its totals, the "x/N" of each title and its old
communes. Read through the figures API only (khuyenhoc.figures.legacy_tree)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

from khuyenhoc.areas import metrics as m
from khuyenhoc.core import registry
from khuyenhoc.figures import coverage
from khuyenhoc.figures import selectors as figures_api
from khuyenhoc.figures.indicators import summarise
from khuyenhoc.figures.legacy_tree import legacy_tree
from khuyenhoc.figures.years import pick_year

from .caching import anonymous_cache


def unit_word(kind: str) -> str:
    """ "xã, phường" under a district or city, as the reports say it."""
    return "xã, phường, thị trấn" if "huyện" in kind.lower() else "xã, phường"


def ordered_titles():
    """The titles with rates, then those counted without (Cộng đồng học tập cấp xã)."""
    rated = registry.rated_titles()
    return [*rated, *(i for i in registry.titles() if i not in rated)]


def title_totals(figures, year) -> list[dict]:
    """Counts and rates of each title for an area (ordered_titles()): the same
    summarise() as every page."""
    summary = summarise(figures, year)
    rows = []
    for indicator in ordered_titles():
        if indicator.rated:
            rows.append({"title": indicator.label, **summary["titles"][indicator.title]})
            continue
        read = registry.read(indicator, figures, summary)
        rows.append(
            {
                "title": indicator.label,
                "registered": read["registered"],
                "recognised": read["value"],
                "denominator": None,
                "registered_rate": None,
                "recognised_rate": None,
            }
        )
    return rows


@anonymous_cache
def district(request, district):
    available = figures_api.legacy_years(settings.PROVINCE_CODE)
    year = pick_year(request, available)
    tree = (
        legacy_tree(year=year, province_code=settings.PROVINCE_CODE, district=district)
        if year
        else []
    )
    if not tree:
        raise Http404("Không tìm thấy huyện, thành phố cũ này trong tỉnh, hoặc chưa có số liệu.")
    entry = tree[0]
    word = unit_word(entry["kind"])
    communes = [
        {"name": c["name"], "rows": title_totals(c["figures"], year), "has": bool(c["figures"])}
        for c in entry["communes"]
    ]
    context = {
        "district": entry,
        "year": year,
        "years": available,
        "totals": title_totals(entry["figures"], year),
        "reached": coverage.statements(entry["reached"], word),
        "communes": communes,
        "unit_word": word,
        "population": entry["figures"].get(m.POPULATION),
    }
    return render(request, "public/legacy_district.html", context)
