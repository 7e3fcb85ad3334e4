"""The years before the reform as they were reported, level by level: province → old
district or city → old commune, with totals at every level and the "x/N" of each title
(khuyenhoc.figures.coverage). Two queries whatever the size of the province."""

from khuyenhoc.areas.models import LegacyCommune, LegacyFigure
from khuyenhoc.figures.indicators import add_up

from .coverage import every_title
from .legacy import sources_of


def legacy_tree(*, year, province_code, district=None) -> list[dict]:
    """The old districts that fed the province (or the one `district`), each
    {code, name, kind, province, communes, figures, reached}; `communes` lists every old
    commune of the district that fed the province, {code, name, kind, figures}, with
    empty figures when it reported nothing that year (it still counts in N)."""
    olds = LegacyCommune.objects.filter(pk__in=sources_of(province_code))
    if district is not None:
        olds = olds.filter(district_id=district)
    rows = olds.order_by("district__name", "name").values_list(
        "code",
        "name",
        "kind",
        "district_id",
        "district__name",
        "district__kind",
        "district__province__name",
    )
    figures: dict[int, dict[str, int]] = {}
    values = LegacyFigure.objects.filter(year=year, legacy_commune__in=olds).values_list(
        "legacy_commune_id", "metric", "value"
    )
    for code, metric, value in values:
        figures.setdefault(code, {})[metric] = value
    districts: dict[int, dict] = {}
    for code, name, kind, district_code, district_name, district_kind, province in rows:
        entry = districts.setdefault(
            district_code,
            {
                "code": district_code,
                "name": district_name,
                "kind": district_kind,
                "province": province,
                "communes": [],
            },
        )
        entry["communes"].append(
            {"code": code, "name": name, "kind": kind, "figures": figures.get(code, {})}
        )
    for entry in districts.values():
        units = [c["figures"] for c in entry["communes"]]
        entry["figures"] = add_up(units)
        entry["reached"] = every_title(units)
    return list(districts.values())


def legacy_province_reached(tree) -> dict[str, dict[str, int]]:
    """The province's "x/N" over every old commune of the tree."""
    return every_title(c["figures"] for d in tree for c in d["communes"])
