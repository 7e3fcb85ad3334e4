"""Members' summary figures per commune and year: members at the start and end of the
year, joined and left in the year, and grassroots branches (chi hội and Ban khuyến học)
active at year end, in total and by kind. Rates against the population are computed at
display time from areas.population, never stored."""

from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from khuyenhoc.areas.reform import REFORM_YEAR

from . import metrics
from .models import Branch, Member

PREFIX = "members"
# Records of years before the reform belong to the legacy units; today's communes count
# from the reform year on.
FIRST_YEAR = REFORM_YEAR


def default_years() -> list[int]:
    return list(range(FIRST_YEAR, timezone.localdate().year + 1))


def years_affected(*dates) -> list[int]:
    """Every counted year from the earliest of `dates` to this year: a membership spans
    years, so a change of a join or leave date moves each year-end count after it."""
    known = [d.year for d in dates if d is not None]
    if not known:
        return []
    return [y for y in default_years() if y >= min(known)]


def compute(*, communes=None, years=None):
    years = default_years() if years is None else list(years)
    members = Member.objects.all()
    branches = Branch.objects.filter(kind__in=Branch.GRASSROOTS)
    if communes is not None:
        members = members.filter(commune__in=list(communes))
        branches = branches.filter(commune__in=list(communes))
    result: dict = {}
    for year in years:
        first, last = date(year, 1, 1), date(year, 12, 31)
        rows = members.values("commune_id").annotate(
            start=Count("id", filter=Q(joined_on__lt=first) & _present_on(first)),
            end=Count("id", filter=Q(joined_on__lte=last) & _present_on(last, after=True)),
            joined=Count("id", filter=Q(joined_on__gte=first, joined_on__lte=last)),
            left=Count("id", filter=Q(left_on__gte=first, left_on__lte=last)),
        )
        for row in rows:
            result.setdefault((row["commune_id"], year), {}).update(
                {
                    metrics.MEMBERS_START: row["start"],
                    metrics.MEMBERS_END: row["end"],
                    metrics.MEMBERS_JOINED: row["joined"],
                    metrics.MEMBERS_LEFT: row["left"],
                }
            )
        active = branches.filter(
            Q(founded_on__isnull=True) | Q(founded_on__lte=last),
            Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=last),
        )
        for row in active.values("commune_id", "kind").annotate(n=Count("id")):
            figures = result.setdefault((row["commune_id"], year), {})
            figures[metrics.branch_kind_metric(row["kind"])] = row["n"]
            figures[metrics.BRANCHES_GRASSROOTS] = (
                figures.get(metrics.BRANCHES_GRASSROOTS, 0) + row["n"]
            )
    return result


def _present_on(day, *, after=False) -> Q:
    """Not yet left on `day` (at its start; at its end with after=True)."""
    return Q(left_on__isnull=True) | (Q(left_on__gt=day) if after else Q(left_on__gte=day))
