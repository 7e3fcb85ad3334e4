"""Numbers read from a request: the year of ?nam= or of an address, the page of ?trang=,
a registration code typed in a search box.

Only ASCII digits make a number here. str.isdigit() also says yes to "²", "①" and "٣",
which int() refuses or reads as another number, and a number is bounded before it
reaches the database, whose integer columns overflow at 5, 10 or 19 digits. Anything
else is no number: the page falls back to its default, or answers a 404 that says in
Vietnamese what there is."""

from django.urls.converters import IntConverter
from django.utils import timezone

from khuyenhoc.core.web.errors import NotFound

# The first year the portal holds a title's registrations or figures for: the criteria
# of Quyết định 448 and the 2014 programme's first evaluations.
FIRST_YEAR = 2015
MAX_PAGE = 1_000_000
BIGINT = 2**63 - 1


def whole(text, *, minimum=0, maximum=BIGINT) -> int | None:
    """`text` as a whole number from minimum to maximum, written in ASCII digits (spaces
    around allowed); None for anything else, including no text at all."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not text or len(text) > len(str(maximum)) or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if minimum <= value <= maximum else None


def last_year() -> int:
    """Next year: staff register for it before it starts."""
    return timezone.localdate().year + 1


def _refusal(year, first, last, years) -> str:
    if years is not None:
        return f"Không có số liệu năm {year}."
    return f"Không có năm {year}: chỉ các năm từ {first} đến {last}."


def url_year(year, *, first=FIRST_YEAR, last=None) -> int:
    """The year of an address, from `first` to `last` (next year unless given), or a 404."""
    last = last_year() if last is None else last
    if not first <= year <= last:
        raise NotFound(_refusal(year, first, last, None))
    return year


def query_year(request, *, default, years=None, first=FIRST_YEAR, last=None, strict=False):
    """The year of ?nam=: one of `years` when given, otherwise a year from `first` to
    `last` (next year unless given). Missing or not a year → `default`; a year outside
    them → `default`, or a 404 when `strict`."""
    last = last_year() if last is None else last
    year = whole(request.GET.get("nam"), maximum=9999)
    if year is None:
        return default
    allowed = year in years if years is not None else first <= year <= last
    if allowed:
        return year
    if strict:
        raise NotFound(_refusal(year, first, last, years))
    return default


def query_page(request, key="trang") -> int:
    """The page of ?trang=, from 1 to a million; 1 for anything else. Past the last page,
    Paginator.get_page shows the last."""
    return whole(request.GET.get(key), minimum=1, maximum=MAX_PAGE) or 1


class YearConverter(IntConverter):
    """<year:year> in an address: at most four ASCII digits, so that no year of twenty
    digits reaches a view or the database; the view checks the range (url_year)."""

    regex = "[0-9]{1,4}"
