"""Every write of the funds app. Views, admin, imports and the demo call these; receipts
are written in receipts.py and payouts in payouts.py, and both are named here.

Locks: each write takes the fund row, then its year row, with SELECT … FOR UPDATE
(always in that order, so two writers never deadlock). The fund lock serialises the
balance check of payouts and reversals; the year row holds the gap-free counters.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from khuyenhoc.core.access.scope import require_administrator, require_reviewer
from khuyenhoc.core.numbers import money
from khuyenhoc.core.text import nfc
from members import services as members_services
from members.models import Branch

from . import figures, ledger
from .batches import payout_batch_record, payout_names_add, signed_list_attach
from .goods import goods_payout_record
from .models import Fund, FundYear, OverdraftGrant, Payout, Receipt, Transfer
from .payouts import payout_record
from .receipts import receipt_record, receipts_record_many
from .reversals import book_reversal
from .rules import (
    MAX_AMOUNT,
    actor,
    check_amount,
    last_closed_year,
    refresh_figures,
    require_fund,
    year_row,
)
from .transfers import (
    transfer_cancel,
    transfer_confirm,
    transfer_refuse,
    transfer_send,
    transfer_undo,
)

__all__ = [
    "entry_reverse",
    "fund_create",
    "fund_update",
    "goods_payout_record",
    "overdraft_allow",
    "payout_batch_record",
    "payout_names_add",
    "payout_record",
    "receipt_record",
    "receipts_record_many",
    "refresh_figures",
    "signed_list_attach",
    "transfer_cancel",
    "transfer_confirm",
    "transfer_refuse",
    "transfer_send",
    "transfer_undo",
    "year_close",
]


@transaction.atomic
def fund_create(
    *,
    user,
    commune=None,
    branch: Branch | None = None,
    name: str,
    opening_year: int,
    opening_balance: int = 0,
) -> Fund:
    """A fund of a branch; for a commune with no branch yet, of its association; with
    neither, of the provincial association (created on first need)."""
    name = nfc(name).strip()
    if not name:
        raise ValidationError("Hãy nhập tên quỹ.")
    if opening_balance is None or opening_balance < 0:
        raise ValidationError("Số dư đầu kỳ không được âm.")
    if opening_balance > MAX_AMOUNT:
        raise ValidationError("Số dư đầu kỳ quá lớn: hãy kiểm tra lại.")
    if not 2000 <= opening_year <= timezone.localdate().year:
        raise ValidationError("Năm bắt đầu ghi sổ không hợp lệ.")
    if branch is None and commune is None:
        branch = members_services.province_branch_ensure(user=user)
    elif branch is None:
        branch = Branch.objects.filter(commune=commune, kind=Branch.Kind.COMMUNE).first()
        if branch is None:
            branch = Branch.objects.create(
                province_id=commune.province_id,
                commune=commune,
                kind=Branch.Kind.COMMUNE,
                name=f"Hội Khuyến học {commune.name}",
            )
    if user is not None and not Branch.objects.writable_by(user).filter(pk=branch.pk).exists():
        raise ValidationError("Bạn không có quyền với hội, chi hội này.")
    if Fund.objects.filter(branch=branch, name=name).exists():
        raise ValidationError("Hội này đã có quỹ mang tên này.")
    fund = Fund.objects.create(
        branch=branch, name=name, opening_year=opening_year, opening_balance=opening_balance
    )
    refresh_figures(fund)
    return fund


LOCKED_WHEN_CLOSED = {
    "opening_balance": "số dư đầu kỳ",
    "opening_year": "năm bắt đầu ghi sổ",
    "branch": "hội, chi hội giữ quỹ",
}


def fund_check_update(fund: Fund, changes: dict) -> None:
    """The rules of fund_update, also run by the admin form to show them as form errors."""
    unknown = set(changes) - {"name", *LOCKED_WHEN_CLOSED}
    if unknown:
        raise ValidationError(f"Không sửa được trường {', '.join(sorted(unknown))} của quỹ.")
    changed = {k: v for k, v in changes.items() if getattr(fund, k) != v}
    locked = [label for key, label in LOCKED_WHEN_CLOSED.items() if key in changed]
    closed = last_closed_year(fund)
    if locked and closed is not None:
        raise ValidationError(
            f"Quỹ đã duyệt quyết toán, khóa sổ năm {closed}: không sửa được "
            f"{', '.join(locked)} nữa. Sai sót hãy sửa bằng phiếu điều chỉnh trong năm đang mở."
        )
    if "name" in changed and not nfc(changed["name"]).strip():
        raise ValidationError("Hãy nhập tên quỹ.")
    if "opening_balance" in changed:
        balance = changed["opening_balance"]
        if balance is None or balance < 0:
            raise ValidationError("Số dư đầu kỳ không được âm.")
        if balance > MAX_AMOUNT:
            raise ValidationError("Số dư đầu kỳ quá lớn: hãy kiểm tra lại.")
        lowest = ledger.lowest_balance_since(fund, date(fund.opening_year, 1, 1))
        if balance < fund.opening_balance and lowest - (fund.opening_balance - balance) < 0:
            raise ValidationError(
                f"Giảm số dư đầu kỳ xuống {money(balance)} sẽ làm quỹ âm (có lúc số dư chỉ "
                f"còn {money(lowest)})."
            )
    if "opening_year" in changed:
        year = changed["opening_year"]
        if not 2000 <= year <= timezone.localdate().year:
            raise ValidationError("Năm bắt đầu ghi sổ không hợp lệ.")
        if any(m.objects.filter(fund=fund, year__lt=year).exists() for m in (Receipt, Payout)):
            raise ValidationError(f"Quỹ đã có phiếu ghi trước năm {year}.")


@transaction.atomic
def fund_update(*, user, fund: Fund, **changes) -> Fund:
    """A fund's name, opening balance, opening year or branch, by an administrator.
    Once a year of the fund is closed only the name may change: the opening balance
    feeds every closed year's figures."""
    require_administrator(user, "sửa thông tin quỹ")
    fund = require_fund(user, fund)
    if "name" in changes:
        changes["name"] = nfc(changes["name"]).strip()
    fund_check_update(fund, changes)
    branch = changes.get("branch")
    if (
        branch
        and user is not None
        and not Branch.objects.for_user(user).filter(pk=branch.pk).exists()
    ):
        raise ValidationError("Bạn không có quyền với hội, chi hội này.")
    before = fund.branch
    for key, value in changes.items():
        setattr(fund, key, value)
    fund.full_clean()  # the unique name within the branch
    fund._history_user = actor(user)  # services also run outside a request
    fund.save()
    refresh_figures(fund)
    if before.pk != fund.branch_id:
        if before.commune_id is not None:
            figures.refresh_commune(before.commune_id)
        else:
            figures.refresh_province(before.province_id)
    return fund


