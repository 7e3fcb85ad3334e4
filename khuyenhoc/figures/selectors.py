"""Every read of the summary tables, for every page, report, export and comparison.

Figures of today's communes (Figure) count from the reform year on; figures of the
old communes (LegacyFigure) are the years before, as they were reported, and can be
viewed on today's communes through the official old→new table (LegacyMapping).
The old communes' reads are in khuyenhoc.figures.legacy, and come out through this
module too.

Each selector costs one or two queries whatever the size of the province.
"""

from django.db.models import Sum

from khuyenhoc.areas.models import (
    Figure,
    LegacyFigure,
    ProvinceFigure,
)
from khuyenhoc.areas.reform import REFORM_YEAR, is_legacy_year
from khuyenhoc.core import registry

from .legacy import (  # noqa: F401  (the one read API states the old communes' reads too)
    SPLIT_RULE,
    legacy_history_of_commune,
    legacy_provinces_of,
    legacy_totals,
    legacy_units,
    legacy_years,
    mapped,
    sources_of,
)


def _current(rows, since=REFORM_YEAR):
    """Rows of today's communes from `since` on; since=None keeps every year (the funds'
    books of a commune association may start before the reform)."""
    return rows if since is None else rows.filter(year__gte=since)


def _with_prefix(rows, prefix):
    return rows if prefix is None else rows.filter(metric__startswith=prefix)


# Today's communes ----------------------------------------------------------------------


def of_communes(
    *, year, communes=None, province_code=None, prefix=None, metrics=None
) -> dict[int, dict[str, int]]:
    """{commune_code: {metric: value}} for a year; `communes` or `province_code` limits
    the communes and `prefix` the metrics ("funds."): one query.

    `metrics` (with `communes`) reads only those metrics, and yet keeps which apps have
    written anything for a commune (what summarise tells "no data" from zero by): a
    commune with figures of an app ("funds") but none of its `metrics` gets one of that
    app's figures as well, from a second query over those communes alone: two queries.
    The overview reads a third of the province's rows so."""
    if metrics is not None:
        return _of_communes_reading(year, list(communes), frozenset(metrics))
    rows = _with_prefix(Figure.objects.filter(year=year), prefix)
    if communes is not None:
        rows = rows.filter(commune__in=list(communes))
    if province_code is not None:
        rows = rows.filter(commune__province_id=province_code)
    result: dict[int, dict[str, int]] = {}
    for code, metric, value in rows.values_list("commune_id", "metric", "value"):
        result.setdefault(code, {})[metric] = value
    return result


def _app(metric):
    return metric.partition(".")[0]


def _of_communes_reading(year, communes, metrics) -> dict[int, dict[str, int]]:
    result: dict[int, dict[str, int]] = {}
    rows = Figure.objects.filter(year=year, commune__in=communes, metric__in=metrics)
    for code, metric, value in rows.values_list("commune_id", "metric", "value"):
        result.setdefault(code, {})[metric] = value
    apps = {_app(metric) for metric in metrics}
    unsure = {  # communes where an app may have written only what was not read
        code: apps - {_app(metric) for metric in result.get(code, ())} for code in communes
    }
    unsure = {code: missing for code, missing in unsure.items() if missing}
    # asked even when no commune is unsure (0 is no commune's code): a page costs the
    # same number of queries whatever its data (tests/public/test_queries.py)
    others = (
        Figure.objects.filter(year=year, commune__in=list(unsure) or [0])
        .exclude(metric__in=metrics)
        .values_list("commune_id", "metric", "value")
    )
    for code, metric, value in others:
        if _app(metric) in unsure[code]:
            unsure[code].discard(_app(metric))
            result.setdefault(code, {})[metric] = value
    return result


def of_commune(code, year) -> dict[str, int]:
    """{metric: value} of one commune and year: one query."""
    return of_communes(year=year, communes=[code]).get(code, {})


def years_of_commune(code, *, prefix=None, since=REFORM_YEAR) -> dict[int, dict[str, int]]:
    """{year: {metric: value}} of one commune, every year from the reform on: one query."""
    by_year: dict[int, dict[str, int]] = {}
    rows = _with_prefix(_current(Figure.objects.filter(commune_id=code), since), prefix)
    for year, metric, value in rows.values_list("year", "metric", "value"):
        by_year.setdefault(year, {})[metric] = value
    return by_year


def province_totals(province_code, *, prefix=None, since=REFORM_YEAR) -> dict[int, dict[str, int]]:
    """{year: {metric: the province's figure}}, years from the reform on: the sum over
    today's communes of the province plus the provincial association's own books (the
    Hội tỉnh's fund, ProvinceFigure), as a provincial report states them. One query.

    A move between two funds of the province (a commune's fund to the Hội tỉnh's) is in
    no receipt or payout of either; in the province's figures it is neither in nor out
    either (see _net_moves_inside), so it is never counted twice."""
    totals: dict[int, dict[str, int]] = {}
    communes = (
        _with_prefix(
            _current(Figure.objects.filter(commune__province_id=province_code), since), prefix
        )
        .values_list("year", "metric")
        .annotate(total=Sum("value"))
        .order_by()
    )
    own = _with_prefix(
        _current(ProvinceFigure.objects.filter(province_id=province_code), since), prefix
    ).values_list("year", "metric", "value")
    for year, metric, value in communes.union(own.order_by(), all=True):
        metrics = totals.setdefault(year, {})
        metrics[metric] = metrics.get(metric, 0) + value
    for metrics in totals.values():
        _net_moves_inside(metrics)
    return totals


