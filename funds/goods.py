"""Gifts in kind: the goods a fund received (item, quantity, unit, estimated value) and
gave out, its stock per item, and payouts of goods that never take more than the stock,
on the day of the payout or any day after it. Goods are never cash: the cash balance
(ledger.balance) leaves them out; the "Thu quỹ" total adds their value ("quy ra tiền")."""

from collections import defaultdict
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from khuyenhoc.core import numbers
from khuyenhoc.core.numbers import number
from khuyenhoc.core.text import fold, nfc

from .campaigns import check_drive
from .metrics import PAYOUT_KINDS
from .models import Fund, Payout, Receipt
from .rules import actor, open_year, refresh_figures, require_fund


def item_key(item: str, unit: str) -> tuple[str, str]:
    """One item whatever the accents or case typed: "Ba lô", "ba lo"."""
    return fold(item), fold(unit)


def _movements(fund: Fund):
    """(date, key, item, unit, quantity, value) of every move of counted goods, signed:
    in positive, out negative, a reversal the other way."""
    moves = []
    for model, sign in ((Receipt, 1), (Payout, -1)):
        rows = model.objects.filter(fund=fund, in_kind=True, item_quantity__isnull=False)
        for row in rows.values_list(
            "date", "item_description", "unit", "item_quantity", "amount", "reverses_id"
        ):
            day, item, unit, quantity, value, reverses = row
            flip = -sign if reverses else sign
            moves.append((day, item_key(item, unit), item, unit, flip * quantity, flip * value))
    return moves


def stock(fund: Fund) -> list[dict]:
    """What the fund holds of each item now: quantity and value (quy ra tiền)."""
    held = {}
    for _day, key, item, unit, quantity, value in _movements(fund):
        row = held.setdefault(key, {"item": item, "unit": unit, "quantity": 0, "value": 0})
        row["quantity"] += quantity
        row["value"] += value
    return sorted(
        (row for row in held.values() if row["quantity"] > 0), key=lambda r: fold(r["item"])
    )


def lowest_stock_since(fund: Fund, key, day: date) -> int:
    """The lowest end-of-day quantity of an item from `day` to now (as
    ledger.lowest_balance_since for money)."""
    before, flows = 0, defaultdict(int)
    for entry_day, entry_key, _item, _unit, quantity, _value in _movements(fund):
        if entry_key != key:
            continue
        if entry_day < day:
            before += quantity
        else:
            flows[entry_day] += quantity
    running = before + flows.pop(day, 0)
    lowest = running
    for entry_day in sorted(flows):
        running += flows[entry_day]
        lowest = min(lowest, running)
    return lowest


def _stock_row(fund, key):
    return next((row for row in stock(fund) if item_key(row["item"], row["unit"]) == key), None)


@transaction.atomic
def goods_payout_record(
    *,
    user,
    fund: Fund,
    date: date,
    kind: str,
    item: str,
    unit: str = "",
    quantity: int,
    portions: int | None = None,
    through: str = "",
    through_name: str = "",
    decision_ref: str = "",
    description: str = "",
    drive=None,
) -> Payout:
    """Goods given out of the fund's stock, valued at the stock's average (the last
    ones take what value is left, so an emptied stock is worth 0 đ exactly). The fund's
    lock serialises two payouts of the same goods."""
    fund = require_fund(user, fund)
    if kind not in PAYOUT_KINDS:
        raise ValidationError("Hãy chọn loại chi (học bổng, khen thưởng, quà, hỗ trợ, khác).")
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
        raise ValidationError("Số lượng phải là số nguyên lớn hơn 0.")
    item, unit = nfc(item).strip(), nfc(unit).strip()
    key = item_key(item, unit)
    held = _stock_row(fund, key)
    if held is None:
        raise ValidationError(f"Quỹ không còn {item or 'hiện vật này'} trong kho.")
    check_drive(fund, drive, date)
    row = open_year(fund, date)
    available = min(held["quantity"], lowest_stock_since(fund, key, date))
    if quantity > available:
        raise ValidationError(
            f"Kho chỉ còn {numbers.quantity(max(available, 0), held['unit'], held['item'])}"
            f"{'' if date >= timezone.localdate() else f' (tính từ ngày {date:%d/%m/%Y})'}: "
            f"không chi được {number(quantity)}."
        )
    if quantity == held["quantity"]:
        value = held["value"]
    else:
        value = max(1, held["value"] * quantity // held["quantity"])
    payout = Payout(
        fund=fund,
        number=row.last_payout_number + 1,
        date=date,
        amount=value,
        portions=portions if portions is not None else quantity,
        kind=kind,
        in_kind=True,
        item_description=held["item"],
        item_quantity=quantity,
        unit=held["unit"],
        through=through,
        through_name=nfc(through_name).strip()[:200],
        decision_ref=nfc(decision_ref).strip()[:120],
        description=nfc(description).strip()[:300],
        drive=drive,
        recorded_by=actor(user),
    )
    payout.full_clean(exclude=["year"])
    payout.save()
    row.last_payout_number = payout.number
    row.save(update_fields=["last_payout_number"])
    refresh_figures(fund)
    return payout