@transaction.atomic
def entry_reverse(*, user, entry: Receipt | Payout, reason: str, date: date | None = None):
    """A reversing entry for a mistaken receipt or payout; the original stays untouched.
    It is dated today by default, so the reversal of an entry of a closed year is an
    adjusting entry of the open year and the closed year's figures stay as approved.
    The entries of a transfer are undone through the transfer (funds/transfers.py)."""
    fund = require_fund(user, entry.fund)
    side = Q(payout_id=entry.pk) if isinstance(entry, Payout) else Q(receipt_id=entry.pk)
    if Transfer.objects.filter(side).exists():
        raise ValidationError(
            f"{entry} thuộc một khoản chuyển quỹ: hãy từ chối, hủy hay hoàn lại khoản chuyển "
            "đó trên trang quỹ."
        )
    reversal = book_reversal(fund=fund, entry=entry, reason=reason, user=user, date=date)
    refresh_figures(fund)
    return reversal


@transaction.atomic
def overdraft_allow(*, user, fund: Fund, amount: int, reason: str) -> OverdraftGrant:
    require_reviewer(user, "cho phép chi vượt số dư")
    fund = require_fund(user, fund, review=True)
    amount = check_amount(amount, "Số tiền được chi vượt")
    reason = nfc(reason).strip()
    if not reason:
        raise ValidationError("Hãy ghi lý do cho phép chi vượt số dư.")
    return OverdraftGrant.objects.create(
        fund=fund, amount=amount, reason=reason[:300], granted_by=user
    )


@transaction.atomic
def year_close(*, user, fund: Fund, year: int) -> FundYear:
    """The reviewer signs off the year's statement; the year is locked from then on."""
    require_reviewer(user, "duyệt quyết toán, khóa sổ")
    fund = require_fund(user, fund, review=True)
    if year < fund.opening_year or year > timezone.localdate().year:
        raise ValidationError(f"Quỹ không có sổ năm {year}.")
    if year > fund.opening_year:
        previous = FundYear.objects.filter(fund=fund, year=year - 1).first()
        if previous is None or not previous.is_closed:
            raise ValidationError(f"Hãy duyệt quyết toán năm {year - 1} trước năm {year}.")
    row = year_row(fund, year)
    if row.is_closed:
        raise ValidationError(
            f"Năm {year} đã khóa sổ ngày {timezone.localdate(row.closed_at):%d/%m/%Y}."
        )
    statement = ledger.statement(fund, year)
    if statement["closing"] < 0:
        granted = OverdraftGrant.objects.filter(fund=fund, payout__year__lte=year).aggregate(
            total=Sum("amount")
        )["total"]
        if -statement["closing"] > (granted or 0):
            raise ValidationError(
                f"Số dư cuối năm {year} là {money(statement['closing'])}: quỹ âm mà không có "
                "cho phép chi vượt số dư. Hãy kiểm tra lại các phiếu chi trước khi duyệt."
            )
    row.statement = statement
    row.closed_at = timezone.now()
    row.closed_by = actor(user)
    row.save()
    return row
