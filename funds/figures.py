"""The funds' summary figures per commune and year: every fund of the commune's
association and of its chi hội added up, with the year's receipts by donor category.
The provincial association's funds have no commune: their figures go to the
province's own summary rows (ProvinceFigure). The public transparency pages read both
through khuyenhoc.figures.selectors, never the ledger.

A year's opening balance is the previous year's closing balance plus the opening
balance of any fund that starts its books that year, so a write in one year changes
the figures of every later year: services refresh the commune's whole range.
"""

import sys
from collections import defaultdict

from django.db.models import Case, Count, F, Min, Q, Sum, When

from khuyenhoc.areas import summaries
from khuyenhoc.core.text import fold

from .ledger import MOVED, MOVED_OUT_OF_PROVINCE, SIGNED, SIGNED_PORTIONS
from .metrics import (
    DONOR_ADJUSTING,
    FUND_CLOSING,
    FUND_GOODS_CLOSING,
    FUND_OPENING,
    FUND_PAYOUTS_IN_KIND,
    FUND_RECEIPTS_CASH,
    FUND_RECEIPTS_IN_KIND,
    FUND_TRANSFERS_EXTERNAL,
    FUND_TRANSFERS_IN,
    FUND_TRANSFERS_OUT,
    PAYOUT_KINDS,
    campaign_metric,
    donor_amount_metric,
    donor_count_metric,
    goods_item_metric,
    payout_amount_metric,
    payout_portions_metric,
)
from .models import Fund, Payout, Receipt

PREFIX = "funds"
# metrics of a year's own entries, not carried over from year to year
PASSED_THROUGH = ("funds.donors.", "funds.campaigns.", "funds.items.")
SIGNED_QUANTITY = Case(
    When(reverses__isnull=True, then=F("item_quantity")), default=-F("item_quantity")
)


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
        .values("year", "in_kind", moved=MOVED, code=F("fund__branch__commune_id"))
        .annotate(total=Sum(SIGNED))
        .order_by()
    )
    for row in receipts:
        if row["moved"]:  # money another fund raised: counted there, not again here
            metric = FUND_TRANSFERS_IN
        else:
            metric = FUND_RECEIPTS_IN_KIND if row["in_kind"] else FUND_RECEIPTS_CASH
        flows[(row["code"], row["year"])][metric] += row["total"] or 0
    payouts = (
        scoped(Payout.objects, "fund__branch__commune")
        .values(
            "year",
            "kind",
            "in_kind",
            moved=MOVED,
            external=MOVED_OUT_OF_PROVINCE,
            code=F("fund__branch__commune_id"),
        )
        .annotate(total=Sum(SIGNED), portions=Sum(SIGNED_PORTIONS))
        .order_by()
    )
    for row in payouts:
        cell = flows[(row["code"], row["year"])]
        if row["moved"]:  # a move to another fund, not a payout to people
            cell[FUND_TRANSFERS_OUT] += row["total"] or 0
            if row["external"]:
                cell[FUND_TRANSFERS_EXTERNAL] += row["total"] or 0
            continue
        cell[payout_amount_metric(row["kind"])] += row["total"] or 0
        cell[payout_portions_metric(row["kind"])] += row["portions"] or 0
        # goods given leave the goods, not the cash (funds/goods.py)
        cell[FUND_PAYOUTS_IN_KIND if row["in_kind"] else "paid_cash"] += row["total"] or 0
    _donor_flows(flows, scoped(Receipt.objects, "fund__branch__commune").filter(~MOVED))
    _campaign_flows(
        flows,
        scoped(Receipt.objects, "fund__branch__commune"),
        scoped(Payout.objects, "fund__branch__commune"),
    )
    _goods_flows(
        flows,
        scoped(Receipt.objects, "fund__branch__commune"),
        scoped(Payout.objects, "fund__branch__commune"),
    )
    return flows


def _campaign_flows(flows, receipts, payouts):
    """What each campaign raised, paid and sent out of the province, per area and year (a
    reversal of a linked entry is linked too, and counts with the opposite sign)."""
    raised = (
        receipts.filter(drive__isnull=False)
        .values("year", "drive_id", code=F("fund__branch__commune_id"))
        .annotate(total=Sum(SIGNED))
        .order_by()
    )
    for row in raised:
        cell = flows[(row["code"], row["year"])]
        cell[campaign_metric(row["drive_id"], "raised")] += row["total"] or 0
    paid = (
        payouts.filter(drive__isnull=False)
        .values(
            "year",
            "drive_id",
            moved=MOVED,
            external=MOVED_OUT_OF_PROVINCE,
            code=F("fund__branch__commune_id"),
        )
        .annotate(total=Sum(SIGNED), portions=Sum(SIGNED_PORTIONS))
        .order_by()
    )
    for row in paid:
        cell, drive = flows[(row["code"], row["year"])], row["drive_id"]
        if row["moved"]:  # a move: out of the province it is sent, inside it stays
            if row["external"]:
                cell[campaign_metric(drive, "sent")] += row["total"] or 0
            continue
        cell[campaign_metric(drive, "paid")] += row["total"] or 0
        cell[campaign_metric(drive, "portions")] += row["portions"] or 0


