"""Figures of the pre-2025 units (LegacyFigure) and how they map onto today's communes.

Years before the 2025 reform belong to the old communes. They are shown as they were
reported, and can also be viewed on today's communes through the official old→new
conversion table (LegacyMapping). The rule for split units, stated on the public pages:

    An old commune that was split (is_partly_merged) feeds every new commune that
    received a part of it: its whole figures, counts and denominators alike, are
    attributed to each of them, and those communes are marked. No proportion is
    invented, because the official table does not say how people were divided.
    Province totals are therefore always added up over the old communes themselves,
    each counted once, never over the mapped rows.
"""

from django.db import transaction
from django.db.models import Sum

from . import metrics
from .models import LegacyCommune, LegacyFigure, LegacyMapping, LegacyProvince

# The first year whose figures belong to today's communes.
REFORM_YEAR = 2025

SPLIT_RULE = (
    "Một xã cũ bị chia cho nhiều xã mới (sáp nhập một phần) được tính trọn vẹn, cả số "
    "đăng ký, công nhận lẫn số liệu nền, cho mỗi xã mới nhận một phần của nó; các xã mới "
    "đó được đánh dấu ※. Không chia theo tỷ lệ vì bảng chuyển đổi chính thức không cho "
    "biết dân cư được chia thế nào. Số tổng của tỉnh luôn được cộng trên các xã cũ, mỗi "
    "xã cũ một lần."
)


def is_legacy_year(year: int) -> bool:
    return year < REFORM_YEAR


def _sources_of(province_code):
    """The old communes that fed at least one commune of the province (a subquery)."""
    return LegacyMapping.objects.filter(commune__province_id=province_code).values("legacy_commune")


def legacy_provinces_of(province_code) -> list[str]:
    """Names of the old provinces whose communes now belong to the province."""
    return list(
        LegacyProvince.objects.filter(districts__communes__in=_sources_of(province_code))
        .distinct()
        .order_by("code")
        .values_list("name", flat=True)
    )


def years_of(province_code) -> list[int]:
    return sorted(
        LegacyFigure.objects.filter(legacy_commune__in=_sources_of(province_code))
        .values_list("year", flat=True)
        .distinct()
    )


def unit_figures(*, year, province_code):
    """The old communes with figures in a year, as reported: one query.

    Returns a list of dicts {code, name, district, province, figures} sorted by
    old province, district and name.
    """
    units: dict[int, dict] = {}
    rows = (
        LegacyFigure.objects.filter(year=year, legacy_commune__in=_sources_of(province_code))
        .values_list(
            "legacy_commune_id",
            "legacy_commune__name",
            "legacy_commune__district__name",
            "legacy_commune__district__province__name",
            "legacy_commune__district__province_id",
            "metric",
            "value",
        )
        .order_by()
    )
    for code, name, district, province, province_id, metric, value in rows:
        unit = units.setdefault(
            code,
            {
                "code": code,
                "name": name,
                "district": district,
                "province": province,
                "order": (province_id, district, name),
                "figures": {},
            },
        )
        unit["figures"][metric] = value
    return sorted(units.values(), key=lambda u: u["order"])


def mapped_figures(*, year, province_code, communes=None):
    """Figures of the old communes attributed to today's communes: two queries.

    Returns ({commune_code: {metric: value}}, {commune_code: [names of split sources]}).
    See the module docstring for the rule on split units.
    """
    mappings = LegacyMapping.objects.filter(commune__province_id=province_code)
    if communes is not None:
        mappings = mappings.filter(commune__in=communes)
    targets: dict[int, list[tuple[int, bool]]] = {}
    names: dict[int, str] = {}
    for old, new, partly, name in mappings.values_list(
        "legacy_commune_id", "commune_id", "is_partly_merged", "legacy_commune__name"
    ):
        targets.setdefault(old, []).append((new, partly))
        names[old] = name
    rows = LegacyFigure.objects.filter(year=year, legacy_commune__in=list(targets)).values_list(
        "legacy_commune_id", "metric", "value"
    )
    mapped: dict[int, dict[str, int]] = {}
    split: dict[int, list[str]] = {}
    for old, metric, value in rows:
        for new, partly in targets[old]:
            bucket = mapped.setdefault(new, {})
            bucket[metric] = bucket.get(metric, 0) + value
            if partly and names[old] not in split.setdefault(new, []):
                split[new].append(names[old])
    return mapped, split


