"""Every read of the reports: the summary table (through the figures read API) and the
reports' own rows, a bounded number of queries whatever the size of the province."""

from django.conf import settings
from django.utils import timezone

from khuyenhoc.areas.models import Commune
from khuyenhoc.areas.reform import REFORM_YEAR
from khuyenhoc.figures import selectors as figures_api

from .models import AnnualReport

FIRST_YEAR = REFORM_YEAR  # the report is about today's communes


def figures_of(code, year) -> dict[str, int]:
    return figures_api.of_commune(code, year)


def years_of(code=None) -> list[int]:
    """Years with figures (of a commune, or of the province), and always this year."""
    years = set(figures_api.years_with_data(province_code=settings.PROVINCE_CODE, commune=code))
    years.add(timezone.localdate().year)
    return sorted(years)


def latest_year(code=None) -> int:
    with_data = [y for y in years_of(code) if y <= timezone.localdate().year]
    return max(with_data)


def province_communes() -> list[Commune]:
    return list(Commune.objects.filter(province_id=settings.PROVINCE_CODE).order_by("name"))


def province_figures(year, communes) -> dict[int, dict[str, int]]:
    return figures_api.of_communes(year=year, communes=[c.code for c in communes])


def province_totals() -> dict[int, dict[str, int]]:
    """{year: {metric: value}} of the province: its communes and the Hội tỉnh's own books,
    every year (the year before the reform is the first report's "previous" column, and
    the funds' books may start before it)."""
    return figures_api.province_totals(settings.PROVINCE_CODE, since=None)


def province_association(year) -> dict[str, int]:
    """{metric: value} of the Hội tỉnh's own books (its fund) for a year."""
    return figures_api.of_province_association(settings.PROVINCE_CODE).get(year, {})


def report_of(commune, year) -> AnnualReport | None:
    return AnnualReport.objects.filter(commune=commune, year=year).first()


def reports_of_year(year) -> dict[int, AnnualReport]:
    rows = AnnualReport.objects.filter(
        year=year, commune__province_id=settings.PROVINCE_CODE
    ).select_related("submitted_by")
    return {r.commune_id: r for r in rows}
