"""The one way a page picks the year of its figures from ?nam=, given the years that
have data (the public pages, the funds' transparency pages and the downloads alike).

The public figures open on the year the province marked as published, else on the
latest year whose recognitions are decided: a year still being registered and evaluated
would otherwise greet every visitor with 0 % recognised. A year with no figure beyond
the denominators (entered ahead for next year) is never offered."""

from khuyenhoc.areas.reform import is_legacy_year
from khuyenhoc.core import registry
from khuyenhoc.core.web import params


def has_figures(figures: dict) -> bool:
    """Anything counted in the year beyond the denominators (areas.*)."""
    return any(not key.startswith("areas.") for key in figures)


def is_decided(figures: dict) -> bool:
    """Some list of the year was decided (recognised or refused)."""
    decisions = registry.derived(
        "decisions", lambda: tuple(key for i in registry.titles() for key in i.decisions)
    )
    return any(figures.get(key) for key in decisions)


def offered_years(totals: dict[int, dict]) -> list[int]:
    return sorted(year for year, figures in totals.items() if has_figures(figures))


def default_year(available, *, decided=None, published=None) -> int | None:
    """The published year if it has figures; else the latest decided year of today's
    communes, else of any; else the latest year of today's communes, else of any."""
    if published in available:
        return published
    for pool in (decided or (), available):
        current = [y for y in pool if not is_legacy_year(y) and y in available]
        found = current or [y for y in pool if y in available]
        if found:
            return max(found)
    return None


def pick_year(request, available, *, default=None) -> int | None:
    """?nam=: malformed → the default year; well-formed but without figures → a 404
    that says so."""
    fallback = default if default in available else default_year(available)
    return params.query_year(request, default=fallback, years=available, strict=True)


def pick_public_year(request, totals, *, published=None) -> tuple[int | None, list[int]]:
    """(the year to show, the years offered) for the public figures' pages."""
    available = offered_years(totals)
    decided = [y for y in available if is_decided(totals[y])]
    default = default_year(available, decided=decided, published=published)
    return pick_year(request, available, default=default), available
