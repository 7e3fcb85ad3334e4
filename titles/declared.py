"""Which declared counts the figures use, and how they compare with the named lists.

The one rule, read by the summary figures (figures.py), the bounds check of the
services (declared_services.py) and the staff page alike:

    A named list takes over. A village's declared count of a title and year is used
    unless a named registration (not withdrawn) of that title and year lives in that
    village: a citizen or household of the village, or the village itself. Clans and
    units live in no one village, so any named registration of the commune for that
    title and year takes over every village's declared count of it.

Reads only; the writes are in declared_services.py.
"""

from dataclasses import dataclass, field

from django.db.models import Count, F
from django.db.models.functions import Coalesce

from khuyenhoc.figures.indicators import DECLARED, LISTED

from .metrics import TITLES
from .models import DECLARABLE, DeclaredCount, Registration

# Titles whose named registrations are placed in a village (people and households live
# in one; a village is its own subject): their lists take over village by village.
PER_VILLAGE = ("citizen", "household", "village")

RULE = (
    "Danh sách có tên được ưu tiên: số lượng khai báo của một thôn chỉ được dùng khi thôn đó "
    "chưa có đăng ký có tên nào cho danh hiệu và năm ấy (công dân, hộ gia đình của thôn, hay "
    "chính thôn). Dòng họ và đơn vị không thuộc riêng một thôn: chỉ cần xã có một đăng ký có "
    "tên là danh sách thay cho mọi số lượng khai báo của danh hiệu ấy."
)

# The village a named registration belongs to; None for clans, units and the commune.
_VILLAGE_OF = Coalesce(F("citizen__village_id"), F("household__village_id"), F("village_id"))


def _named(rows):
    return rows.exclude(state=Registration.State.WITHDRAWN).annotate(place=_VILLAGE_OF)


def named_places(*, communes, years, titles) -> set[tuple]:
    """{(commune, year, title, village or None)} that have a named registration: one query."""
    rows = _named(
        Registration.objects.filter(commune__in=communes, year__in=years, title__in=titles)
    )
    return set(rows.values_list("commune_id", "year", "title", "place").distinct().order_by())


def is_taken_over(places, commune, year, title, village) -> bool:
    key = village if title in PER_VILLAGE else None
    return (commune, year, title, key) in places


def in_use(*, communes=None, years=None) -> dict[tuple[int, int], dict[str, list[int]]]:
    """{(commune, year): {title: [registered, recognised]}}, summed over the villages
    whose declared count the figures use: two queries, one when nothing is declared."""
    rows = DeclaredCount.objects.all()
    if communes is not None:
        rows = rows.filter(commune__in=list(communes))
    if years is not None:
        rows = rows.filter(year__in=list(years))
    declared = list(
        rows.values_list("commune_id", "year", "title", "village_id", "registered", "recognised")
    )
    if not declared:
        return {}
    places = named_places(
        communes={r[0] for r in declared},
        years={r[1] for r in declared},
        titles={r[2] for r in declared},
    )
    result: dict = {}
    for commune, year, title, village, registered, recognised in declared:
        if is_taken_over(places, commune, year, title, village):
            continue
        sums = result.setdefault((commune, year), {}).setdefault(title, [0, 0])
        sums[0] += registered
        sums[1] += recognised
    return result


# The staff page: declared against named, village by village -----------------------------


@dataclass
class VillageLine:
    village_id: int
    name: str
    declared: tuple[int, int] | None  # (registered, recognised) declared, or None
    named: tuple[int, int] = (0, 0)  # (registered, recognised) of the named list
    taken_over: bool = False
    per_village: bool = True  # False for clans and units: compared for the whole commune
    record_id: int | None = None  # the declared count's row, for its change history

    @property
    def used(self) -> str:
        if self.declared is None or self.taken_over:
            return LISTED if self.named[0] else ""
        return DECLARED

    @property
    def difference(self) -> tuple[int, int] | None:
        """Named minus declared, shown where both exist (the list took over)."""
        if self.declared is None or not self.taken_over or not self.per_village:
            return None
        return (self.named[0] - self.declared[0], self.named[1] - self.declared[1])


@dataclass
class TitleComparison:
    title: str
    name: str
    lines: list[VillageLine] = field(default_factory=list)
    commune_named: tuple[int, int] = (0, 0)  # clans and units: the commune's whole list

    @property
    def declared_total(self) -> tuple[int, int]:
        found = [line.declared for line in self.lines if line.declared]
        return (sum(d[0] for d in found), sum(d[1] for d in found))

    @property
    def has_declared(self) -> bool:
        return any(line.declared for line in self.lines)

    @property
    def per_village(self) -> bool:
        return self.title in PER_VILLAGE

    @property
    def differences(self) -> list[VillageLine]:
        return [line for line in self.lines if line.difference is not None]

    @property
    def differs(self) -> bool:
        """Whether a named list took over a declared count that says otherwise."""
        return any(
            d != (0, 0)
            for d in (*map(lambda line: line.difference, self.differences), self.commune_difference)
            if d
        )

    @property
    def commune_difference(self) -> tuple[int, int] | None:
        """Clans and units: the commune's named list minus every declared count, once
        the list has taken over."""
        if self.per_village or not self.has_declared or not self.commune_named[0]:
            return None
        declared = self.declared_total
        return (self.commune_named[0] - declared[0], self.commune_named[1] - declared[1])


def comparison(*, commune, year, villages) -> list[TitleComparison]:
    """Per declarable title, every village of `villages` ({id: name}) and those with a
    declared count: what was declared, what the named list counts, which one the
    figures use and their difference. Three queries."""
    declared, records = {}, {}
    for pk, title, village, registered, recognised in DeclaredCount.objects.filter(
        commune=commune, year=year
    ).values_list("pk", "title", "village_id", "registered", "recognised"):
        declared[title, village] = (registered, recognised)
        records[title, village] = pk
    named: dict[tuple, list[int]] = {}
    rows = _named(Registration.objects.filter(commune=commune, year=year, title__in=DECLARABLE))
    for title, place, state, n in (
        rows.values_list("title", "place", "state").annotate(n=Count("id")).order_by()
    ):
        sums = named.setdefault((title, place), [0, 0])
        sums[0] += n
        if state == Registration.State.RECOGNISED:
            sums[1] += n
    names = dict(villages)
    missing = {v for _t, v in declared if v not in names}
    if missing:  # a village merged or closed since it declared
        from khuyenhoc.areas.models import Village

        names |= dict(Village.objects.filter(pk__in=missing).values_list("pk", "name"))
    result = []
    for title in DECLARABLE:
        whole = tuple(named.get((title, None), (0, 0)))
        block = TitleComparison(title, TITLES[title][0], commune_named=whole)
        for village, name in names.items():
            if title in PER_VILLAGE:
                mine = tuple(named.get((title, village), (0, 0)))
                taken = bool(mine[0])
            else:
                mine, taken = (0, 0), bool(whole[0])
            line = VillageLine(
                village,
                name,
                declared.get((title, village)),
                mine,
                taken,
                title in PER_VILLAGE,
                records.get((title, village)),
            )
            block.lines.append(line)
        result.append(block)
    return result
