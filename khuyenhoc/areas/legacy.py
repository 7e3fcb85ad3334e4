"""Demo figures of the old communes that fed today's communes.

Years before the reform belong to the old communes; they are read, as reported or
mapped onto today's communes, through khuyenhoc.figures.selectors. The reports (the
denominators and the titles) are written through the staff's own service
(past_years.legacy_reports_save); members and funds of the old units, which staff do
not enter, straight into the summary table.
"""

from django.db import transaction

from khuyenhoc.core import registry

from . import metrics, past_years
from .legacy_fields import PUBLISHED_TITLES, field_metrics
from .models import LegacyCommune, LegacyFigure


def _metric(key):
    """The first metric of the registered indicator `key` (khuyenhoc.core.registry)."""
    return registry.get(key).metrics[0]


def _demo_figures(rng, year_index, population):
    adults = int(population * rng.uniform(0.64, 0.72))
    households = int(population / rng.uniform(3.6, 4.0))
    denominators = {
        metrics.POPULATION: population,
        metrics.ADULTS: adults,
        metrics.HOUSEHOLDS: households,
        metrics.CLANS: max(2, households // rng.randint(40, 120)),
        metrics.VILLAGES: rng.randint(4, 18),
        metrics.UNITS: rng.randint(3, 20),
    }
    figures = dict(denominators)
    for title in PUBLISHED_TITLES:
        registered_key, recognised_key, *denominator = registry.get(title).metrics
        whole = denominators[denominator[0]] if denominator else 1
        registered = int(whole * min(1.0, rng.uniform(0.45, 0.95) + 0.03 * year_index))
        recognised = int(registered * rng.uniform(0.5, 0.9))
        figures[registered_key] = registered
        figures[recognised_key] = recognised
    figures[_metric("members.end")] = int(population * rng.uniform(0.12, 0.3))
    figures[_metric("funds.receipts.cash")] = rng.randint(20, 400) * 1_000_000
    figures[_metric("funds.hoc_bong.amount")] = rng.randint(5, 150) * 1_000_000
    return {metric: value for metric, value in figures.items() if value}


@transaction.atomic
def seed(ctx):
    """Demo figures of the old communes that fed the province, for ctx.legacy_years."""
    rng = ctx.rng("areas.legacy")
    codes = [c.code for c in ctx.communes]
    olds = list(
        LegacyCommune.objects.filter(mappings__commune__in=codes)
        .distinct()
        .order_by("code")
        .values_list("code", flat=True)
    )
    if not olds or not ctx.legacy_years:
        return
    # the old communes held a little fewer people than today's (2.4 of 2.5 million)
    total_people = (
        ctx.province_people * 24 // 25 if ctx.scale == "province" else 16_000 * len(codes)
    )
    average = total_people / len(olds)
    field_of = {metric: name for name, metric in field_metrics().items()}
    rows = []
    reports: dict[int, dict[int, dict]] = {year: {} for year in ctx.legacy_years}
    for code in olds:
        population = int(average * rng.uniform(0.5, 1.5))
        for index, year in enumerate(sorted(ctx.legacy_years)):
            population = int(population * rng.uniform(1.002, 1.012))
            report = reports[year].setdefault(code, {})
            for metric, value in _demo_figures(rng, index, population).items():
                if metric in field_of:
                    report[field_of[metric]] = value
                else:
                    rows.append(
                        LegacyFigure(legacy_commune_id=code, year=year, metric=metric, value=value)
                    )
    for year, by_commune in reports.items():
        past_years.legacy_reports_save(user=None, year=year, reports=by_commune)
    LegacyFigure.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    ctx.say(
        f"  {len(olds)} xã cũ: số liệu các năm {', '.join(map(str, ctx.legacy_years))} "
        "(trước sáp nhập)."
    )
