"""Public transparency pages of the funds ("công khai, minh bạch"): totals in and out,
balance, suất and amounts by kind, donors by category, the trend over the years.

Aggregates only: no beneficiary is ever named here, and a donor only when the receipt
records their consent. Each page runs a fixed handful of queries whatever the data size.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from khuyenhoc import params
from khuyenhoc.areas.metrics import (
    FUND_CLOSING,
    FUND_OPENING,
    FUND_RECEIPTS_CASH,
    FUND_RECEIPTS_IN_KIND,
    PAYOUT_KINDS,
    payout_amount_metric,
    payout_portions_metric,
)
from khuyenhoc.areas.models import Commune, Figure

from . import figures
from .models import Receipt

NAMED_DONORS = 30


def _summary(metrics: dict) -> dict:
    kinds = [
        {
            "label": label,
            "portions": metrics.get(payout_portions_metric(kind), 0),
            "amount": metrics.get(payout_amount_metric(kind), 0),
        }
        for kind, label in PAYOUT_KINDS.items()
    ]
    cash = metrics.get(FUND_RECEIPTS_CASH, 0)
    in_kind = metrics.get(FUND_RECEIPTS_IN_KIND, 0)
    return {
        "opening": metrics.get(FUND_OPENING, 0),
        "cash": cash,
        "in_kind": in_kind,
        "received": cash + in_kind,
        "kinds": kinds,
        "paid": sum(k["amount"] for k in kinds),
        "portions": sum(k["portions"] for k in kinds),
        "closing": metrics.get(FUND_CLOSING, 0),
    }


def _add(into: dict, metrics: dict):
    for metric, value in metrics.items():
        into[metric] = into.get(metric, 0) + value


def _donors(receipts, year):
    """Donors of the year by category, and the names of those who agreed to be named.
    A receipt reversed within its own year and that reversal are left out. A reversal
    of an earlier, closed year's receipt is an adjusting entry of this year: one line of
    its own, so the lines add up to the year's receipts and the closed year's list
    stays as it was published."""
    same_year_pairs = Q(reverses__year=year) | Q(reversal__year=year)
    kept = receipts.filter(year=year).exclude(same_year_pairs)
    labels = dict(Receipt.DonorCategory.choices)
    categories, adjusting = [], {"count": 0, "amount": 0}
    for row in (
        kept.values("donor_category", adjusting=Q(reverses__isnull=False))
        .annotate(n=Count("id"), total=Sum("amount"))
        .order_by("-total")
    ):
        if row["adjusting"]:
            adjusting["count"] += row["n"]
            adjusting["amount"] -= row["total"]
        else:
            label = labels[row["donor_category"]]
            categories.append({"label": label, "count": row["n"], "amount": row["total"]})
    if adjusting["count"]:
        categories.append({"label": "Điều chỉnh phiếu thu các năm đã khóa sổ", **adjusting})
    named = list(
        kept.filter(donor_name_public=True, reverses__isnull=True)
        .exclude(donor_category=Receipt.DonorCategory.ANONYMOUS)
        .exclude(donor_name="")
        .values("donor_name")
        .annotate(total=Sum("amount"))
        .order_by("-total", "donor_name")[:NAMED_DONORS]
    )
    return categories, named


def _pick_year(request, years):
    default = max(years) if years else timezone.localdate().year
    return params.query_year(request, default=default, years=years)


def _page(request, *, title, by_year, receipts, extra=None):
    years = sorted(by_year)
    year = _pick_year(request, years)
    categories, named = _donors(receipts, year)
    trend = [(y, _summary(by_year[y])) for y in sorted(years, reverse=True)]
    context = {
        "title": title,
        "year": year,
        "years": years,
        "data": _summary(by_year.get(year, {})),
        "trend": trend,
        "categories": categories,
        "named": named,
        **(extra or {}),
    }
    return render(request, "funds/public.html", context)


def province(request):
    code = settings.PROVINCE_CODE
    by_year: dict[int, dict] = defaultdict(dict)
    rows = (
        Figure.objects.filter(commune__province_id=code, metric__startswith="funds.")
        .values("year", "metric")
        .annotate(total=Sum("value"))
    )
    for row in rows:
        by_year[row["year"]][row["metric"]] = row["total"]
    own = figures.provincial(code)
    for year, metrics in own.items():
        _add(by_year[year], metrics)
    year = _pick_year(request, sorted(by_year))
    communes = defaultdict(dict)
    for commune_code, name, metric, value in Figure.objects.filter(
        commune__province_id=code, year=year, metric__startswith="funds."
    ).values_list("commune_id", "commune__name", "metric", "value"):
        communes[(name, commune_code)][metric] = value
    return _page(
        request,
        title="toàn tỉnh",
        by_year=by_year,
        receipts=Receipt.objects.filter(fund__branch__province_id=code),
        extra={
            "own": _summary(own.get(year, {})),
            "communes": [(name, c, _summary(m)) for (name, c), m in sorted(communes.items())],
        },
    )


def commune(request, code):
    commune = Commune.objects.filter(province_id=settings.PROVINCE_CODE, code=code).first()
    if commune is None:
        raise Http404("Không có xã, phường này trong tỉnh.")
    by_year: dict[int, dict] = defaultdict(dict)
    for year, metric, value in Figure.objects.filter(
        commune=commune, metric__startswith="funds."
    ).values_list("year", "metric", "value"):
        by_year[year][metric] = value
    return _page(
        request,
        title=commune.name,
        by_year=by_year,
        receipts=Receipt.objects.filter(fund__branch__commune=commune),
        extra={"commune": commune},
    )
