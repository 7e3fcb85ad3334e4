"""How many of the units below a level reached a title: "12/12 xã, phường đăng ký Cộng
đồng học tập", for a province, an old district, a group of communes, or the villages of
a commune. Pure functions over {metric: value} dicts of the units (read through the
selectors), so every level and every page counts the same way.

What "reached" means, per unit:
- Cộng đồng học tập cấp xã ("commune"): the unit itself is registered (its
  titles.commune.registered is at least 1) or recognised (titles.commune.recognised at
  least 1); this is the reports' "12/12 xã, phường đăng ký Cộng đồng học tập".
- every other title: the unit has at least one registration (or recognition) of that
  title: "75/75 xã có hộ đăng ký Gia đình học tập".
A unit without figures for the year has reached nothing and still counts in N.
For the villages of a commune (Cộng đồng học tập cấp thôn), each registration is one
village: `villages_reached` reads the commune's own counts against its villages.
"""

from khuyenhoc.areas.metrics import VILLAGES
from khuyenhoc.core import registry
from khuyenhoc.core.numbers import number

STAGES = ("registered", "recognised")


def reached(units, title: str) -> dict[str, int]:
    """{"registered": units with a registration, "recognised": units with a recognition,
    "total": N} of `units`, a list of {metric: value} with one entry per unit below."""
    units = list(units)
    out = {"total": len(units)}
    for stage, metric in zip(STAGES, registry.get(title).metrics, strict=False):
        out[stage] = sum(1 for figures in units if (figures.get(metric) or 0) >= 1)
    return out


def every_title(units) -> dict[str, dict[str, int]]:
    """reached() of every title registered (khuyenhoc.core.registry), in its order."""
    units = list(units)
    return {i.title: reached(units, i.title) for i in registry.titles()}


def _counts_of(denominator: str):
    """(stage, metric) of the registered and recognised counts of the title counted
    against `denominator` (the villages: Cộng đồng học tập cấp thôn)."""
    title = next(i for i in registry.rated_titles() if i.denominator == denominator)
    return zip(STAGES, title.metrics, strict=False)


def villages_reached(figures) -> dict[str, int] | None:
    """The villages of a commune that reached Cộng đồng học tập cấp thôn, out of its
    villages; None when the commune reported no number of villages."""
    total = figures.get(VILLAGES)
    if not total:
        return None
    return {
        "total": total,
        **{stage: figures.get(metric) or 0 for stage, metric in _counts_of(VILLAGES)},
    }


def statements(reached_by_title, word) -> list[dict]:
    """One line per title for the pages and the report (templates/includes/reached.html):
    {"title", "registered": "12/12", "recognised": "10/12", "word": "xã, phường"}."""
    return [
        {
            "title": indicator.label,
            "registered": f"{number(r['registered'])}/{number(r['total'])}",
            "recognised": f"{number(r['recognised'])}/{number(r['total'])}",
            "word": word,
        }
        for indicator in registry.titles()
        for r in [reached_by_title[indicator.title]]
    ]
