"""The old communes' figures (LegacyFigure), the years before the reform as they were
reported, and those figures viewed on today's communes through the official old→new
table (LegacyMapping). Read through khuyenhoc.figures.selectors, the one read API.

The rule for split units, stated on the public pages:

    An old commune that was split (is_partly_merged) feeds every new commune that
    received a part of it: its whole figures, counts and denominators alike, are
    attributed to each of them, and those communes are marked. No proportion is
    invented, because the official table does not say how people were divided.
    Province totals are therefore always added up over the old communes themselves,
    each counted once, never over the mapped rows.

Each reader costs one or two queries whatever the size of the province.
"""

from django.db.models import Sum

from khuyenhoc.areas.models import LegacyCommune, LegacyFigure, LegacyMapping, LegacyProvince
from khuyenhoc.areas.reform import REFORM_YEAR, is_legacy_year

SPLIT_RULE = (
    "Một xã cũ bị chia cho nhiều xã mới (sáp nhập một phần) được tính trọn vẹn, cả số "
    "đăng ký, công nhận lẫn số liệu nền, cho mỗi xã mới nhận một phần của nó; các xã mới "
    "đó được đánh dấu ※. Không chia theo tỷ lệ vì bảng chuyển đổi chính thức không cho "
    "biết dân cư được chia thế nào. Số tổng của tỉnh luôn được cộng trên các xã cũ, mỗi "
    "xã cũ một lần."
)


def sources_of(province_code):
    """The old communes that fed at least one commune of the province (a subquery)."""
    return LegacyMapping.objects.filter(commune__province_id=province_code).values("legacy_commune")


def legacy_provinces_of(province_code) -> list[str]:
    """Names of the old provinces whose communes now belong to the province."""
    return list(
        LegacyProvince.objects.filter(districts__communes__in=sources_of(province_code))
        .distinct()
        .order_by("code")
        .values_list("name", flat=True)
    )


def legacy_years(province_code) -> list[int]:
    return sorted(
        LegacyFigure.objects.filter(legacy_commune__in=sources_of(province_code))
        .values_list("year", flat=True)
        .distinct()
    )


def legacy_units(*, year, province_code):
    """The old communes with figures in a year, as reported: two queries.

    Returns a list of dicts {code, name, district, province, figures} sorted by
    old province, district and name.
    """
    # Names and figures apart: joined, the names came back once per figure row (8,600
    # rows of seven columns for 479 communes), which cost most of the overview's time.
    figures: dict[int, dict[str, int]] = {}
    rows = (
        LegacyFigure.objects.filter(year=year, legacy_commune__in=sources_of(province_code))
        .values_list("legacy_commune_id", "metric", "value")
        .order_by()
    )
    for code, metric, value in rows:
        figures.setdefault(code, {})[metric] = value
    communes = LegacyCommune.objects.filter(pk__in=list(figures)).values_list(
        "pk", "name", "district__name", "district__province__name", "district__province_id"
    )
    units = [
        {
            "code": code,
            "name": name,
            "district": district,
            "province": province,
            "order": (province_id, district, name),
            "figures": figures[code],
        }
        for code, name, district, province, province_id in communes
    ]
    return sorted(units, key=lambda u: u["order"])


def mapped(*, year, province_code, communes=None):
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
    result: dict[int, dict[str, int]] = {}
    split: dict[int, list[str]] = {}
    seen = set()
    for old, metric, value in rows:
        for new, _partly in targets[old]:
            bucket = result.setdefault(new, {})
            bucket[metric] = bucket.get(metric, 0) + value
        if old not in seen:  # an old commune's split, once, not once for each metric
            seen.add(old)
            for new, partly in targets[old]:
                if partly and names[old] not in split.setdefault(new, []):
                    split[new].append(names[old])
    return result, split


def legacy_history_of_commune(commune_code) -> tuple[dict[int, dict[str, int]], list[dict]]:
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
        if not is_legacy_year(year):
            continue
        bucket = by_year.setdefault(year, {})
        bucket[metric] = bucket.get(metric, 0) + value
    described = [
        {"name": name, "district": district, "province": province, "partly": partly}
        for _code, name, district, province, partly in sources
    ]
    return by_year, described


def legacy_totals(province_code) -> dict[int, dict[str, int]]:
    """{year: {metric: sum}} over the old communes of the province, each once, legacy
    years only: one query."""
    totals: dict[int, dict[str, int]] = {}
    rows = (
        LegacyFigure.objects.filter(
            legacy_commune__in=sources_of(province_code), year__lt=REFORM_YEAR
        )
        .values("year", "metric")
        .annotate(total=Sum("value"))
        .order_by()
    )
    for row in rows:
        totals.setdefault(row["year"], {})[row["metric"]] = row["total"]
    return totals
