"""Every write of the funds app. Views, admin, imports and the demo call these.

Locks: each write takes the fund row, then its year row, with SELECT … FOR UPDATE
(always in that order, so two writers never deadlock). The fund lock serialises the
balance check of payouts and reversals; the year row holds the gap-free counters.
"""

import datetime
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from khuyenhoc.areas.metrics import PAYOUT_KINDS
from khuyenhoc.areas.scope import is_reviewer
from khuyenhoc.numbers import money
from khuyenhoc.spreadsheets import ImportRejected, RowError
from khuyenhoc.text import nfc
from members.models import Branch

from . import figures, ledger
from .models import Beneficiary, Fund, FundYear, OverdraftGrant, Payout, Receipt

MAX_AMOUNT = 10**15  # a quadrillion đồng: anything larger is a typing error


def _actor(user):
    return user if user is not None and user.is_authenticated else None


def _require_fund(user, fund: Fund) -> Fund:
    """The fund locked for update, if the user may write to it."""
    funds = Fund.objects.all() if user is None else Fund.objects.for_user(user)
    locked = funds.select_for_update().select_related("branch").filter(pk=fund.pk).first()
    if locked is None:
        raise ValidationError("Bạn không có quyền với quỹ này.")
    return locked


def _require_reviewer(user, what):
    if user is not None and not is_reviewer(user):
        raise ValidationError(f"Chỉ cán bộ Hội tỉnh (thẩm định) mới được {what}.")


def _year_row(fund: Fund, year: int) -> FundYear:
    FundYear.objects.bulk_create([FundYear(fund=fund, year=year)], ignore_conflicts=True)
    return FundYear.objects.select_for_update().get(fund=fund, year=year)


def _check_amount(amount, label="Số tiền") -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise ValidationError(f"{label} phải là số đồng nguyên, không có phần lẻ.")
    if amount <= 0:
        raise ValidationError(f"{label} phải lớn hơn 0 đồng.")
    if amount > MAX_AMOUNT:
        raise ValidationError(f"{label} quá lớn: hãy kiểm tra lại.")
    return amount


def _open_year(fund: Fund, entry_date: date) -> FundYear:
    if not isinstance(entry_date, date):
        raise ValidationError("Ngày không hợp lệ.")
    if entry_date > timezone.localdate():
        raise ValidationError("Không ghi sổ cho ngày trong tương lai.")
    if entry_date.year < fund.opening_year:
        raise ValidationError(
            f"Quỹ bắt đầu ghi sổ từ năm {fund.opening_year}; không ghi được ngày "
            f"{entry_date:%d/%m/%Y}."
        )
    row = _year_row(fund, entry_date.year)
    if row.is_closed:
        raise ValidationError(
            f"Năm {entry_date.year} của quỹ đã khóa sổ (đã duyệt quyết toán); "
            "không ghi thêm được phiếu nào trong năm này."
        )
    return row


def refresh_figures(fund: Fund):
    if fund.branch.commune_id is not None:
        figures.refresh_commune(fund.branch.commune_id)


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
    """A fund of a branch; for a commune with no branch yet, of its association."""
    name = nfc(name).strip()
    if not name:
        raise ValidationError("Hãy nhập tên quỹ.")
    if opening_balance is None or opening_balance < 0:
        raise ValidationError("Số dư đầu kỳ không được âm.")
    if opening_balance > MAX_AMOUNT:
        raise ValidationError("Số dư đầu kỳ quá lớn: hãy kiểm tra lại.")
    if not 2000 <= opening_year <= timezone.localdate().year:
        raise ValidationError("Năm bắt đầu ghi sổ không hợp lệ.")
    if branch is None:
        if commune is None:
            raise ValidationError("Hãy chọn hội, chi hội giữ quỹ.")
        branch = Branch.objects.filter(commune=commune, kind=Branch.Kind.COMMUNE).first()
        if branch is None:
            branch = Branch.objects.create(
                province_id=commune.province_id,
                commune=commune,
                kind=Branch.Kind.COMMUNE,
                name=f"Hội Khuyến học {commune.name}",
            )
    if user is not None and not Branch.objects.for_user(user).filter(pk=branch.pk).exists():
        raise ValidationError("Bạn không có quyền với hội, chi hội này.")
    if Fund.objects.filter(branch=branch, name=name).exists():
        raise ValidationError("Hội này đã có quỹ mang tên này.")
    fund = Fund.objects.create(
        branch=branch, name=name, opening_year=opening_year, opening_balance=opening_balance
    )
    refresh_figures(fund)
    return fund


