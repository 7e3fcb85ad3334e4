"""Every read of the reports: the summary table (through areas.summaries) and the
reports' own rows, a bounded number of queries whatever the size of the province."""

from django.conf import settings
from django.utils import timezone

from khuyenhoc.areas import summaries
from khuyenhoc.areas.models import Commune, Figure

from .models import AnnualReport

FIRST_YEAR = 2025  # today's communes exist from the 2025 reform on


def figures_of(code, year) -> dict[str, int]:
    return summaries.figures_of(year=year, communes=[code]).get(code, {})


def years_of(code=None) -> list[int]:
    """Years with figures (of a commune, or of the province), and always this year."""
    rows = Figure.objects.filter(year__gte=FIRST_YEAR)
    if code is None:
        rows = rows.filter(commune__province_id=settings.PROVINCE_CODE)
    else:
        rows = rows.filter(commune_id=code)
    years = set(rows.values_list("year", flat=True).distinct().order_by())
    years.add(timezone.localdate().year)
    return sorted(years)


def latest_year(code=None) -> int:
    with_data = [y for y in years_of(code) if y <= timezone.localdate().year]
    return max(with_data)


def province_communes() -> list[Commune]:
    return list(Commune.objects.filter(province_id=settings.PROVINCE_CODE).order_by("name"))


def province_figures(year, communes) -> dict[int, dict[str, int]]:
    return summaries.figures_of(year=year, communes=[c.code for c in communes])


def report_of(commune, year) -> AnnualReport | None:
    return AnnualReport.objects.filter(commune=commune, year=year).first()


def reports_of_year(year) -> dict[int, AnnualReport]:
    rows = AnnualReport.objects.filter(
        year=year, commune__province_id=settings.PROVINCE_CODE
    ).select_related("submitted_by")
    return {r.commune_id: r for r in rows}
