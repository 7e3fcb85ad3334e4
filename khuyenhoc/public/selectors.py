"""Every read of the public pages: the summary tables only, through the figures read API,
a bounded number of queries.

Province totals per year are shared by every page and cached for a few seconds (the
same span as the page cache), so a commune page costs a handful of small queries.
"""

from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.http import Http404

from khuyenhoc.areas.freshness import figures_stamp
from khuyenhoc.areas.models import Commune, Province, Village
from khuyenhoc.core import registry
from khuyenhoc.core.text import fold
from khuyenhoc.figures import selectors as figures_api
from khuyenhoc.figures.coverage import STAGES
from khuyenhoc.figures.indicators import rank, summarise, summarised
from khuyenhoc.figures.legacy_tree import legacy_tree as _legacy_tree
from khuyenhoc.figures.reporting import over_reporters
from khuyenhoc.figures.reporting import province_rows as _province_rows

from . import memo


def page_reads() -> frozenset[str]:
    """What the overview page reads of each commune's figures: its summary and the "x/N"
    of every registered title (khuyenhoc.figures.coverage). The downloads read every
    registered indicator's metrics, so they fetch all."""
    reached = {metric for i in registry.titles() for metric in i.metrics[: len(STAGES)]}
    return summarised() | reached


def cache_seconds() -> int:
    return getattr(settings, "PUBLIC_CACHE_SECONDS", 5)


def totals_cache_seconds() -> int:
    return getattr(settings, "PUBLIC_TOTALS_CACHE_SECONDS", 5)


def _cached(key, compute):
    seconds = totals_cache_seconds()
    if seconds <= 0:
        return compute()
    key = f"public:{settings.PROVINCE_CODE}:{key}:{figures_stamp()}"
    return cache.get_or_set(key, compute, seconds)


def _kept(version, key, compute):
    """compute() remembered for the figures' `version` (memo.py), or without a version
    (SQLite) the few seconds' copy in the cache."""
    if version is None:
        return _cached(key, compute)
    return memo.remembered(version, key, compute)


def province_totals(*, version=None) -> dict[int, dict[str, int]]:
    """{year: {metric: sum over the province}}; legacy years added over the old communes.
    With the figures' `version` (memo.py), remembered for it: what the pages remember
    for a version must be as new as that version, never the few seconds' copy."""
    return _kept(version, "totals", lambda: figures_api.all_totals(settings.PROVINCE_CODE))


@lru_cache(maxsize=8192)  # names of units: a few thousand, folded once per process
def sort_name(name, kind):
    folded = fold(name)
    return folded.removeprefix(fold(kind) + " ")


def province_communes():
    return list(
        Commune.objects.filter(province_id=settings.PROVINCE_CODE).values_list(
            "code", "name", "kind"
        )
    )


def _row(code, name, kind, figures, year, **extra):
    row = summarise(figures, year)
    row.update(code=code, name=name, kind=kind, sort_name=sort_name(name, kind), **extra)
    row["figures"] = figures  # for the "x/N" of the province (khuyenhoc.figures.coverage)
    return row


def overview(*, year, mode, totals, metrics=None):
    """Rows and totals of the overview table.

    mode "current": today's communes (years from 2025); "legacy": the old communes as
    reported; "mapped": old communes' figures attributed to today's communes. `metrics`
    (page_reads()) limits what is read of today's communes' figures.
    """
    totals = totals.get(year, {})
    split: dict[int, list[str]] = {}
    if mode == "legacy":  # the old communes alone: today's are not read
        units = figures_api.legacy_units(year=year, province_code=settings.PROVINCE_CODE)
        rows = [
            _row(
                u["code"],
                u["name"],
                "",
                u["figures"],
                year,
                place=f"{u['district']}, {u['province']}",
            )
            for u in units
        ]
        unit_count = len(units)
    else:
        communes = province_communes()
        if mode == "mapped":
            figures, split = figures_api.mapped(year=year, province_code=settings.PROVINCE_CODE)
        else:
            figures = figures_api.of_communes(
                year=year, communes=[code for code, _name, _kind in communes], metrics=metrics
            )
        rows = [
            _row(code, name, kind, figures.get(code, {}), year, split=split.get(code, []))
            for code, name, kind in communes
        ]
        unit_count = len(communes)
    rank(rows)
    total_row = summarise(totals, year)
    total_row["unit_count"] = unit_count
    total_row["figures"] = totals  # what the downloads' columns read (core.registry)
    if mode != "mapped":  # mapped rows count a split old commune more than once
        over_reporters(total_row, rows)
    return rows, total_row


def province_trend(years, *, version=None) -> dict[int, dict]:
    """{year: the province's row over the communes that reported that year} (what the
    overview's "Toàn tỉnh" shows), for the commune pages' "Toàn tỉnh" column and trend
    charts: one query, cached or remembered as province_totals()."""
    years = sorted(years)
    return _kept(
        version,
        "province-trend:" + ",".join(map(str, years)),
        lambda: _province_rows(
            province_code=settings.PROVINCE_CODE,
            years=years,
            totals=province_totals(version=version),
        ),
    )


def legacy_provinces() -> list[str]:
    """Old provinces of the province: fixed by the reform, so cached for an hour."""
    return cache.get_or_set(
        f"public:{settings.PROVINCE_CODE}:legacy-provinces",
        lambda: figures_api.legacy_provinces_of(settings.PROVINCE_CODE),
        3600,
    )


def province_name() -> str:
    return cache.get_or_set(
        f"province-name-{settings.PROVINCE_CODE}",
        lambda: (
            Province.objects.filter(code=settings.PROVINCE_CODE)
            .values_list("name", flat=True)
            .first()
            or ""
        ),
        3600,
    )


def commune_or_404(code) -> Commune:
    commune = (
        Commune.objects.filter(code=code, province_id=settings.PROVINCE_CODE)
        .select_related("province")
        # N of the province's "x/N xã, phường đã báo cáo": every commune, reported or not
        .annotate(province_unit_count=Count("province__communes"))
        .first()
    )
    if commune is None:
        raise Http404("Không tìm thấy xã, phường này trong tỉnh.")
    return commune


def commune_figures(code) -> dict[int, dict[str, int]]:
    """{year: {metric: value}} of a commune: old communes' figures mapped onto it for the
    years before the reform, its own from the reform on; and the old communes it came from."""
    history, sources = figures_api.legacy_history_of_commune(code)
    history.update(figures_api.years_of_commune(code))
    return history, sources


def villages(code):
    return list(
        Village.objects.filter(commune_id=code, is_active=True)
        .order_by("name")
        .values_list("name", "kind")
    )


def legacy_tree(year, *, version=None) -> list[dict]:
    """The old districts of a year before the reform with their old communes, totals
    and "x/N" (khuyenhoc.figures.legacy_tree), cached or remembered as the province
    totals are."""
    return _kept(
        version,
        f"legacy-tree:{year}",
        lambda: _legacy_tree(year=year, province_code=settings.PROVINCE_CODE),
    )