def _receipt_draft(
    *,
    user,
    fund: Fund,
    date: date,
    amount: int,
    donor_category: str,
    donor_name: str = "",
    donor_name_public: bool = False,
    in_kind: bool = False,
    item_description: str = "",
    item_quantity: int | None = None,
    campaign: str = "",
    note: str = "",
) -> Receipt:
    """A checked, unnumbered receipt: the rules shared by one receipt and an import."""
    amount = _check_amount(amount)
    if donor_category not in Receipt.DonorCategory.values:
        raise ValidationError(
            "Hãy chọn người ủng hộ là cá nhân, tổ chức, doanh nghiệp hay ẩn danh."
        )
    donor_name = nfc(donor_name).strip()
    if donor_category == Receipt.DonorCategory.ANONYMOUS:
        donor_name, donor_name_public = "", False
    elif not donor_name:
        raise ValidationError("Hãy nhập tên người, đơn vị ủng hộ (hoặc chọn ẩn danh).")
    item_description = nfc(item_description).strip()
    if in_kind and not item_description:
        raise ValidationError("Ủng hộ bằng hiện vật phải ghi rõ hiện vật và giá trị quy ra tiền.")
    if not in_kind:
        item_description, item_quantity = "", None
    if not isinstance(date, datetime.date):
        raise ValidationError("Ngày không hợp lệ.")
    receipt = Receipt(
        fund=fund,
        number=1,  # placeholder until numbered
        year=date.year,
        date=date,
        amount=amount,
        donor_category=donor_category,
        donor_name=donor_name[:200],
        donor_name_public=bool(donor_name_public),
        in_kind=bool(in_kind),
        item_description=item_description[:200],
        item_quantity=item_quantity,
        campaign=nfc(campaign).strip()[:120],
        note=nfc(note).strip()[:300],
        recorded_by=_actor(user),
    )
    # Field checks only: the number is given under the fund's lock and the database
    # constraints back it; skipping the per-row queries keeps an import of thousands fast.
    receipt.full_clean(
        exclude=["year", "number", "fund", "recorded_by", "reverses"],
        validate_unique=False,
        validate_constraints=False,
    )
    return receipt


@transaction.atomic
def receipt_record(*, user, fund: Fund, number: int | None = None, refresh: bool = True, **values):
    """A receipt with the next number of the fund's year (or the number typed by hand
    from a paper receipt book, which must be that same next number)."""
    fund = _require_fund(user, fund)
    receipt = _receipt_draft(user=user, fund=fund, **values)
    row = _open_year(fund, receipt.date)
    next_number = row.last_receipt_number + 1
    if number is not None and number != next_number:
        taken = Receipt.objects.filter(fund=fund, year=receipt.year, number=number).first()
        if taken:
            raise ValidationError(
                f"Số phiếu thu {number}/{receipt.year} đã dùng cho phiếu ngày "
                f"{taken.date:%d/%m/%Y} ({money(taken.amount)}). Số tiếp theo là {next_number}."
            )
        raise ValidationError(
            f"Số phiếu thu phải liên tục: số tiếp theo của năm {receipt.year} là {next_number}."
        )
    receipt.number = next_number
    receipt.save()
    row.last_receipt_number = next_number
    row.save(update_fields=["last_receipt_number"])
    if refresh:
        refresh_figures(fund)
    return receipt


