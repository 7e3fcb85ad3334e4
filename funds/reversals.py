"""The reversing entry (phiếu điều chỉnh) of a receipt or payout: the one way a booked
entry is undone. Callers check who may write and refresh the figures: a single entry
through services.entry_reverse, the two sides of a transfer through funds/transfers.py."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from khuyenhoc.core.numbers import money, number, quantity
from khuyenhoc.core.text import nfc

from . import goods, ledger
from .models import Fund, Payout, Receipt
from .rules import actor, open_year


def book_reversal(
    *, fund: Fund, entry: Receipt | Payout, reason: str, user, date: date | None = None
) -> Receipt | Payout:
    """`fund` is the entry's fund, already locked for update by the caller."""
    model = type(entry)
    original = model.objects.select_for_update().get(pk=entry.pk)
    reason = nfc(reason).strip()
    if not reason:
        raise ValidationError("Hãy ghi lý do điều chỉnh.")
    if original.reverses_id is not None:
        raise ValidationError("Không điều chỉnh một phiếu điều chỉnh; hãy lập phiếu mới đúng.")
    if model.objects.filter(reverses=original).exists():
        raise ValidationError(f"{original} đã được điều chỉnh rồi.")
    date = date or timezone.localdate()
    row = open_year(fund, date)
    if date < original.date:
        raise ValidationError("Phiếu điều chỉnh không thể có ngày trước phiếu gốc.")
    common = {
        "fund": fund,
        "date": date,
        "amount": original.amount,
        "reverses": original,
        "reason": reason[:300],
        "drive": original.drive,
        "recorded_by": actor(user),
    }
    if model is Receipt and original.in_kind and original.item_quantity:
        key = goods.item_key(original.item_description, original.unit)
        left = goods.lowest_stock_since(fund, key, date)
        if original.item_quantity > left:
            raise ValidationError(
                f"Kho chỉ còn {quantity(left, original.unit, original.item_description)}: "
                f"không điều chỉnh giảm {number(original.item_quantity)} được (hiện vật đã "
                "trao đi)."
            )
    elif model is Receipt and not original.in_kind:
        available = ledger.lowest_balance_since(fund, date)
        if original.amount > available:
            raise ValidationError(
                f"{ledger.available_phrase(date, available)}: điều chỉnh giảm "
                f"{money(original.amount)} sẽ làm quỹ âm."
            )
    if model is Receipt:
        reversal = Receipt(
            **common,
            number=row.last_receipt_number + 1,
            donor_category=original.donor_category,
            donor_name=original.donor_name,
            donor_name_public=original.donor_name_public,
            in_kind=original.in_kind,
            item_description=original.item_description,
            item_quantity=original.item_quantity,
            unit=original.unit,
            campaign=original.campaign,
        )
        row.last_receipt_number = reversal.number
    else:
        reversal = Payout(
            **common,
            number=row.last_payout_number + 1,
            kind=original.kind,
            portions=original.portions,
            unit_amount=original.unit_amount,
            through=original.through,
            through_name=original.through_name,
            level=original.level,
            in_kind=original.in_kind,
            item_description=original.item_description,
            item_quantity=original.item_quantity,
            unit=original.unit,
            decision_ref=original.decision_ref,
            description=original.description,
        )
        row.last_payout_number = reversal.number
    reversal.full_clean(exclude=["year", "reverses"])
    reversal.save()
    row.save(update_fields=["last_receipt_number", "last_payout_number"])
    return reversal
