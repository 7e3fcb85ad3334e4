"""From a {metric: value} dict of one area and year to its indicators (counts and rates).

Pure functions, no database: the public pages, the downloads and the annual report all go
through `summarise`, so a rate is computed one way everywhere. A figure missing from the
summary table means zero when its app has written anything for that area and year (the
table stores no zero rows), and "no data" otherwise.

Two rules keep a published rate true: before any decision of the area's year the
recognised rate is "not yet decided" (None, `undecided`), not 0 %; and a count above its
denominator gives no rate at all (None, `exceeds`): nothing above 100 % is published.
"""

from functools import lru_cache

from khuyenhoc.areas import metrics as m
from khuyenhoc.core.numbers import rate

# Titles with a rate on the overview; "commune" (Cộng đồng học tập cấp xã) is a yes/no.
RATE_TITLES = ("citizen", "household", "clan", "village", "unit")
SLUGS = {
    "citizen": "cong-dan",
    "household": "gia-dinh",
    "clan": "dong-ho",
    "village": "thon",
    "unit": "don-vi",
}
SHORT = {
    "citizen": "Công dân",
    "household": "Gia đình",
    "clan": "Dòng họ",
    "village": "Cộng đồng (thôn)",
    "unit": "Đơn vị",
}
PAYOUT_AMOUNTS = tuple(m.payout_amount_metric(kind) for kind in m.PAYOUT_KIND_CODES)

RANK_RULE = (
    "Xếp hạng theo trung bình cộng tỷ lệ được công nhận của các danh hiệu có chỉ tiêu "
    "677/QĐ-TTg (Gia đình, Dòng họ, Cộng đồng học tập cấp thôn, Đơn vị học tập) có số liệu."
)


# Metric names made once: the overview of the old communes summarises 479 areas a request.
_TITLE_KEYS = {
    title: (
        m.TITLES[title][1],
        m.title_metric(title, "registered"),
        m.title_metric(title, "recognised"),
    )
    for title in RATE_TITLES
}
# Any of these above zero means the area's year has decisions (recognised or refused).
_DECISION_KEYS = tuple(
    m.title_metric(title, stage) for title in m.TITLES for stage in ("recognised", "not_recognised")
)
# Every metric whose value summarise reads (besides which apps have any figure): what a
# page that only summarises has to fetch. tests/areas/test_summarised_metrics.py keeps it
# true.
SUMMARISED = frozenset(
    [key for keys in _TITLE_KEYS.values() for key in keys]
    + list(_DECISION_KEYS)
    + [m.declared_metric(title, "registered") for title in RATE_TITLES]
    + [m.title_metric("commune", stage) for stage in ("registered", "recognised")]
    + [m.POPULATION, m.MEMBERS_END, m.FUND_RECEIPTS_CASH, m.FUND_RECEIPTS_IN_KIND]
    + list(PAYOUT_AMOUNTS)
)


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
    return _source(
        figures, m.title_metric(title, "registered"), m.declared_metric(title, "registered")
    )


_DECLARED_KEYS = {title: m.declared_metric(title, "registered") for title in RATE_TITLES}


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


_COMMUNE_REGISTERED = m.title_metric("commune", "registered")
_COMMUNE_RECOGNISED = m.title_metric("commune", "recognised")


@lru_cache(maxsize=64)
def _targets(year) -> dict[str, int | None]:
    """Each rate title's target in force in `year`: looked up once a year, not once for
    each of the province's thousand area-years."""
    return {title: m.target_for(title, year) for title in RATE_TITLES}


def summarise(figures: dict[str, int], year: int) -> dict:
    apps = _apps_with_figures(figures)
    has_titles = "titles" in apps
    has_members = "members" in apps
    has_funds = "funds" in apps
    titles = {}
    below = []
    targets = _targets(year)
    decided = has_titles and any(figures.get(key) for key in _DECISION_KEYS)
    for title in RATE_TITLES:
        denominator_key, registered_key, recognised_key = _TITLE_KEYS[title]
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
            "source": _source(figures, registered_key, _DECLARED_KEYS[title]),
            "undecided": undecided,
            "exceeds": exceeds,
        }
    scored = [
        titles[t]["recognised_rate"]
        for t in RATE_TITLES
        if titles[t]["target"] is not None and titles[t]["recognised_rate"] is not None
    ]
    population = figures.get(m.POPULATION)
    members = figures.get(m.MEMBERS_END, 0) if has_members else None
    receipts = payouts = None
    if has_funds:
        receipts = figures.get(m.FUND_RECEIPTS_CASH, 0) + figures.get(m.FUND_RECEIPTS_IN_KIND, 0)
        payouts = sum(figures.get(key, 0) for key in PAYOUT_AMOUNTS)
    return {
        "titles": titles,
        "commune_registered": figures.get(_COMMUNE_REGISTERED, 0) if has_titles else None,
        "commune_recognised": figures.get(_COMMUNE_RECOGNISED, 0) if has_titles else None,
        "population": population,
        "members": members,
        "members_per_100": _within(members, population),
        "decided": decided,
        "receipts": receipts,
        "payouts": payouts,
        "below": below,
        "score": sum(scored) / len(scored) if scored else None,
    }


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
    for title, title_slug in SLUGS.items():
        if title_slug == slug and stage in ("dk", "cn"):
            field = "registered_rate" if stage == "dk" else "recognised_rate"
            return row["titles"][title][field]
    return None


def sort_keys():
    keys = ["ten", "xep-hang", "hoi-vien", "thu-quy", "chi-quy"]
    for slug in SLUGS.values():
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
