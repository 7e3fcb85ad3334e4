"""The funds' summary figures per commune and year: every fund of the commune's
association and of its chi hội added up. The provincial association's fund has no
commune and is read directly by the province's transparency page.

A year's opening balance is the previous year's closing balance plus the opening
balance of any fund that starts its books that year, so a write in one year changes
the figures of every later year: services refresh the commune's whole range.
"""

import sys
from collections import defaultdict

from django.db.models import F, Sum

from khuyenhoc.areas import summaries
from khuyenhoc.areas.metrics import (
    FUND_CLOSING,
    FUND_OPENING,
    FUND_RECEIPTS_CASH,
    FUND_RECEIPTS_IN_KIND,
    PAYOUT_KINDS,
    payout_amount_metric,
    payout_portions_metric,
)

from .ledger import SIGNED, SIGNED_PORTIONS
from .models import Fund, Payout, Receipt

PREFIX = "funds"


def _flows(communes, *, province=None):
    """Yearly flows keyed by (commune code, year); with `province`, of the provincial
    association's own funds instead, keyed by (None, year)."""

    def scoped(qs, path):
        if province is not None:
            prefix = path.removesuffix("commune")
            return qs.filter(**{f"{path}__isnull": True, f"{prefix}province": province})
        qs = qs.filter(**{f"{path}__isnull": False})
        return qs.filter(**{f"{path}__in": communes}) if communes is not None else qs

    flows = defaultdict(lambda: defaultdict(int))  # (commune, year) → metric → value
    openings = scoped(Fund.objects, "branch__commune").values_list(
        "branch__commune_id", "opening_year", "opening_balance"
    )
    for code, year, value in openings:
        flows[(code, year)]["opening_added"] += value
    receipts = (
        scoped(Receipt.objects, "fund__branch__commune")
        .values("year", "in_kind", code=F("fund__branch__commune_id"))
        .annotate(total=Sum(SIGNED))
    )
    for row in receipts:
        metric = FUND_RECEIPTS_IN_KIND if row["in_kind"] else FUND_RECEIPTS_CASH
        flows[(row["code"], row["year"])][metric] += row["total"] or 0
    payouts = (
        scoped(Payout.objects, "fund__branch__commune")
        .values("year", "kind", code=F("fund__branch__commune_id"))
        .annotate(total=Sum(SIGNED), portions=Sum(SIGNED_PORTIONS))
    )
    for row in payouts:
        cell = flows[(row["code"], row["year"])]
        cell[payout_amount_metric(row["kind"])] += row["total"] or 0
        cell[payout_portions_metric(row["kind"])] += row["portions"] or 0
        cell["paid"] += row["total"] or 0
    return flows


def compute(*, communes=None, years=None):
    return _series(_flows(list(communes) if communes is not None else None), years)


def provincial(province_code) -> dict[int, dict[str, int]]:
    """{year: metrics} of the provincial association's own funds (no commune)."""
    return {year: m for (_none, year), m in _series(_flows(None, province=province_code)).items()}


def _series(flows, years=None):
    by_commune = defaultdict(dict)
    for (code, year), cell in flows.items():
        by_commune[code][year] = cell
    wanted = set(years) if years is not None else None
    result = {}
    for code, cells in by_commune.items():
        balance = 0
        for year in range(min(cells), max(cells) + 1):
            cell = cells.get(year, {})
            opening = balance + cell.get("opening_added", 0)
            received = cell.get(FUND_RECEIPTS_CASH, 0) + cell.get(FUND_RECEIPTS_IN_KIND, 0)
            balance = opening + received - cell.get("paid", 0)
            if wanted is not None and year not in wanted:
                continue
            metrics = {FUND_OPENING: opening, FUND_CLOSING: balance}
            metrics[FUND_RECEIPTS_CASH] = cell.get(FUND_RECEIPTS_CASH, 0)
            metrics[FUND_RECEIPTS_IN_KIND] = cell.get(FUND_RECEIPTS_IN_KIND, 0)
            for kind in PAYOUT_KINDS:
                for metric in (payout_amount_metric(kind), payout_portions_metric(kind)):
                    metrics[metric] = cell.get(metric, 0)
            result[(code, year)] = metrics
    return result


def refresh_commune(code):
    """Refresh every year of one commune's funds (a change ripples into later years)."""
    module = sys.modules[__name__]
    years = sorted(year for (_code, year) in compute(communes=[code]))
    for year in years:
        summaries.refresh(module, commune=code, year=year)