def _goods_flows(flows, receipts, payouts):
    """The quantity of each item received and given out, per area and year: "ba lô" and
    "Ba lo" are one item (folded as goods.item_key folds it; goods imports this module
    through rules), named as its earliest entry of the area and year spells it, so an
    incremental refresh and a rebuild name it alike."""
    for qs, direction in ((receipts, "in"), (payouts, "out")):
        rows = (
            qs.filter(in_kind=True, item_quantity__isnull=False)
            .values("year", "item_description", "unit", code=F("fund__branch__commune_id"))
            .annotate(quantity=Sum(SIGNED_QUANTITY), first=Min("pk"))
            .order_by()
        )
        items = {}  # (code, year, item key) → [first pk, item, unit, quantity]
        for row in rows:
            item_key = fold(row["item_description"]), fold(row["unit"])
            key = (row["code"], row["year"], item_key)
            found = items.setdefault(key, [row["first"], row["item_description"], row["unit"], 0])
            if row["first"] < found[0]:
                found[:3] = row["first"], row["item_description"], row["unit"]
            found[3] += row["quantity"] or 0
        for (code, year, _key), (_first, item, unit, quantity) in items.items():
            flows[(code, year)][goods_item_metric(direction, item, unit)] += quantity


def _donor_flows(flows, receipts):
    """Receipts by donor category. A receipt reversed within its own year and that
    reversal are left out. A reversal of an earlier, closed year's receipt is an
    adjusting entry of its own year, counted apart (negative), so the categories add up
    to the year's receipts and the closed year's categories stay as published."""
    rows = (
        receipts.exclude(Q(reverses__year=F("year")) | Q(reversal__year=F("year")))
        .values(
            "year",
            "donor_category",
            adjusting=Q(reverses__isnull=False),
            code=F("fund__branch__commune_id"),
        )
        .annotate(n=Count("id"), total=Sum("amount"))
        .order_by()
    )
    for row in rows:
        category = DONOR_ADJUSTING if row["adjusting"] else row["donor_category"]
        cell = flows[(row["code"], row["year"])]
        cell[donor_count_metric(category)] += row["n"]
        cell[donor_amount_metric(category)] += -row["total"] if row["adjusting"] else row["total"]


def compute(*, communes=None, years=None):
    return _series(_flows(list(communes) if communes is not None else None), years)


def compute_provincial(*, provinces=None):
    """{(province_code, year): metrics} of the provincial associations' own funds."""
    if provinces is None:
        provinces = (
            Fund.objects.filter(branch__commune__isnull=True)
            .values_list("branch__province_id", flat=True)
            .distinct()
            .order_by()
        )
    result = {}
    for province in list(provinces):
        for (_none, year), metrics in _series(_flows(None, province=province)).items():
            result[(province, year)] = metrics
    return result


def _series(flows, years=None):
    by_commune = defaultdict(dict)
    for (code, year), cell in flows.items():
        by_commune[code][year] = cell
    wanted = set(years) if years is not None else None
    result = {}
    for code, cells in by_commune.items():
        balance = goods = 0
        for year in range(min(cells), max(cells) + 1):
            cell = cells.get(year, {})
            opening = balance + cell.get("opening_added", 0)
            # the balance is cash; goods in kind are followed apart, at their value
            balance = opening + cell.get(FUND_RECEIPTS_CASH, 0) - cell.get("paid_cash", 0)
            balance += cell.get(FUND_TRANSFERS_IN, 0) - cell.get(FUND_TRANSFERS_OUT, 0)
            goods += cell.get(FUND_RECEIPTS_IN_KIND, 0) - cell.get(FUND_PAYOUTS_IN_KIND, 0)
            if wanted is not None and year not in wanted:
                continue
            metrics = {FUND_OPENING: opening, FUND_CLOSING: balance, FUND_GOODS_CLOSING: goods}
            metrics[FUND_RECEIPTS_CASH] = cell.get(FUND_RECEIPTS_CASH, 0)
            metrics[FUND_RECEIPTS_IN_KIND] = cell.get(FUND_RECEIPTS_IN_KIND, 0)
            for metric in (
                FUND_PAYOUTS_IN_KIND,
                FUND_TRANSFERS_IN,
                FUND_TRANSFERS_OUT,
                FUND_TRANSFERS_EXTERNAL,
            ):
                metrics[metric] = cell.get(metric, 0)
            for kind in PAYOUT_KINDS:
                for metric in (payout_amount_metric(kind), payout_portions_metric(kind)):
                    metrics[metric] = cell.get(metric, 0)
            metrics.update((k, v) for k, v in cell.items() if k.startswith(PASSED_THROUGH))
            result[(code, year)] = metrics
    return result


def refresh_province(code):
    """Refresh every year of the provincial association's own funds."""
    summaries.refresh_province(sys.modules[__name__], province=code)


def refresh_commune(code):
    """Refresh every year of one commune's funds (a change ripples into later years)."""
    module = sys.modules[__name__]
    years = sorted(year for (_code, year) in compute(communes=[code]))
    for year in years:
        summaries.refresh(module, commune=code, year=year)
