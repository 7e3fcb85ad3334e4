"""Stage counts per commune, year and title for the summary table. A stage counts every
registration that reached it: "registered" is every one not withdrawn, "evaluated" those
evaluated or beyond, "proposed" those put on a proposed list, so rates read correctly."""

from django.db.models import Count

from khuyenhoc.areas.metrics import citizen_group_metric, title_metric

from .models import Registration

PREFIX = "titles"

REACHED = {
    "registered": ("registered", "evaluated", "proposed", "recognised", "not_recognised"),
    "evaluated": ("evaluated", "proposed", "recognised", "not_recognised"),
    "proposed": ("proposed", "recognised", "not_recognised"),
    "recognised": ("recognised",),
    "not_recognised": ("not_recognised",),
}


def compute(*, communes=None, years=None):
    rows = Registration.objects.exclude(state="withdrawn")
    if communes is not None:
        rows = rows.filter(commune__in=list(communes))
    if years is not None:
        rows = rows.filter(year__in=list(years))
    grouped = rows.values("commune_id", "year", "title", "state", "citizen_group").annotate(
        n=Count("id")
    )
    result: dict = {}
    for row in grouped.order_by():
        metrics = result.setdefault((row["commune_id"], row["year"]), {})
        for stage, states in REACHED.items():
            if row["state"] not in states:
                continue
            key = title_metric(row["title"], stage)
            metrics[key] = metrics.get(key, 0) + row["n"]
            if row["citizen_group"]:
                key = citizen_group_metric(row["citizen_group"], stage)
                metrics[key] = metrics.get(key, 0) + row["n"]
    return result