def commune_history(commune_code) -> tuple[dict[int, dict[str, int]], list[dict]]:
    """Every legacy year of one of today's communes, mapped by the same rule: two queries.

    Returns ({year: {metric: value}}, [{name, district, province, partly}] of its sources).
    """
    sources = list(
        LegacyMapping.objects.filter(commune_id=commune_code)
        .order_by("legacy_commune__name")
        .values_list(
            "legacy_commune_id",
            "legacy_commune__name",
            "legacy_commune__district__name",
            "legacy_commune__district__province__name",
            "is_partly_merged",
        )
    )
    by_year: dict[int, dict[str, int]] = {}
    rows = LegacyFigure.objects.filter(legacy_commune__in=[s[0] for s in sources]).values_list(
        "year", "metric", "value"
    )
    for year, metric, value in rows:
        bucket = by_year.setdefault(year, {})
        bucket[metric] = bucket.get(metric, 0) + value
    described = [
        {"name": name, "district": district, "province": province, "partly": partly}
        for _code, name, district, province, partly in sources
    ]
    return by_year, described


def province_totals(province_code) -> dict[int, dict[str, int]]:
    """{year: {metric: sum}} over the old communes of the province, each once: one query."""
    totals: dict[int, dict[str, int]] = {}
    rows = (
        LegacyFigure.objects.filter(legacy_commune__in=_sources_of(province_code))
        .values("year", "metric")
        .annotate(total=Sum("value"))
        .order_by()
    )
    for row in rows:
        totals.setdefault(row["year"], {})[row["metric"]] = row["total"]
    return totals


def _demo_figures(rng, year_index, population):
    adults = int(population * rng.uniform(0.64, 0.72))
    households = int(population / rng.uniform(3.6, 4.0))
    denominators = {
        metrics.POPULATION: population,
        metrics.ADULTS: adults,
        metrics.HOUSEHOLDS: households,
        metrics.CLANS: max(2, households // rng.randint(40, 120)),
        metrics.VILLAGES: rng.randint(4, 18),
        metrics.UNITS: rng.randint(3, 20),
    }
    figures = dict(denominators)
    for title, (_label, denominator) in metrics.TITLES.items():
        whole = denominators[denominator] if denominator else 1
        registered = int(whole * min(1.0, rng.uniform(0.45, 0.95) + 0.03 * year_index))
        recognised = int(registered * rng.uniform(0.5, 0.9))
        figures[metrics.title_metric(title, "registered")] = registered
        figures[metrics.title_metric(title, "recognised")] = recognised
    figures[metrics.MEMBERS_END] = int(population * rng.uniform(0.12, 0.3))
    figures[metrics.FUND_RECEIPTS_CASH] = rng.randint(20, 400) * 1_000_000
    figures[metrics.payout_amount_metric("hoc_bong")] = rng.randint(5, 150) * 1_000_000
    return {metric: value for metric, value in figures.items() if value}


@transaction.atomic
def seed(ctx):
    """Demo figures of the old communes that fed the province, for ctx.legacy_years."""
    rng = ctx.rng("areas.legacy")
    codes = [c.code for c in ctx.communes]
    olds = list(
        LegacyCommune.objects.filter(mappings__commune__in=codes)
        .distinct()
        .order_by("code")
        .values_list("code", flat=True)
    )
    if not olds or not ctx.legacy_years:
        return
    # the old communes held a little fewer people than today's (2.4 of 2.5 million)
    total_people = (
        ctx.province_people * 24 // 25 if ctx.scale == "province" else 16_000 * len(codes)
    )
    average = total_people / len(olds)
    rows = []
    for code in olds:
        population = int(average * rng.uniform(0.5, 1.5))
        for index, year in enumerate(sorted(ctx.legacy_years)):
            population = int(population * rng.uniform(1.002, 1.012))
            for metric, value in _demo_figures(rng, index, population).items():
                rows.append(
                    LegacyFigure(legacy_commune_id=code, year=year, metric=metric, value=value)
                )
    LegacyFigure.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    ctx.say(
        f"  {len(olds)} xã cũ: số liệu các năm {', '.join(map(str, ctx.legacy_years))} "
        "(trước sáp nhập)."
    )
