"""Payouts (phiếu chi): scholarships, awards and gifts to a list of beneficiaries, within
the fund's balance unless a reviewer granted an overdraft."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from khuyenhoc.core.numbers import money
from khuyenhoc.core.text import fold, nfc

from . import ledger
from .campaigns import check_drive
from .metrics import PAYOUT_KINDS
from .models import Beneficiary, Fund, OverdraftGrant, Payout
from .rules import actor, check_amount, open_year, refresh_figures, require_fund


def _clean_beneficiaries(beneficiaries, default_amount):
    cleaned, seen = [], {}
    for index, item in enumerate(beneficiaries, start=1):
        name = nfc(item.get("name") or "").strip()
        if not name:
            raise ValidationError(f"Người nhận thứ {index}: thiếu họ tên.")
        school = nfc(item.get("school") or "").strip()[:200]
        grade = nfc(str(item.get("grade") or "")).strip()[:60]
        # the lists' own check (funds.imports) names rows; this one guards every other door
        key = (fold(name), fold(school), fold(grade))
        if key in seen:
            raise ValidationError(
                f"Người nhận thứ {index} trùng với người thứ {seen[key]} ({name}): một người "
                "chỉ nhận một suất trong một phiếu chi."
            )
        seen[key] = index
        amount = item.get("amount")
        amount = default_amount if amount in (None, "") else amount
        if amount in (None, ""):
            raise ValidationError(f"Người nhận thứ {index} ({name}): thiếu số tiền.")
        check_amount(amount, f"Số tiền của {name}")
        cleaned.append(
            Beneficiary(
                name=name[:120],
                school=school,
                grade=grade,
                amount=amount,
                name_public=bool(item.get("name_public")),
            )
        )
    if not cleaned:
        raise ValidationError("Phiếu chi phải có ít nhất một người nhận.")
    return cleaned


def _use_overdraft(fund, needed, day):
    """The smallest unused overdraft grant covering the gap, or a refusal."""
    available = ledger.lowest_balance_since(fund, day)
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
            f"{ledger.available_phrase(day, available)}, không đủ chi {money(needed)}. "
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
    drive=None,
) -> Payout:
    """One payout to a list of beneficiaries; each without an amount gets `default_amount`
    (752 scholarships of 500.000 đ are one call). Total and suất come from the list."""
    fund = require_fund(user, fund)
    if kind not in PAYOUT_KINDS:
        raise ValidationError("Hãy chọn loại chi (học bổng, khen thưởng, quà, hỗ trợ, khác).")
    people = _clean_beneficiaries(beneficiaries, default_amount)
    total = check_amount(sum(p.amount for p in people), "Tổng số tiền chi")
    check_drive(fund, drive, date)
    row = open_year(fund, date)
    grant = _use_overdraft(fund, total, date)
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
        drive=drive,
        recorded_by=actor(user),
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
