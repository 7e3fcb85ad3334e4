"""Every read of the public pages: the summary tables only, a bounded number of queries.

Province totals per year are shared by every page and cached for a few seconds (the
same span as the page cache), so a commune page costs a handful of small queries.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.http import Http404

from khuyenhoc import params
from khuyenhoc.areas import legacy, summaries
from khuyenhoc.areas.freshness import figures_stamp
from khuyenhoc.areas.indicators import rank, summarise
from khuyenhoc.areas.models import Commune, Figure, Province, Village
from khuyenhoc.text import fold


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


def _current_totals():
    totals: dict[int, dict[str, int]] = {}
    rows = (
        Figure.objects.filter(
            commune__province_id=settings.PROVINCE_CODE, year__gte=legacy.REFORM_YEAR
        )
        .values("year", "metric")
        .annotate(total=Sum("value"))
        .order_by()
    )
    for row in rows:
        totals.setdefault(row["year"], {})[row["metric"]] = row["total"]
    return totals


def province_totals() -> dict[int, dict[str, int]]:
    """{year: {metric: sum over the province}}; legacy years added over the old communes."""

    def compute():
        totals = {
            year: figures
            for year, figures in legacy.province_totals(settings.PROVINCE_CODE).items()
            if legacy.is_legacy_year(year)
        }
        totals.update(_current_totals())
        return totals

    return _cached("totals", compute)


def default_year(available) -> int | None:
    current = [y for y in available if not legacy.is_legacy_year(y)]
    return max(current or available or [None], key=lambda y: y or 0)


def pick_year(request, available) -> int | None:
    """?nam=: malformed → the default year; well-formed but without figures → 404."""
    return params.query_year(request, default=default_year(available), years=available, strict=True)


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
    return row


def overview(*, year, mode, totals):
    """Rows and totals of the overview table.

    mode "current": today's communes (years from 2025); "legacy": the old communes as
    reported; "mapped": old communes' figures attributed to today's communes.
    """
    communes = province_communes()
    totals = totals.get(year, {})
    split: dict[int, list[str]] = {}
    if mode == "legacy":
        units = legacy.unit_figures(year=year, province_code=settings.PROVINCE_CODE)
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
        if mode == "mapped":
            figures, split = legacy.mapped_figures(year=year, province_code=settings.PROVINCE_CODE)
        else:
            figures = summaries.figures_of(
                year=year, communes=[code for code, _name, _kind in communes]
            )
        rows = [
            _row(code, name, kind, figures.get(code, {}), year, split=split.get(code, []))
            for code, name, kind in communes
        ]
        unit_count = len(communes)
    rank(rows)
    total_row = summarise(totals, year)
    total_row["unit_count"] = unit_count
    return rows, total_row


def legacy_provinces() -> list[str]:
    """Old provinces of the province: fixed by the reform, so cached for an hour."""
    return cache.get_or_set(
        f"public:{settings.PROVINCE_CODE}:legacy-provinces",
        lambda: legacy.legacy_provinces_of(settings.PROVINCE_CODE),
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
        .first()
    )
    if commune is None:
        raise Http404("Không tìm thấy xã, phường này trong tỉnh.")
    return commune


def commune_figures(code) -> dict[int, dict[str, int]]:
    by_year: dict[int, dict[str, int]] = {}
    rows = Figure.objects.filter(commune_id=code, year__gte=legacy.REFORM_YEAR).values_list(
        "year", "metric", "value"
    )
    for year, metric, value in rows:
        by_year.setdefault(year, {})[metric] = value
    return by_year


def villages(code):
    return list(
        Village.objects.filter(commune_id=code, is_active=True)
        .order_by("name")
        .values_list("name", "kind")
    )
