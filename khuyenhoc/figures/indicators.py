"""From a {metric: value} dict of one area and year to its indicators (counts and rates).

Pure functions, no database: the public pages, the downloads and the annual report all go
through `summarise`, so a rate is computed one way everywhere. A figure missing from the
summary table means zero when its app has written anything for that area and year (the
table stores no zero rows), and "no data" otherwise.

Two rules keep a published rate true: before any decision of the area's year the
recognised rate is "not yet decided" (None, `undecided`), not 0 %; and a count above its
denominator gives no rate at all (None, `exceeds`): nothing above 100 % is published.

It names no metric of an app: which titles have a rate, their counts, denominators,
declared parts, decisions and targets, and the totals it adds up (members, receipts,
payouts) are what titles, members and funds register (khuyenhoc.core.registry).
"""

from khuyenhoc.areas.metrics import POPULATION
from khuyenhoc.core import registry
from khuyenhoc.core.numbers import rate

RANK_RULE = (
    "Xếp hạng theo trung bình cộng tỷ lệ được công nhận của các danh hiệu có chỉ tiêu "
    "677/QĐ-TTg (Gia đình, Dòng họ, Cộng đồng học tập cấp thôn, Đơn vị học tập) có số liệu."
)


class _Keys:
    """The metric names summarise reads, taken once from the registered indicators
    (khuyenhoc.core.registry) and kept until an app registers again: the overview of the
    old communes summarises 479 areas a request."""

    def __init__(self):
        rated = registry.rated_titles()
        self.rate_titles = tuple(i.title for i in rated)
        self.title_app = {i.title: i.owner for i in rated}
        # title → (denominator, registered, recognised, declared registered)
        self.title_keys = {
            i.title: (i.denominator, i.metrics[0], i.metrics[1], i.declared) for i in rated
        }
        # (title, app, denominator, registered, recognised, declared) in order: the loop
        # of summarise unpacks one tuple a title
        self.title_rows = tuple((i.title, i.owner, *self.title_keys[i.title]) for i in rated)
        # Any of these above zero means the area's year has decisions (recognised or refused).
        self.decision_keys = tuple(key for i in registry.titles() for key in i.decisions)
        self.decision_apps = frozenset(i.owner for i in registry.titles() if i.decisions)
        self.targets = {i.title: i.target for i in rated}
        self.target_years: dict[int, dict[str, int | None]] = {}
        # The titles without a rate (Cộng đồng học tập cấp xã): their two counts, as
        # "<title>_registered" and "<title>_recognised".
        self.counted = tuple(
            (f"{i.title}_registered", f"{i.title}_recognised", i.owner, *i.metrics[:2])
            for i in registry.titles()
            if not i.rated
        )
        # summarise's totals: (field, app, metrics), and the rates of a total against a
        # denominator of areas: (field, total field, denominator metric).
        totals, per = {}, []
        for i in registry.indicators():
            if not i.summary or i.title or i.stages or i.owner == "areas":
                continue
            if POPULATION in i.metrics:
                per.append((i.summary, _total_of(i), POPULATION))
            else:
                totals[i.summary] = (i.owner, i.metrics)
        # with as many zeros as metrics: sum(map(figures.get, keys, zeros)), at C speed
        self.totals = tuple(
            (field, app, keys, (0,) * len(keys)) for field, (app, keys) in totals.items()
        )
        self.per = tuple(per)
        self.slugs = {i.title: i.slug for i in rated if i.slug}
        self.short = {i.title: i.short for i in registry.titles() if i.short}
        self.summarised = frozenset(
            [key for keys in self.title_keys.values() for key in keys if key]
            + list(self.decision_keys)
            + [key for c in self.counted for key in c[3:]]
            + [POPULATION]
            + [key for _field, _app, keys, _zeros in self.totals for key in keys]
        )

    def targets_in(self, year) -> dict[str, int | None]:
        """Each rate title's target in force in `year`: looked up once a year, not once
        for each of the province's thousand area-years."""
        if year not in self.target_years:
            self.target_years[year] = {
                title: target(year) if target else None for title, target in self.targets.items()
            }
        return self.target_years[year]


def _total_of(indicator) -> str:
    """The total a rate per inhabitants is of: the other indicator with the same metric
    ("members.per100" reads members.end's metric against the population)."""
    part = [key for key in indicator.metrics if key != POPULATION]
    for other in registry.indicators():
        if other.summary and other.summary != indicator.summary and other.metrics == tuple(part):
            return other.summary
    raise LookupError(f"no total for {indicator.key!r}")


def keys() -> _Keys:
    return registry.derived("summarise", _Keys)


def rate_titles() -> tuple[str, ...]:
    """The codes of the titles with a rate, in report order ("citizen", "household", …)."""
    return keys().rate_titles


def slugs() -> dict[str, str]:
    """title → its sort key on the public overview ("household" → "gia-dinh")."""
    return keys().slugs


def short(title: str) -> str:
    """A title's short name on the public overview ("Gia đình")."""
    return keys().short[title]


def summarised() -> frozenset[str]:
    """Every metric whose value summarise reads (besides which apps have any figure):
    what a page that only summarises has to fetch. tests/areas/test_summarised_metrics.py
    keeps it true."""
    return keys().summarised


def _within(part, whole):
    """The rate of part in whole, or None when part exceeds whole (bad data, never shown)."""
    if part is not None and whole and part > whole:
        return None
    return rate(part, whole)


