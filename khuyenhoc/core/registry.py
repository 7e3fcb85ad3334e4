"""The metric registry: what each app states about an area and year, and in which words.

Titles, members and funds each register their indicators from their AppConfig.ready()
(their own indicators.py), as each app tells django.contrib.admin's site about its
models. The annual report, the public downloads, the public overview table and the
reviewer comparison iterate `indicators()` and name no metric themselves: an indicator
registered here shows in all of them.

Reading an indicator (`read`) follows the summary table's one rule: a figure missing from
the table is zero when its app wrote anything for that area and year (no zero rows are
stored) and "no data" (None) otherwise. Rates of the titles and the members per 100
inhabitants are never computed here: they come from `khuyenhoc.figures.indicators.summarise`,
which the caller passes in, so every output states the rate computed one way. summarise
itself names no metric either: it reads what the indicators declare here (a title's
stages, denominator, declared part, decisions and target; a total's `summary` key).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

from khuyenhoc.core.numbers import rate

# What a value is, for its formatting: a count, whole đồng, a decimal (members per 100
# inhabitants) or a percentage.
COUNT, MONEY, DECIMAL, RATE = "count", "money", "decimal", "rate"

# The report's sections, in the order associations report them; an indicator names one.
SECTIONS = {
    "to-chuc": "Tổ chức hội",
    "hoi-vien": "Hội viên",
    "cong-dan": "Công dân học tập",
    "danh-hieu": "Gia đình, dòng họ, cộng đồng, đơn vị học tập",
    "quy": "Quỹ khuyến học",
}


@dataclass(frozen=True)
class Indicator:
    """One line an app states about an area and year.

    Its value is, in this order of precedence: a learning title's stages (the first two
    `metrics`, registered and recognised) with, given a `denominator`, its rates from
    summarise; with `stages`, a group's two counts likewise, without a rate; the field
    `summary` of summarise's output (a total or rate computed once there);
    `compute(get)`, where `get(metric)` follows the missing-means-zero rule; or the sum
    of `metrics`.
    """

    key: str  # stable: the report's row key, which templates, sheets and tests use
    label: str  # Vietnamese, as the report and the downloads write it
    section: str  # a key of SECTIONS
    metrics: tuple[str, ...] = ()  # every summary-table name it reads
    unit: str = COUNT
    level: int = 0  # 1: a line "of which" under the line before it
    order: int = 0  # place within its section
    app: str = ""  # whose figures decide "no data"; by default the first metric's app
    compute: Callable[[Callable[[str], int | None]], object] | None = None
    summary: str = ""
    title: str = ""  # a learning title's code: registered and recognised
    denominator: str = ""  # the title's denominator (areas): rates, from summarise
    per_commune: bool = False  # a title counted against the number of communes
    stages: bool = False
    # The public downloads' column (its heading; a title gives a column per stage and,
    # with a denominator, per rate) and its place; "" leaves it out of the downloads.
    column: str = ""
    column_order: int = 0
    slug: str = ""  # a title's sort key on the public overview ("gia-dinh")
    # Its name where a page lists it under a heading of its own: a title's short name on
    # the public overview ("Gia đình"), a group's or a kind of payout's own words.
    short: str = ""
    # Rows, one level under this one, for metrics under a prefix that no indicator names
    # (a code written before the app's choices label it): (prefix, key prefix).
    others: tuple[str, str] | None = None
    # A title's metrics beyond its two counts, for summarise: every stage it writes
    # (registered … not recognised), the part of its registrations declared without a
    # named list ("tổng hợp"), and those whose value above zero means the area's year
    # has decisions (recognised or refused).
    stage_metrics: tuple[str, ...] = ()
    declared: str = ""
    decisions: tuple[str, ...] = ()
    # A rated title's target in percent in force in a year (None: no target that year).
    target: Callable[[int], int | None] | None = None

    @cached_property
    def owner(self) -> str:
        return self.app or (self.metrics[0].split(".")[0] if self.metrics else "")

    @cached_property
    def rated(self) -> bool:
        """A title with a denominator and rates (summarise's titles)."""
        return bool(self.title and self.denominator)


_registry: dict[str, Indicator] = {}
# The ordered lists, kept between registrations: the overview asks for them per row.
_lists: dict[str, tuple[Indicator, ...]] = {}
# What readers build from the registered indicators (derived), dropped with the lists.
_derived: dict[str, object] = {}


def register(*found: Indicator) -> None:
    """Adds (or replaces, by key: an app's ready() may run twice) indicators."""
    for indicator in found:
        if indicator.section not in SECTIONS:
            raise ValueError(f"unknown section {indicator.section!r} of {indicator.key!r}")
        _registry[indicator.key] = indicator
    _lists.clear()
    _derived.clear()


def unregister(*keys: str) -> None:
    for key in keys:
        _registry.pop(key, None)
    _lists.clear()
    _derived.clear()


def _listed(name, make) -> tuple[Indicator, ...]:
    if name not in _lists:
        _lists[name] = tuple(make())
    return _lists[name]


def derived(name: str, make: Callable[[], object]):
    """make(), computed once per registration state: the tables a reader builds from
    the registered indicators (summarise's keys, say), dropped when an app registers."""
    try:
        return _derived[name]
    except KeyError:
        _derived[name] = found = make()
        return found


# (into, out): metrics of moves between an app's books (transfers between funds) that the
# province's totals net out: whatever moved into a book of the province came from another.
_moves: list[tuple[str, str]] = []


def register_moves(into: str, out: str) -> None:
    if (into, out) not in _moves:
        _moves.append((into, out))


def moves() -> tuple[tuple[str, str], ...]:
    return tuple(_moves)


# The parts of the annual report's opening sentence, each app's in its own words:
# (order, part), part(value, area, figures) → list of phrases, where value(key) is a
# registered indicator's value in the report and figures the area's {metric: value}
# (None where the report has no figures beyond its indicators).
_headlines: dict[str, tuple[int, Callable]] = {}


def register_headline(name: str, order: int, part: Callable) -> None:
    _headlines[name] = (order, part)


def headline_parts() -> list[Callable]:
    return [part for _order, part in sorted(_headlines.values(), key=lambda p: p[0])]


def get(key: str) -> Indicator | None:
    """The indicator registered under `key` ("household", "members.end"), or None."""
    return _registry.get(key)


def summarised(name: str) -> tuple[Indicator, ...]:
    """The indicators whose value is summarise's field `name` ("members", "receipts")."""
    return _listed(f"summary:{name}", lambda: (i for i in indicators() if i.summary == name))


def _in_order():
    places = {key: index for index, key in enumerate(SECTIONS)}
    return sorted(_registry.values(), key=lambda i: (places[i.section], i.order, i.key))


def indicators(section: str | None = None) -> tuple[Indicator, ...]:
    """Registered indicators in report order: by section, then by their order."""
    every = _listed("", _in_order)
    if section is None:
        return every
    return _listed(f"section:{section}", lambda: (i for i in every if i.section == section))


def columns() -> tuple[Indicator, ...]:
    """The indicators of the public downloads, in column order."""
    return _listed(
        "columns",
        lambda: sorted((i for i in _registry.values() if i.column), key=lambda i: i.column_order),
    )


def titles() -> tuple[Indicator, ...]:
    """The learning titles (with and without a rate), in report order."""
    return _listed("titles", lambda: (i for i in indicators() if i.title))


def rated_titles() -> tuple[Indicator, ...]:
    """The titles with a denominator and rates, as summarise computes them."""
    return _listed("rated", lambda: (i for i in indicators() if i.rated))


def metrics() -> list[str]:
    """Every summary-table name a registered indicator reads, once each."""
    return list(dict.fromkeys(m for i in indicators() for m in i.metrics))


def wrote(figures: Mapping[str, int], app: str) -> bool:
    """Whether the app wrote any figure of the area and year."""
    prefix = app + "."
    return any(key.startswith(prefix) for key in figures)


def getter(figures: Mapping[str, int]) -> Callable[[str], int | None]:
    """metric → value: zero when its app wrote anything (no zero rows are stored), None
    otherwise; the denominators of areas are None when missing."""
    known: dict[str, bool] = {}

    def get(metric: str):
        app = metric.split(".")[0]
        if app not in known:
            known[app] = app != "areas" and wrote(figures, app)
        return figures.get(metric, 0 if known[app] else None)

    return get


def _blank() -> dict:
    return {
        "value": None,
        "registered": None,
        "denominator": None,
        "registered_rate": None,
        "rate": None,
        "target": None,
        "below": False,
        "has_stages": False,
    }


def read(indicator: Indicator, figures: Mapping[str, int], summary: dict, *, communes=1) -> dict:
    """What an indicator states for one area and year: "value" and, for titles and
    groups, "registered", "denominator", the rates, the target. `summary` is
    summarise(figures, year); `communes` the denominator of a title per commune."""
    if indicator.rated:  # the downloads ask this per commune and title: one dict, built once
        t = summary["titles"][indicator.title]
        return {
            "value": t["recognised"],
            "registered": t["registered"],
            "denominator": t["denominator"],
            "registered_rate": t["registered_rate"],
            "rate": t["recognised_rate"],
            "target": t["target"],
            "below": t["below"],
            "has_stages": True,
            "source": t["source"],
        }
    out = _blank()
    if indicator.summary and not (indicator.title or indicator.stages):
        out["value"] = summary[indicator.summary]
        return out
    get = getter(figures)
    if indicator.title or indicator.stages:
        registered, recognised = get(indicator.metrics[0]), get(indicator.metrics[1])
        out.update(value=recognised, registered=registered, has_stages=True)
        if indicator.per_commune:
            whole = communes if recognised is not None else None
            out.update(
                denominator=whole,
                registered_rate=rate(registered, whole),
                rate=rate(recognised, whole),
            )
    elif indicator.compute is not None:
        out["value"] = indicator.compute(get)
    else:
        values = [get(metric) for metric in indicator.metrics]
        out["value"] = None if None in values else sum(values)
    return out


def with_others(found: list[Indicator], figures: Mapping[str, int]) -> list[Indicator]:
    """`found` with the rows of unnamed metrics (`others`) after the last indicator that
    reads a metric under the same prefix."""
    out = list(found)
    for indicator in found:
        extra = others(indicator, figures)
        if not extra:
            continue
        prefix = indicator.others[0]
        last = max(
            (n for n, i in enumerate(out) if any(m.startswith(prefix) for m in i.metrics)),
            default=out.index(indicator),
        )
        out[last + 1 : last + 1] = extra
    return out


def others(indicator: Indicator, figures: Mapping[str, int]) -> list[Indicator]:
    """Indicators for the metrics under `indicator.others`' prefix that none names, by
    code: they still show, under their code, until the app labels them."""
    if indicator.others is None:
        return []
    prefix, key_prefix = indicator.others
    named = {m for i in _registry.values() for m in i.metrics}
    codes = sorted(
        key.removeprefix(prefix) for key in figures if key.startswith(prefix) and key not in named
    )
    return [
        Indicator(
            key=f"{key_prefix}{code}",
            label=code,
            section=indicator.section,
            metrics=(f"{prefix}{code}",),
            level=indicator.level + 1,  # under the total that declares them
            order=indicator.order,
        )
        for code in codes
    ]
