"""Reads of the province's publication settings and deadlines, cached: every public page
asks which year to open on."""

from django.conf import settings
from django.core.cache import cache

from .models import Publication, ReportingDeadline


def _publication_key(province_code):
    return f"quality:{province_code}:published-year"


def published_year(province_code=None) -> int | None:
    """The year the province marked as published, or None: cached for a minute, and
    forgotten at once when an administrator changes it (services.publication_set)."""
    code = province_code or settings.PROVINCE_CODE
    found = cache.get_or_set(
        _publication_key(code),
        lambda: (
            Publication.objects.filter(province_id=code)
            .values_list("published_year", flat=True)
            .first()
            or 0
        ),
        60,
    )
    return found or None


def forget_published_year(province_code) -> None:
    cache.delete(_publication_key(province_code))


def deadline(year, province_code=None):
    """The date the province set for the communes' lists of `year`, or None."""
    code = province_code or settings.PROVINCE_CODE
    return (
        ReportingDeadline.objects.filter(province_id=code, year=year)
        .values_list("due_on", flat=True)
        .first()
    )
