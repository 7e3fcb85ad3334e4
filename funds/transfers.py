"""Transfers between funds: the sending fund's payout at once, the receiving fund's
receipt when its staff confirm; out of the province (national association, another
province) a payout only, the counterpart named. See models.Transfer.

Before it is confirmed, the receiving fund's staff may refuse a transfer and the sending
fund's staff may cancel it; once confirmed, it is undone only by a reversing entry pair
(the receiving fund's staff give the money back). Nothing is deleted: the sending fund's
payout is reversed by a reversal entry, the transfer row keeps who, when and why, and
both entries of the pair stay moves between funds in the figures (ledger.MOVED), so
nothing is ever counted as money raised or paid."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from khuyenhoc.core.numbers import money
from khuyenhoc.core.text import nfc

from .campaigns import check_drive
from .models import Fund, Payout, Receipt, Transfer
from .payouts import _use_overdraft
from .reversals import book_reversal
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
    drive=None,
) -> Transfer:
    """The sending fund's side: its payout now, within its cash balance. Linked to a
    campaign (`drive`) the fund takes part in and dated within it, money sent out of the
    province counts as what the campaign sent (funds/figures.py); a move to another fund
    of the province stays in the campaign."""
    external_party = nfc(external_party).strip()[:200]
    if (to_fund is None) == (not external_party):
        raise ValidationError("Hãy chọn quỹ nhận trong tỉnh hoặc ghi nơi nhận ngoài tỉnh.")
    if to_fund is not None and to_fund.pk == from_fund.pk:
        raise ValidationError("Không chuyển quỹ cho chính nó.")
    amount = check_amount(amount)
    if to_fund is not None and not Fund.objects.filter(pk=to_fund.pk).exists():
        raise ValidationError("Không tìm thấy quỹ nhận.")
    fund = require_fund(user, from_fund)
    check_drive(fund, drive, date)
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
        drive=drive,
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
    if transfer.state != Transfer.State.PENDING:
        raise ValidationError(
            f"Khoản chuyển này đang ở trạng thái «{transfer.get_state_display()}»: không "
            "xác nhận được."
        )
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


def _close(user, transfer: Transfer, *, side: str, state: str, reason: str) -> Transfer:
    """Lock both funds (in id order, so two closings never deadlock) and the transfer,
    if the user may write to the fund of `side`; reverse the entries booked; keep the
    row with who, when and why."""
    reason = nfc(reason).strip()[:300]
    if not reason:
        raise ValidationError("Hãy ghi lý do.")
    own = transfer.to_fund_id if side == "to" else transfer.from_fund_id
    if own is None or not Fund.objects.writable_by(user).filter(pk=own).exists():
        raise ValidationError("Bạn không có quyền với quỹ này.")
    ids = [i for i in (transfer.from_fund_id, transfer.to_fund_id) if i is not None]
    locked = Fund.objects.select_for_update().select_related("branch").filter(pk__in=ids)
    funds = {fund.pk: fund for fund in locked.order_by("pk")}
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.state != _FROM[state]:
        raise ValidationError(
            f"Khoản chuyển này đang ở trạng thái «{transfer.get_state_display()}»: không "
            f"{_VERB[state]} được."
        )
    # The receiver's receipt first: its reversal checks the receiver still has the money.
    if transfer.receipt_id is not None:
        book_reversal(
            fund=funds[transfer.to_fund_id], entry=transfer.receipt, reason=reason, user=user
        )
    book_reversal(
        fund=funds[transfer.from_fund_id], entry=transfer.payout, reason=reason, user=user
    )
    transfer.state = state
    transfer.closed_reason = reason
    transfer.closed_by = actor(user)
    transfer.closed_at = timezone.now()
    transfer.save()
    for fund in funds.values():
        refresh_figures(fund)
    return transfer


_FROM = {
    Transfer.State.REFUSED: Transfer.State.PENDING,
    Transfer.State.CANCELLED: Transfer.State.PENDING,
    Transfer.State.UNDONE: Transfer.State.CONFIRMED,
}
_VERB = {
    Transfer.State.REFUSED: "từ chối",
    Transfer.State.CANCELLED: "hủy",
    Transfer.State.UNDONE: "hoàn lại",
}


@transaction.atomic
def transfer_refuse(*, user, transfer: Transfer, reason: str) -> Transfer:
    """The receiving fund's staff refuse a pending transfer: the money goes back to the
    sending fund (a reversal of its payout, booked today)."""
    return _close(user, transfer, side="to", state=Transfer.State.REFUSED, reason=reason)


@transaction.atomic
def transfer_cancel(*, user, transfer: Transfer, reason: str) -> Transfer:
    """The sending fund's staff cancel a transfer not yet confirmed."""
    return _close(user, transfer, side="from", state=Transfer.State.CANCELLED, reason=reason)


@transaction.atomic
def transfer_undo(*, user, transfer: Transfer, reason: str) -> Transfer:
    """A confirmed transfer undone by a reversing entry pair: the receiving fund's
    receipt and the sending fund's payout each reversed, today. Inside the province the
    receiving fund's staff give the money back; out of the province (nothing to confirm)
    the sending fund's staff record that it came back."""
    side = "to" if transfer.to_fund_id is not None else "from"
    return _close(user, transfer, side=side, state=Transfer.State.UNDONE, reason=reason)