@transaction.atomic
def receipts_record_many(*, user, fund: Fund, rows: list[tuple[int, dict]]) -> int:
    """The receipts of an import, numbered in sheet order within each year: the same
    checks as receipt_record, one lock, bulk writes (history included), one refresh.
    Raises ImportRejected listing every row that breaks a rule; writes nothing then."""
    fund = _require_fund(user, fund)
    years: dict[int, FundYear] = {}
    receipts, errors = [], []
    for row_number, values in rows:
        try:
            receipt = _receipt_draft(user=user, fund=fund, **values)
            if receipt.year not in years:
                years[receipt.year] = _open_year(fund, receipt.date)
        except ValidationError as exc:
            errors.append(RowError(row_number, " ".join(exc.messages)))
            continue
        year_row = years[receipt.year]
        year_row.last_receipt_number += 1
        receipt.number = year_row.last_receipt_number
        receipts.append(receipt)
    if errors:
        raise ImportRejected(errors)
    bulk_create_with_history(receipts, Receipt, batch_size=1000, default_user=_actor(user))
    for year_row in years.values():
        year_row.save(update_fields=["last_receipt_number"])
    refresh_figures(fund)
    return len(receipts)


def _clean_beneficiaries(beneficiaries, default_amount):
    cleaned = []
    for index, item in enumerate(beneficiaries, start=1):
        name = nfc(item.get("name") or "").strip()
        if not name:
            raise ValidationError(f"Người nhận thứ {index}: thiếu họ tên.")
        amount = item.get("amount")
        amount = default_amount if amount in (None, "") else amount
        if amount in (None, ""):
            raise ValidationError(f"Người nhận thứ {index} ({name}): thiếu số tiền.")
        _check_amount(amount, f"Số tiền của {name}")
        cleaned.append(
            Beneficiary(
                name=name[:120],
                school=nfc(item.get("school") or "").strip()[:200],
                grade=nfc(str(item.get("grade") or "")).strip()[:60],
                amount=amount,
                name_public=bool(item.get("name_public")),
            )
        )
    if not cleaned:
        raise ValidationError("Phiếu chi phải có ít nhất một người nhận.")
    return cleaned


def _use_overdraft(fund, needed, available):
    """The smallest unused overdraft grant covering the gap, or a refusal."""
    if needed <= available:
        return None
    gap = needed - available
    grant = (
        OverdraftGrant.objects.filter(fund=fund, payout__isnull=True, amount__gte=gap)
        .order_by("amount")
        .first()
    )
    if grant is None:
        raise ValidationError(
            f"Số dư quỹ chỉ còn {money(available)}, không đủ chi {money(needed)}. "
            "Chỉ chi vượt số dư khi cán bộ Hội tỉnh cho phép, có ghi lý do."
        )
    return grant


@transaction.atomic
def payout_record(
    *,
    user,
    fund: Fund,
    date: date,
    kind: str,
    beneficiaries: list[dict],
    default_amount: int | None = None,
    decision_ref: str = "",
    description: str = "",
    note: str = "",
) -> Payout:
    """One payout to a list of beneficiaries; each without an amount gets `default_amount`
    (752 scholarships of 500.000 đ are one call). Total and suất come from the list."""
    fund = _require_fund(user, fund)
    if kind not in PAYOUT_KINDS:
        raise ValidationError("Hãy chọn loại chi (học bổng, khen thưởng, quà, hỗ trợ, khác).")
    people = _clean_beneficiaries(beneficiaries, default_amount)
    total = _check_amount(sum(p.amount for p in people), "Tổng số tiền chi")
    row = _open_year(fund, date)
    grant = _use_overdraft(fund, total, ledger.balance(fund))
    payout = Payout(
        fund=fund,
        number=row.last_payout_number + 1,
        date=date,
        amount=total,
        portions=len(people),
        kind=kind,
        decision_ref=nfc(decision_ref).strip()[:120],
        description=nfc(description).strip()[:300],
        note=nfc(note).strip()[:300],
        overdraft=grant,
        recorded_by=_actor(user),
    )
    payout.full_clean(exclude=["year"])
    payout.save()
    for person in people:
        person.payout = payout
    Beneficiary.objects.bulk_create(people, batch_size=1000)
    row.last_payout_number = payout.number
    row.save(update_fields=["last_payout_number"])
    refresh_figures(fund)
    return payout