# How a title's figures of an area were made (titles/declared.py): from counts declared
# per village without a named list, from named lists, or both.
DECLARED, LISTED, BOTH = "tổng hợp", "theo danh sách", "theo danh sách và tổng hợp"


def source_of(figures: dict[str, int], title: str) -> str:
    """ "tổng hợp", "theo danh sách", both, or "" when nothing is registered."""
    indicator = registry.get(title)
    return _source(figures, indicator.metrics[0], indicator.declared)


def _source(figures, registered_key, declared_key) -> str:
    total = figures.get(registered_key, 0)
    declared = figures.get(declared_key, 0)
    if not total:
        return ""
    if not declared:
        return LISTED
    return DECLARED if declared == total else BOTH


class _AppOf(dict):
    """metric → its app ("titles.household.registered" → "titles"), None without a dot:
    each name split once per process, then a dictionary look-up (C speed over a map)."""

    def __missing__(self, metric):
        app, dot, _rest = metric.partition(".")
        self[metric] = app if dot else None
        return self[metric]


_APP_OF = _AppOf()


def _apps_with_figures(figures) -> set[str]:
    """The apps ("titles", "members", "funds") with at least one figure, in one pass."""
    apps = set(map(_APP_OF.__getitem__, figures))
    apps.discard(None)
    return apps


def summarise(figures: dict[str, int], year: int) -> dict:
    k = keys()
    apps = _apps_with_figures(figures)
    titles = {}
    below = []
    targets = k.targets_in(year)
    decided = bool(apps & k.decision_apps) and any(figures.get(key) for key in k.decision_keys)
    for title, app, denominator_key, registered_key, recognised_key, declared_key in k.title_rows:
        has_titles = app in apps
        denominator = figures.get(denominator_key)
        registered = figures.get(registered_key, 0) if has_titles else None
        recognised = figures.get(recognised_key, 0) if has_titles else None
        undecided = has_titles and not decided and bool(denominator)
        recognised_rate = None if undecided else _within(recognised, denominator)
        registered_rate = _within(registered, denominator)
        exceeds = bool(denominator) and max(registered or 0, recognised or 0) > denominator
        target = targets[title]
        is_below = target is not None and recognised_rate is not None and recognised_rate < target
        if is_below:
            below.append(title)
        titles[title] = {
            "registered": registered,
            "recognised": recognised,
            "denominator": denominator,
            "registered_rate": registered_rate,
            "recognised_rate": recognised_rate,
            "target": target,
            "below": is_below,
            "source": _source(figures, registered_key, declared_key),
            "undecided": undecided,
            "exceeds": exceeds,
        }
    scored = [
        titles[t]["recognised_rate"]
        for t in k.rate_titles
        if titles[t]["target"] is not None and titles[t]["recognised_rate"] is not None
    ]
    out = {"titles": titles}
    for registered_field, recognised_field, app, registered_key, recognised_key in k.counted:
        has = app in apps
        out[registered_field] = figures.get(registered_key, 0) if has else None
        out[recognised_field] = figures.get(recognised_key, 0) if has else None
    out["population"] = figures.get(POPULATION)
    for field, app, metric_keys, zeros in k.totals:
        out[field] = sum(map(figures.get, metric_keys, zeros)) if app in apps else None
    for field, total, denominator_key in k.per:
        out[field] = _within(out[total], figures.get(denominator_key))
    out["decided"] = decided
    out["below"] = below
    out["score"] = sum(scored) / len(scored) if scored else None
    return out


def add_up(figure_dicts) -> dict[str, int]:
    total: dict[str, int] = {}
    for figures in figure_dicts:
        for metric, value in figures.items():
            total[metric] = total.get(metric, 0) + value
    return total


def rank(rows):
    """Sets row["rank"] 1, 2, … by score (highest first); equal scores share a rank."""
    scored = sorted((r for r in rows if r["score"] is not None), key=lambda r: -r["score"])
    previous, place = None, 0
    for index, row in enumerate(scored, start=1):
        if row["score"] != previous:
            place, previous = index, row["score"]
        row["rank"] = place
    for row in rows:
        row.setdefault("rank", None)


def sort_value(row, key):
    """The value a column sorts by, or None (always last) when there is no figure."""
    if key == "ten":
        return row["sort_name"]
    if key == "xep-hang":
        return row["rank"]
    if key == "hoi-vien":
        return row["members_per_100"]
    if key == "thu-quy":
        return row["receipts"]
    if key == "chi-quy":
        return row["payouts"]
    slug, _, stage = key.rpartition("-")
    for title, title_slug in slugs().items():
        if title_slug == slug and stage in ("dk", "cn"):
            field = "registered_rate" if stage == "dk" else "recognised_rate"
            return row["titles"][title][field]
    return None


def sort_keys():
    keys = ["ten", "xep-hang", "hoi-vien", "thu-quy", "chi-quy"]
    for slug in slugs().values():
        keys += [f"{slug}-dk", f"{slug}-cn"]
    return keys


def sort_rows(rows, sort):
    """sort is a key, optionally prefixed by "-" for descending; unknown keys → by rank."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in sort_keys():
        key, descending = "xep-hang", False
    present = [r for r in rows if sort_value(r, key) is not None]
    missing = [r for r in rows if sort_value(r, key) is None]
    present.sort(key=lambda r: (sort_value(r, key), r["sort_name"]), reverse=descending)
    missing.sort(key=lambda r: r["sort_name"])
    return present + missing, ("-" if descending else "") + key
