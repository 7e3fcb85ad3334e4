"""Public figures under /thong-ke/: province overview, commune page, downloads.

Only the summary tables are read (selectors.py); every page costs a bounded number of
queries whatever the data size, and anonymous pages are cached for a few seconds. What
follows from the figures alone (the overview's table and chart) is remembered per version
of the figures (memo.py), whatever the page cache does. The commune page is
commune_views.py.
"""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from khuyenhoc.areas.reform import is_legacy_year
from khuyenhoc.core import registry
from khuyenhoc.core.numbers import percent
from khuyenhoc.core.web.downloads import csv_response, xlsx_response
from khuyenhoc.figures import coverage
from khuyenhoc.figures.indicators import RANK_RULE, sort_rows, summarise
from khuyenhoc.figures.legacy_tree import legacy_province_reached
from khuyenhoc.figures.reporting import REPORTED_RULE
from khuyenhoc.figures.selectors import SPLIT_RULE
from khuyenhoc.figures.years import pick_public_year
from khuyenhoc.quality.selectors import published_year

from . import charts, exports, memo, selectors, tables
from .caching import anonymous_cache
from .groups import groups_of_province

MODES = {"don-vi-cu": "legacy", "quy-doi": "mapped"}


def _mode(request, year):
    if not is_legacy_year(year):
        return "current"
    return MODES.get(request.GET.get("xem", ""), "legacy")


def _mode_param(mode):
    return {"legacy": "don-vi-cu", "mapped": "quy-doi"}.get(mode)


def _query(year, mode):
    query = {"nam": year}
    if _mode_param(mode):
        query["xem"] = _mode_param(mode)
    return query


def _chart_choice(slug):
    """The rated title the overview's chart shows: ?danhhieu= if it names one, else
    Gia đình."""
    by_slug = {i.slug: i for i in registry.rated_titles()}
    return by_slug.get(slug) or next(i for i in by_slug.values() if i.title == "household")


def commune_chart(rows, year, slug):
    """The overview's chart: one title's rate per commune, highest first, against the
    target of the year; before the year's decisions, the registration rate alone."""
    chosen = _chart_choice(slug)
    title = chosen.title
    decided = any(r["titles"][title]["recognised_rate"] is not None for r in rows)
    field = "recognised_rate" if decided else "registered_rate"
    bars = sorted(
        (
            (r["name"], r["titles"][title][field], r["titles"][title]["below"])
            for r in rows
            if r["titles"][title][field] is not None
        ),
        key=lambda bar: (-bar[1], bar[0]),
    )
    target = target_in_force(title, year) if decided else None
    what = "được công nhận" if decided else "đăng ký"
    heading = f"Tỷ lệ {what} {chosen.label} năm {year}, từng xã, phường"
    if bars:
        desc = (
            f"{len(bars)} xã, phường có số liệu; cao nhất {bars[0][0]} {percent(bars[0][1])}, "
            f"thấp nhất {bars[-1][0]} {percent(bars[-1][1])}."
        )
        if target is not None:
            desc += f" {sum(1 for b in bars if b[2])} xã, phường dưới chỉ tiêu {target} %."
    else:
        desc = "Chưa có số liệu."
    return {
        "slug": chosen.slug,
        "heading": heading,
        "svg": charts.bar_chart(title=heading, desc=desc, bars=bars, target=target)
        if bars
        else None,
        "desc": desc,
        "choices": [(i.slug, i.label) for i in registry.rated_titles()],
    }


def _table(year, mode, version) -> dict:
    """Everything of the overview that follows from the figures alone, whatever the
    visitor asked to sort by: the ranked rows, each written as HTML, the "Toàn tỉnh" row
    and the levels below the table. Remembered for the figures' version (memo.py)."""
    rows, total = selectors.overview(
        year=year,
        mode=mode,
        totals=selectors.province_totals(version=version),
        metrics=selectors.page_reads(),
    )
    tables.decorate(total, total=True)  # the rows are formatted by rows_html as written
    return {
        "rows": rows,
        "html": tables.rows_html(rows, mode, year),
        "total": total,
        "below_count": sum(1 for r in rows if r["below"]),
        "levels": _levels(rows, mode, year, version),
    }


