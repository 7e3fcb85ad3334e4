"""The areas app's own summary figures: the yearly denominators, so that public pages
and reports read every number of a commune-year from the one summary table."""

from .models import Denominator

PREFIX = "areas"


def compute(*, communes=None, years=None):
    rows = Denominator.objects.all()
    if communes is not None:
        rows = rows.filter(commune__in=communes)
    if years is not None:
        rows = rows.filter(year__in=years)
    result = {}
    for row in rows.values("commune_id", "year", *Denominator.FIELDS):
        metrics = {
            f"{PREFIX}.{field}": row[field]
            for field in Denominator.FIELDS
            if row[field] is not None
        }
        result[(row["commune_id"], row["year"])] = metrics
    return result
