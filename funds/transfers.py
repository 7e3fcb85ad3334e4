"""Transfers between funds: the sending fund's payout at once, the receiving fund's
receipt when its staff confirm; out of the province (national association, another
province) a payout only, the counterpart named. See models.Transfer."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from khuyenhoc.core.numbers import money
from khuyenhoc.core.text import nfc

from .models import Fund, Payout, Receipt, Transfer
from .payouts import _use_overdraft
from .rules import actor, check_amount, open_year, refresh_figures, require_fund

NATIONAL = "Quỹ Hội Khuyến học Việt Nam"


@transaction.atomic
def transfer_send(
    *,
    user,
    from_fund: Fund,
    date: date,
    amount: int,
    to_fund: Fund | None = None,
    external_party: str = "",
    note: str = "",
) -> Transfer:
    """The sending fund's side: its payout now, within its cash balance."""
    external_party = nfc(external_party).strip()[:200]
    if (to_fund is None) == (not external_party):
        raise ValidationError("Hãy chọn quỹ nhận trong tỉnh hoặc ghi nơi nhận ngoài tỉnh.")
    if to_fund is not None and to_fund.pk == from_fund.pk:
        raise ValidationError("Không chuyển quỹ cho chính nó.")
    amount = check_amount(amount)
    if to_fund is not None and not Fund.objects.filter(pk=to_fund.pk).exists():
        raise ValidationError("Không tìm thấy quỹ nhận.")
    fund = require_fund(user, from_fund)
    row = open_year(fund, date)
    if _use_overdraft(fund, amount, date) is not None:
        raise ValidationError(
            f"Không đủ tiền để chuyển {money(amount)}: chuyển quỹ không dùng cho phép chi vượt."
        )
    counterpart = str(to_fund.branch) if to_fund is not None else external_party
    payout = Payout(
        fund=fund,
        number=row.last_payout_number + 1,
        date=date,
        amount=amount,
        kind="khac",
        description=f"Chuyển quỹ đến {counterpart}"[:300],
        note=nfc(note).strip()[:300],
        recorded_by=actor(user),
    )
    payout.full_clean(exclude=["year"])
    payout.save()
    row.last_payout_number = payout.number
    row.save(update_fields=["last_payout_number"])
    transfer = Transfer.objects.create(
        from_fund=fund,
        to_fund=to_fund,
        external_party=external_party,
        date=date,
        amount=amount,
        note=nfc(note).strip()[:300],
        state=Transfer.State.CONFIRMED if to_fund is None else Transfer.State.PENDING,
        payout=payout,
        created_by=actor(user),
    )
    refresh_figures(fund)
    return transfer


@transaction.atomic
def transfer_confirm(*, user, transfer: Transfer, date: date | None = None) -> Transfer:
    """The receiving fund's staff confirm the money arrived: its receipt, dated the day
    of confirmation unless told otherwise (never before the day it was sent)."""
    if transfer.to_fund_id is None:
        raise ValidationError("Chuyển ra ngoài tỉnh không cần xác nhận.")
    fund = require_fund(user, transfer.to_fund)
    transfer = (
        Transfer.objects.select_for_update().select_related("from_fund__branch").get(pk=transfer.pk)
    )
    if transfer.state == Transfer.State.CONFIRMED:
        raise ValidationError("Khoản chuyển này đã được xác nhận.")
    date = date or timezone.localdate()
    if date < transfer.date:
        raise ValidationError("Ngày nhận không thể trước ngày chuyển.")
    row = open_year(fund, date)
    receipt = Receipt(
        fund=fund,
        number=row.last_receipt_number + 1,
        date=date,
        amount=transfer.amount,
        donor_category=Receipt.DonorCategory.ORGANISATION,
        donor_name=str(transfer.from_fund.branch)[:200],
        note=f"Nhận chuyển quỹ từ {transfer.from_fund.branch}"[:300],
        recorded_by=actor(user),
    )
    receipt.full_clean(exclude=["year"])
    receipt.save()
    row.last_receipt_number = receipt.number
    row.save(update_fields=["last_receipt_number"])
    transfer.receipt = receipt
    transfer.state = Transfer.State.CONFIRMED
    transfer.confirmed_by = actor(user)
    transfer.confirmed_at = timezone.now()
    transfer.save()
    refresh_figures(fund)
    return transfer