def target_in_force(title, year):
    """A rated title's target in force in `year` (registered by titles), or None."""
    target = registry.get(title).target
    return target(year) if target else None


@anonymous_cache
def overview(request):
    version = memo.version()
    totals = selectors.province_totals(version=version)
    year, available = pick_public_year(request, totals, published=published_year())
    if year is None:
        return render(request, "public/overview.html", {"year": None, "years": []})
    mode = _mode(request, year)
    table = memo.remembered(version, ("overview", year, mode), lambda: _table(year, mode, version))
    rows, sort = sort_rows(table["rows"], request.GET.get("sap_xep", "xep-hang"))
    chart = None
    if mode != "legacy":
        slug = _chart_choice(request.GET.get("danhhieu", "")).slug
        chart = memo.remembered(
            version,
            ("overview-chart", year, mode, slug),
            lambda: commune_chart(table["rows"], year, slug),
        )
    context = {
        "year": year,
        "years": available,
        "mode": mode,
        "is_legacy": mode != "current",
        "body": tables.body_html(rows, mode, year, written=table["html"]),
        "row_count": len(rows),
        "total": table["total"],
        "sort": sort,
        "head": tables.header(_query(year, mode), sort, year, mode),
        "download_query": urlencode({**_query(year, mode), "sap_xep": sort}),
        "below_count": table["below_count"],
        "targets": [
            (i.short, target_in_force(i.title, year))
            for i in registry.rated_titles()
            if target_in_force(i.title, year)
        ],
        "rank_rule": RANK_RULE,
        "split_rule": SPLIT_RULE,
        "reported_rule": REPORTED_RULE,
        "chart": chart,
        "legacy_provinces": selectors.legacy_provinces() if mode != "current" else [],
        **table["levels"],
        "groups": memo.remembered(version, ("groups",), groups_of_province)
        if mode == "current"
        else [],
    }
    return render(request, "public/overview.html", context)


def _levels(rows, mode, year, version=None) -> dict:
    """The "x/N" of the province and, for a year before the reform, its old districts:
    today's communes in a current year, the old communes as reported in a past year
    (the mapped view would count a split commune twice, so it has none)."""
    if mode == "mapped":
        return {}
    if mode == "current":
        reached = coverage.every_title(r["figures"] for r in rows)
        return {"reached": coverage.statements(reached, "xã, phường")}
    tree = selectors.legacy_tree(year, version=version)
    districts = []
    for entry in tree:
        summary = tables.decorate(summarise(entry["figures"], year))
        commune = entry["reached"]["commune"]
        districts.append(
            {
                "code": entry["code"],
                "name": entry["name"],
                "communes": len(entry["communes"]),
                "cells": summary["cells"],
                "commune_registered": f"{commune['registered']}/{commune['total']}",
                "commune_recognised": f"{commune['recognised']}/{commune['total']}",
            }
        )
    reached = legacy_province_reached(tree)
    return {
        "districts": districts,
        "district_rows": tables.districts_html(districts, year),
        "reached": coverage.statements(reached, "xã, phường"),
    }


def _download(request):
    totals = selectors.province_totals()
    year, _available = pick_public_year(request, totals, published=published_year())
    if year is None:
        year = 0
        rows, total, mode = [], summarise({}, 0), "current"
        total["unit_count"] = 0
    else:
        mode = _mode(request, year)
        rows, total = selectors.overview(year=year, mode=mode, totals=totals)
        rows, _sort = sort_rows(rows, request.GET.get("sap_xep", "xep-hang"))
    province_name = selectors.province_name()
    head, lines = exports.table(rows, total, mode, province_name)
    suffix = {"legacy": "-don-vi-cu", "mapped": "-quy-doi"}.get(mode, "")
    return year, head, lines, f"thong-ke-{slugify(province_name)}-{year}{suffix}"


@anonymous_cache
def download_csv(request):
    _year, head, lines, name = _download(request)
    return csv_response(f"{name}.csv", head, lines)


@anonymous_cache
def download_xlsx(request):
    year, head, lines, name = _download(request)
    return xlsx_response(f"{name}.xlsx", [(f"Thống kê {year}", head, lines)])


def ping(request):
    """The framework's floor for the benchmark: a Django view that reads nothing."""
    return HttpResponse("ok", content_type="text/plain")
