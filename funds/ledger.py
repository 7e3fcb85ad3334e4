"""Reads of the books: balances, the yearly statement and the ledger, always computed
from the entries (a reversal counts with the opposite sign). A balance is cash: goods
received or given in kind are counted apart (funds/goods.py) and never in it."""

from collections import defaultdict
from datetime import date

from django.db.models import Case, F, Q, Sum, When
from django.utils import timezone

from khuyenhoc.core.numbers import money

from .metrics import PAYOUT_KINDS
from .models import Fund, Payout, Receipt

SIGNED = Case(When(reverses__isnull=True, then=F("amount")), default=-F("amount"))
SIGNED_PORTIONS = Case(When(reverses__isnull=True, then=F("portions")), default=-F("portions"))
# The entries of a transfer between funds, and the reversals that undo a refused,
# cancelled or undone transfer: moves, stated apart, never money raised or paid.
MOVED = Q(transfer__isnull=False) | Q(reverses__transfer__isnull=False)
MOVED_OUT_OF_PROVINCE = Q(transfer__isnull=False, transfer__to_fund__isnull=True) | Q(
    reverses__transfer__isnull=False, reverses__transfer__to_fund__isnull=True
)


def _sum(queryset) -> int:
    return queryset.aggregate(total=Sum(SIGNED))["total"] or 0


def balance(fund: Fund, *, before_year: int | None = None) -> int:
    """The cash the fund holds now, or at the start of `before_year`."""
    receipts = Receipt.objects.filter(fund=fund, in_kind=False)
    payouts = Payout.objects.filter(fund=fund, in_kind=False)
    if before_year is not None:
        if before_year <= fund.opening_year:
            return fund.opening_balance if before_year == fund.opening_year else 0
        receipts = receipts.filter(year__lt=before_year)
        payouts = payouts.filter(year__lt=before_year)
    return fund.opening_balance + _sum(receipts) - _sum(payouts)


def lowest_balance_since(fund: Fund, day: date) -> int:
    """The lowest end-of-day balance from `day` to now: what an entry dated `day` may
    take out without the books going below zero on that day or any day after it.
    The balance now alone is not enough: money received this year must not pay for a
    payout dated last year, whose year would then close below zero."""
    before = fund.opening_balance
    flows = defaultdict(int)
    for model, sign in ((Receipt, 1), (Payout, -1)):
        entries = model.objects.filter(fund=fund, in_kind=False)
        before += sign * _sum(entries.filter(date__lt=day))
        for entry_day, total in (
            entries.filter(date__gte=day)
            .values("date")
            .annotate(total=Sum(SIGNED))
            .values_list("date", "total")
        ):
            flows[entry_day] += sign * (total or 0)
    running = before + flows.pop(day, 0)
    lowest = running
    for entry_day in sorted(flows):
        running += flows[entry_day]
        lowest = min(lowest, running)
    return lowest


def available_phrase(day: date, available: int) -> str:
    if day >= timezone.localdate():
        return f"Số dư quỹ chỉ còn {money(available)}"
    return f"Từ ngày {day:%d/%m/%Y} đến nay, số dư quỹ có lúc chỉ còn {money(available)}"


def balances(funds) -> dict[int, int]:
    """{fund id: cash balance now} for several funds in two queries."""
    funds = list(funds)
    result = {f.pk: f.opening_balance for f in funds}
    for model, sign in ((Receipt, 1), (Payout, -1)):
        rows = (
            model.objects.filter(fund__in=funds, in_kind=False)
            .values("fund_id")
            .annotate(total=Sum(SIGNED))
            .values_list("fund_id", "total")
        )
        for fund_id, total in rows:
            result[fund_id] += sign * (total or 0)
    return result


