"""The one way a page picks the year of its figures from ?nam=, given the years that
have data (the public pages, the funds' transparency pages and the downloads alike)."""

from khuyenhoc.areas.reform import is_legacy_year
from khuyenhoc.core.web import params


def default_year(available) -> int | None:
    """The latest year of today's communes, else the latest year at all, else None."""
    current = [y for y in available if not is_legacy_year(y)]
    return max(current or available or [None], key=lambda y: y or 0)


def pick_year(request, available) -> int | None:
    """?nam=: malformed → the default year; well-formed but without figures → a 404
    that says so."""
    return params.query_year(request, default=default_year(available), years=available, strict=True)
