"""Public transparency pages of the funds ("công khai, minh bạch"): totals in and out,
balance, suất and amounts by kind, donors by category, the trend over the years.

Aggregates only: no beneficiary is ever named here, and a donor only when the receipt
records their consent. Every figure comes from the summary tables through
khuyenhoc.figures.selectors; the only read of the ledger is the list of donors who agreed
to be named, which is a list of names, not a figure. Each page runs a fixed handful of
queries whatever the data size.
"""

from django.conf import settings
from django.db.models import Q, Sum
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from khuyenhoc.areas.models import Commune
from khuyenhoc.core import registry
from khuyenhoc.figures import selectors as figures_api
from khuyenhoc.figures.years import pick_year

from . import goods_words
from .metrics import DONOR_ADJUSTING, PAYOUT_KINDS, donor_amount_metric, donor_count_metric
from .models import Campaign, Receipt

PREFIX = "funds."

NAMED_DONORS = 30


def _value(metrics: dict, key: str) -> int:
    """The figure of the indicator funds registered under `key` (funds/indicators.py),
    read as the report and the downloads read it: zero when missing."""
    return metrics.get(registry.get(key).metrics[0], 0)


def _summary(metrics: dict) -> dict:
    kinds = [
        {
            "kind": kind,
            "label": label,
            "portions": _value(metrics, f"funds.{kind}.portions"),
            "amount": _value(metrics, f"funds.{kind}.amount"),
        }
        for kind, label in PAYOUT_KINDS.items()
    ]
    cash = _value(metrics, "funds.receipts.cash")
    in_kind = _value(metrics, "funds.receipts.in_kind")
    return {
        "opening": _value(metrics, "funds.opening"),
        "cash": cash,
        "in_kind": in_kind,
        "received": cash + in_kind,
        "kinds": kinds,
        "paid": sum(k["amount"] for k in kinds),
        "portions": sum(k["portions"] for k in kinds),
        "closing": _value(metrics, "funds.closing"),
        "paid_in_kind": _value(metrics, "funds.payouts.in_kind"),
        "goods": _value(metrics, "funds.goods"),
        "transfers_external": _value(metrics, "funds.transfers.external"),
        # "520 ba lô, 2.000 tập giấy": goods counted by item, received and given out
        "goods_in": goods_words.phrase(metrics, "in"),
        "goods_out": goods_words.phrase(metrics, "out"),
    }


def _categories(metrics: dict) -> list[dict]:
    """Donors of the year by category, largest first, then the adjusting entries of
    closed years' receipts on a line of their own (see funds.figures)."""
    categories = [
        {
            "label": label,
            "count": metrics[donor_count_metric(category)],
            "amount": metrics.get(donor_amount_metric(category), 0),
        }
        for category, label in Receipt.DonorCategory.choices
        if metrics.get(donor_count_metric(category))
    ]
    categories.sort(key=lambda c: -c["amount"])
    if metrics.get(donor_count_metric(DONOR_ADJUSTING)):
        categories.append(
            {
                "label": "Điều chỉnh phiếu thu các năm đã khóa sổ",
                "count": metrics[donor_count_metric(DONOR_ADJUSTING)],
                "amount": metrics.get(donor_amount_metric(DONOR_ADJUSTING), 0),
            }
        )
    return categories


def _named_donors(receipts, year):
    """Donors who agreed to be named, with what they gave in the year; receipts reversed
    within their own year and those reversals left out."""
    same_year_pairs = Q(reverses__year=year) | Q(reversal__year=year)
    return list(
        receipts.filter(year=year, donor_name_public=True, reverses__isnull=True)
        .exclude(same_year_pairs)
        .exclude(donor_category=Receipt.DonorCategory.ANONYMOUS)
        .exclude(donor_name="")
        .values("donor_name")
        .annotate(total=Sum("amount"))
        .order_by("-total", "donor_name")[:NAMED_DONORS]
    )


def _page(request, *, title, by_year, receipts, extra=None):
    years = sorted(by_year)
    year = pick_year(request, years) or timezone.localdate().year
    trend = [(y, _summary(by_year[y])) for y in sorted(years, reverse=True)]
    context = {
        "title": title,
        "year": year,
        "years": years,
        "data": _summary(by_year.get(year, {})),
        "trend": trend,
        "categories": _categories(by_year.get(year, {})),
        "named": _named_donors(receipts, year),
        **(extra or {}),
    }
    return render(request, "funds/public.html", context)


def province(request):
    code = settings.PROVINCE_CODE
    # the province's figures, the Hội tỉnh's own fund included, as every page states them
    by_year = figures_api.province_totals(code, prefix=PREFIX, since=None)
    own = figures_api.of_province_association(code, prefix=PREFIX)
    year = pick_year(request, sorted(by_year)) or timezone.localdate().year
    names = dict(Commune.objects.filter(province_id=code).values_list("code", "name"))
    communes = figures_api.of_communes(year=year, province_code=code, prefix=PREFIX)
    return _page(
        request,
        title="toàn tỉnh",
        by_year=by_year,
        receipts=Receipt.objects.filter(fund__branch__province_id=code),
        extra={
            "drives": list(Campaign.objects.filter(province_id=code).order_by("-starts_on")[:10]),
            "own": _summary(own.get(year, {})),
            "communes": sorted(
                (names[c], c, _summary(m)) for c, m in communes.items() if c in names
            ),
        },
    )


def commune(request, code):
    commune = Commune.objects.filter(province_id=settings.PROVINCE_CODE, code=code).first()
    if commune is None:
        raise Http404("Không có xã, phường này trong tỉnh.")
    return _page(
        request,
        title=commune.name,
        by_year=figures_api.years_of_commune(commune.code, prefix=PREFIX, since=None),
        receipts=Receipt.objects.filter(fund__branch__commune=commune),
        extra={"commune": commune},
    )