def statement(fund: Fund, year: int) -> dict:
    """The yearly statement (báo cáo quyết toán), JSON-ready so a signed-off copy can be
    kept as it was approved."""
    opening = balance(fund, before_year=year)
    moved = MOVED  # transfers between funds are stated apart
    receipts = Receipt.objects.filter(fund=fund, year=year).aggregate(
        cash=Sum(SIGNED, filter=Q(in_kind=False) & ~moved),
        in_kind=Sum(SIGNED, filter=Q(in_kind=True)),
        transfers_in=Sum(SIGNED, filter=moved),
    )
    transfers_out = (
        Payout.objects.filter(fund=fund, year=year).filter(moved).aggregate(total=Sum(SIGNED))
    )["total"] or 0
    year_payouts = Payout.objects.filter(~MOVED, fund=fund, year=year)
    by_kind = {
        row["kind"]: row
        for row in year_payouts.values("kind").annotate(
            amount=Sum(SIGNED), portions=Sum(SIGNED_PORTIONS)
        )
    }
    paid_in_kind = year_payouts.filter(in_kind=True).aggregate(total=Sum(SIGNED))["total"] or 0
    payouts = [
        {
            "kind": kind,
            "label": label,
            "portions": (by_kind.get(kind) or {}).get("portions") or 0,
            "amount": (by_kind.get(kind) or {}).get("amount") or 0,
        }
        for kind, label in PAYOUT_KINDS.items()
    ]
    cash = receipts["cash"] or 0
    in_kind = receipts["in_kind"] or 0
    paid = sum(p["amount"] for p in payouts)
    return {
        "year": year,
        "opening": opening,
        "receipts_cash": cash,
        "receipts_in_kind": in_kind,
        "receipts_total": cash + in_kind,
        "payouts": payouts,
        "payouts_total": paid,
        "payouts_in_kind": paid_in_kind,
        "portions_total": sum(p["portions"] for p in payouts),
        "transfers_in": receipts["transfers_in"] or 0,
        "transfers_out": transfers_out,
        # cash only: goods received and given are in the totals, never in the balance
        "closing": opening
        + cash
        + (receipts["transfers_in"] or 0)
        - (paid - paid_in_kind)
        - transfers_out,
    }


def ledger_rows(fund: Fund, year: int) -> tuple[int, list[dict]]:
    """(opening balance, rows) for the year's book: every entry in date order with the
    running balance after it, and the entry that reversed it if any."""
    opening = balance(fund, before_year=year)
    entries = [
        *Receipt.objects.filter(fund=fund, year=year).select_related("reverses"),
        *Payout.objects.filter(fund=fund, year=year).select_related("reverses"),
    ]
    entries.sort(key=lambda e: (e.date, e.recorded_at, e.pk))
    # The reversal of an entry of this year may be booked in a later year (the year was
    # closed by then): the row shows which entry corrected it.
    reversals = {
        model: {
            r.reverses_id: r
            for r in model.objects.filter(reverses__fund=fund, reverses__year=year).only(
                "id", "reverses_id", "number", "year", "date"
            )
        }
        for model in (Receipt, Payout)
    }
    running = opening
    rows = []
    for entry in entries:
        is_receipt = isinstance(entry, Receipt)
        cash = not entry.in_kind  # goods are shown on their row, the cash does not move
        if cash:
            running += entry.signed_amount if is_receipt else -entry.signed_amount
        rows.append(
            {
                "entry": entry,
                "is_receipt": is_receipt,
                "received": entry.signed_amount if is_receipt and cash else None,
                "paid": entry.signed_amount if not is_receipt and cash else None,
                "balance": running,
                "reversed": reversals[type(entry)].get(entry.pk),
            }
        )
    return opening, rows


def statement_sheet(fund: Fund, data: dict) -> tuple[str, list[str], list[list]]:
    """The statement as one sheet for spreadsheets.workbook_bytes."""
    rows = [
        ["Số dư đầu năm", "", data["opening"]],
        ["Thu bằng tiền", "", data["receipts_cash"]],
        ["Thu bằng hiện vật (quy ra tiền)", "", data["receipts_in_kind"]],
        ["Tổng thu", "", data["receipts_total"]],
    ]
    for payout in data["payouts"]:
        rows.append([f"Chi {payout['label'].lower()}", payout["portions"], payout["amount"]])
    rows.append(["Tổng chi", data["portions_total"], data["payouts_total"]])
    rows.append(["Nhận chuyển quỹ", "", data.get("transfers_in", 0)])
    rows.append(["Chuyển quỹ đi", "", data.get("transfers_out", 0)])
    rows.append(["Trong đó chi bằng hiện vật (quy ra tiền)", "", data.get("payouts_in_kind", 0)])
    rows.append(["Số dư cuối năm", "", data["closing"]])
    return (f"Quyết toán {data['year']}", ["Khoản mục", "Số suất", "Số tiền (đồng)"], rows)
