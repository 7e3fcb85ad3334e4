"""A year before the reform as it was reported, for a spreadsheet: the old districts or
cities and their old communes (/thong-ke/huyen-cu/du-lieu.csv|.xlsx?nam=, or one old
district's /thong-ke/huyen-cu/<mã>/du-lieu.csv|.xlsx). Each level states what its public
page states: counts and rates by the same title_totals() (summarise), the "x/N" of each
title by khuyenhoc.figures.coverage, codes as text with their leading zeros."""

from django.conf import settings
from django.http import Http404
from django.utils.text import slugify

from khuyenhoc.areas import metrics as m
from khuyenhoc.core.numbers import number, percent_figure
from khuyenhoc.core.web.downloads import csv_response, xlsx_response
from khuyenhoc.figures import selectors as figures_api
from khuyenhoc.figures.coverage import STAGES
from khuyenhoc.figures.legacy_tree import legacy_province_reached, legacy_tree
from khuyenhoc.figures.years import pick_year

from . import exports, selectors
from .caching import anonymous_cache
from .legacy_views import ordered_titles, title_totals

LEVELS = {"province": "Tỉnh", "district": "Huyện, thành phố cũ", "commune": "Xã cũ"}
REACHED_WORDS = {"registered": "số xã có đăng ký", "recognised": "số xã có công nhận"}


def headers() -> list[str]:
    head = [
        "Cấp",
        "Mã huyện cũ",
        "Huyện, thành phố cũ",
        "Mã xã cũ",
        "Xã, phường, thị trấn cũ",
        "Số xã cũ",
        "Dân số",
    ]
    for indicator in ordered_titles():
        name = indicator.label
        head += [f"{name}: đăng ký", f"{name}: được công nhận"]
        if indicator.rated:
            head += [
                f"{name}: tổng số để tính tỷ lệ",
                f"{name}: tỷ lệ đăng ký (%)",
                f"{name}: tỷ lệ công nhận (%)",
            ]
        head += [f"{name}: {REACHED_WORDS[stage]}" for stage in STAGES]
    return head


def _figures_cells(figures, year, reached) -> list:
    """Counts and rates of each title as the page's tables show them; the x/N cells are
    filled for a level with units below (a district, the province), text like "12/12"."""
    cells = []
    for row, indicator in zip(title_totals(figures, year), ordered_titles(), strict=True):
        cells += [row["registered"], row["recognised"]]
        if indicator.rated:
            cells += [
                row["denominator"],
                percent_figure(row["registered_rate"]),
                percent_figure(row["recognised_rate"]),
            ]
        for stage in STAGES:
            r = reached[indicator.title] if reached else None
            cells.append(f"{number(r[stage])}/{number(r['total'])}" if r else None)
    return cells


def district_code(code) -> str:
    """An old district's official code as text with its leading zeros (004)."""
    return f"{code:03d}"


def lines_of(tree, year, *, province=None, province_figures=None) -> list[list]:
    lines = []
    for entry in tree:
        d_code = district_code(entry["code"])
        lines.append(
            [LEVELS["district"], d_code, entry["name"], None, None, len(entry["communes"])]
            + [entry["figures"].get(m.POPULATION)]
            + _figures_cells(entry["figures"], year, entry["reached"])
        )
        for c in entry["communes"]:
            lines.append(
                [LEVELS["commune"], d_code, entry["name"], exports.code_text(c["code"]), c["name"]]
                + [None, c["figures"].get(m.POPULATION)]
                + _figures_cells(c["figures"], year, None)
            )
    if province is not None:
        count = sum(len(d["communes"]) for d in tree)
        lines.append(
            [LEVELS["province"], None, f"Toàn tỉnh: {province}", None, None, count]
            + [province_figures.get(m.POPULATION)]
            + _figures_cells(province_figures, year, legacy_province_reached(tree))
        )
    return lines


def _respond(fmt, year, tree, name, **province):
    head, lines = headers(), lines_of(tree, year, **province)
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", [(f"Đơn vị cũ {year}", head, lines)])
    return csv_response(f"{name}.csv", head, lines)


def _year_or_404(request):
    year = pick_year(request, figures_api.legacy_years(settings.PROVINCE_CODE))
    if year is None:
        raise Http404("Chưa có số liệu của các năm trước sáp nhập.")
    return year


@anonymous_cache
def province_download(request, fmt):
    year = _year_or_404(request)
    # the same cached tree and province totals as the overview of the year
    tree = selectors.legacy_tree(year)
    province = selectors.province_name()
    name = f"thong-ke-{slugify(province)}-{year}-huyen-xa-cu"
    totals = selectors.province_totals().get(year, {})
    return _respond(fmt, year, tree, name, province=province, province_figures=totals)


@anonymous_cache
def district_download(request, district, fmt):
    year = _year_or_404(request)
    tree = legacy_tree(year=year, province_code=settings.PROVINCE_CODE, district=district)
    if not tree:
        raise Http404("Không tìm thấy huyện, thành phố cũ này trong tỉnh, hoặc chưa có số liệu.")
    name = f"thong-ke-{slugify(tree[0]['name'])}-{year}"
    return _respond(fmt, year, tree, name)