@transaction.atomic
def entry_reverse(*, user, entry: Receipt | Payout, reason: str, date: date | None = None):
    """A reversing entry for a mistaken receipt or payout; the original stays untouched."""
    model = type(entry)
    fund = _require_fund(user, entry.fund)
    original = model.objects.select_for_update().get(pk=entry.pk)
    reason = nfc(reason).strip()
    if not reason:
        raise ValidationError("Hãy ghi lý do điều chỉnh.")
    if original.reverses_id is not None:
        raise ValidationError("Không điều chỉnh một phiếu điều chỉnh; hãy lập phiếu mới đúng.")
    if model.objects.filter(reverses=original).exists():
        raise ValidationError(f"{original} đã được điều chỉnh rồi.")
    date = date or timezone.localdate()
    row = _open_year(fund, date)
    common = {
        "fund": fund,
        "date": date,
        "amount": original.amount,
        "reverses": original,
        "reason": reason[:300],
        "recorded_by": _actor(user),
    }
    if model is Receipt:
        available = ledger.balance(fund)
        if original.amount > available:
            raise ValidationError(
                f"Số dư quỹ chỉ còn {money(available)}: điều chỉnh giảm "
                f"{money(original.amount)} sẽ làm quỹ âm."
            )
        reversal = Receipt(
            **common,
            number=row.last_receipt_number + 1,
            donor_category=original.donor_category,
            donor_name=original.donor_name,
            donor_name_public=original.donor_name_public,
            in_kind=original.in_kind,
            item_description=original.item_description,
            item_quantity=original.item_quantity,
            campaign=original.campaign,
        )
        row.last_receipt_number = reversal.number
    else:
        reversal = Payout(
            **common,
            number=row.last_payout_number + 1,
            kind=original.kind,
            portions=original.portions,
            decision_ref=original.decision_ref,
            description=original.description,
        )
        row.last_payout_number = reversal.number
    reversal.full_clean(exclude=["year", "reverses"])
    reversal.save()
    row.save(update_fields=["last_receipt_number", "last_payout_number"])
    refresh_figures(fund)
    return reversal


@transaction.atomic
def overdraft_allow(*, user, fund: Fund, amount: int, reason: str) -> OverdraftGrant:
    _require_reviewer(user, "cho phép chi vượt số dư")
    fund = _require_fund(user, fund)
    amount = _check_amount(amount, "Số tiền được chi vượt")
    reason = nfc(reason).strip()
    if not reason:
        raise ValidationError("Hãy ghi lý do cho phép chi vượt số dư.")
    return OverdraftGrant.objects.create(
        fund=fund, amount=amount, reason=reason[:300], granted_by=user
    )


@transaction.atomic
def year_close(*, user, fund: Fund, year: int) -> FundYear:
    """The reviewer signs off the year's statement; the year is locked from then on."""
    _require_reviewer(user, "duyệt quyết toán, khóa sổ")
    fund = _require_fund(user, fund)
    if year < fund.opening_year or year > timezone.localdate().year:
        raise ValidationError(f"Quỹ không có sổ năm {year}.")
    if year > fund.opening_year:
        previous = FundYear.objects.filter(fund=fund, year=year - 1).first()
        if previous is None or not previous.is_closed:
            raise ValidationError(f"Hãy duyệt quyết toán năm {year - 1} trước năm {year}.")
    row = _year_row(fund, year)
    if row.is_closed:
        raise ValidationError(
            f"Năm {year} đã khóa sổ ngày {timezone.localdate(row.closed_at):%d/%m/%Y}."
        )
    row.statement = ledger.statement(fund, year)
    row.closed_at = timezone.now()
    row.closed_by = _actor(user)
    row.save()
    return row