def _net_moves_inside(metrics):
    """Every transfer into a fund of the province comes from another fund of the province
    (money from outside is a receipt): the province received nothing by it, and what its
    funds sent out, less what they received, is what left it (out of the province, or
    still on its way to a fund of the province, not yet confirmed)."""
    for into, out in registry.moves():  # funds': (transfers in, transfers out)
        inside = metrics.get(into)
        if inside is not None:
            metrics[into] = 0
            metrics[out] = metrics.get(out, 0) - inside


def of_province_association(province_code, *, prefix=None) -> dict[int, dict[str, int]]:
    """{year: {metric: value}} of the province's own association (what belongs to no
    commune, e.g. the Hội tỉnh's funds): one query."""
    by_year: dict[int, dict[str, int]] = {}
    rows = _with_prefix(ProvinceFigure.objects.filter(province_id=province_code), prefix)
    for year, metric, value in rows.values_list("year", "metric", "value"):
        by_year.setdefault(year, {})[metric] = value
    return by_year


def all_years_by_area(province_code, *, prefix) -> dict[int | None, dict[str, int]]:
    """{commune code, or None for the province's own association: {metric: sum over
    every year}} of the `prefix` metrics (a campaign that runs across a new year): two
    queries."""
    result: dict[int | None, dict[str, int]] = {}
    communes = (
        Figure.objects.filter(commune__province_id=province_code, metric__startswith=prefix)
        .values("commune_id", "metric")
        .annotate(total=Sum("value"))
        .order_by()
    )
    for row in communes:
        result.setdefault(row["commune_id"], {})[row["metric"]] = row["total"]
    own = (
        ProvinceFigure.objects.filter(province_id=province_code, metric__startswith=prefix)
        .values("metric")
        .annotate(total=Sum("value"))
        .order_by()
    )
    for row in own:
        result.setdefault(None, {})[row["metric"]] = row["total"]
    return result


def years_with_data(*, province_code=None, commune=None) -> list[int]:
    """Years from the reform on with figures of a commune, or of the province: one query."""
    rows = _current(Figure.objects.all())
    if commune is not None:
        rows = rows.filter(commune_id=commune)
    else:
        rows = rows.filter(commune__province_id=province_code)
    return sorted(rows.values_list("year", flat=True).distinct().order_by())


def units_by_year(*, province_code, years, metrics) -> dict[int, dict[int, dict[str, int]]]:
    """{year: {unit code: {metric: value}}} of the `metrics` over several years: today's
    communes for the years from the reform on, the old communes of the province (each
    once, as reported) for the years before: one query (a UNION of the two tables).
    What a province rate over the units that reported needs (figures.reporting)."""
    by_year: dict[int, dict[int, dict[str, int]]] = {year: {} for year in years}
    current = Figure.objects.filter(
        commune__province_id=province_code,
        year__in=[y for y in years if not is_legacy_year(y)],
        metric__in=metrics,
    ).values_list("year", "commune_id", "metric", "value")
    legacy = LegacyFigure.objects.filter(
        legacy_commune__in=sources_of(province_code),
        year__in=[y for y in years if is_legacy_year(y)],
        metric__in=metrics,
    ).values_list("year", "legacy_commune_id", "metric", "value")
    for year, code, metric, value in current.order_by().union(legacy.order_by(), all=True):
        by_year[year].setdefault(code, {})[metric] = value
    return by_year


def all_totals(province_code) -> dict[int, dict[str, int]]:
    """Province totals of every year: old communes before the reform (legacy_totals),
    today's after (province_totals), in one query: every public page reads them."""
    legacy = (
        LegacyFigure.objects.filter(
            legacy_commune__in=sources_of(province_code), year__lt=REFORM_YEAR
        )
        .values_list("year", "metric")
        .annotate(total=Sum("value"))
        .order_by()
    )
    communes = (
        _current(Figure.objects.filter(commune__province_id=province_code))
        .values_list("year", "metric")
        .annotate(total=Sum("value"))
        .order_by()
    )
    own = _current(ProvinceFigure.objects.filter(province_id=province_code)).values_list(
        "year", "metric", "value"
    )
    totals: dict[int, dict[str, int]] = {}
    for year, metric, value in legacy.union(communes, own.order_by(), all=True):
        metrics = totals.setdefault(year, {})
        metrics[metric] = metrics.get(metric, 0) + value
    for year, metrics in totals.items():
        if not is_legacy_year(year):
            _net_moves_inside(metrics)
    return totals


# Named groups of today's communes ------------------------------------------------------


def group_totals(*, year, groups) -> dict[int, dict[str, int]]:
    """{group id: {metric: sum over the group's communes}} for a year, from the reform
    on (a group is made of today's communes): one query. A commune in two groups counts
    in each; within a group, once."""
    totals: dict[int, dict[str, int]] = {}
    rows = (
        Figure.objects.filter(year=year, commune__groups__in=list(groups))
        .values("commune__groups", "metric")
        .annotate(total=Sum("value"))
        .order_by()
    )
    for row in rows:
        totals.setdefault(row["commune__groups"], {})[row["metric"]] = row["total"]
    return totals


def years_of_group(group) -> list[int]:
    """Years from the reform on with figures of at least one commune of the group: one query."""
    rows = _current(Figure.objects.filter(commune__groups=group))
    return sorted(rows.values_list("year", flat=True).distinct().order_by())
