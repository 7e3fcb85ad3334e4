"""Stage counts per commune, year and title for the summary table. A stage counts every
registration that reached it: "registered" is every one not withdrawn, "evaluated" those
evaluated or beyond, "proposed" those put on a proposed list, so rates read correctly.

Counts declared without a named list (declared.py) add to "registered" and "recognised"
where no named list takes over, and are also written apart (declared_metric) so that the
pages can say "tổng hợp" or "theo danh sách"."""

from django.db.models import Count

from . import declared
from .metrics import citizen_group_metric, declared_metric, title_metric
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
    for area, titles in declared.in_use(communes=communes, years=years).items():
        metrics = result.setdefault(area, {})
        for title, counts in titles.items():
            for stage, value in zip(("registered", "recognised"), counts, strict=True):
                for key in (title_metric(title, stage), declared_metric(title, stage)):
                    metrics[key] = metrics.get(key, 0) + value
    return result
