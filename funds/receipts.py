"""Receipts (phiếu thu): one typed on the staff page, or the many of an Excel import,
numbered without gaps within the fund's year under the fund's lock."""

import datetime
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from khuyenhoc.core.numbers import money
from khuyenhoc.core.sheets.spreadsheets import ImportRejected, RowError
from khuyenhoc.core.text import nfc

from .campaigns import check_drive
from .models import Fund, FundYear, Receipt
from .rules import actor, check_amount, open_year, refresh_figures, require_fund


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
    unit: str = "",
    campaign: str = "",
    drive=None,
    note: str = "",
) -> Receipt:
    """A checked, unnumbered receipt: the rules shared by one receipt and an import."""
    amount = check_amount(amount)
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
        item_description, item_quantity, unit = "", None, ""
    if not isinstance(date, datetime.date):
        raise ValidationError("Ngày không hợp lệ.")
    check_drive(fund, drive, date)
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
        unit=nfc(unit).strip()[:30],
        campaign=nfc(campaign).strip()[:120] or (drive.name if drive else ""),
        drive=drive,
        note=nfc(note).strip()[:300],
        recorded_by=actor(user),
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
    fund = require_fund(user, fund)
    receipt = _receipt_draft(user=user, fund=fund, **values)
    row = open_year(fund, receipt.date)
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
    fund = require_fund(user, fund)
    years: dict[int, FundYear] = {}
    receipts, errors = [], []
    for row_number, values in rows:
        try:
            receipt = _receipt_draft(user=user, fund=fund, **values)
            if receipt.year not in years:
                years[receipt.year] = open_year(fund, receipt.date)
        except ValidationError as exc:
            errors.append(RowError(row_number, " ".join(exc.messages)))
            continue
        year_row = years[receipt.year]
        year_row.last_receipt_number += 1
        receipt.number = year_row.last_receipt_number
        receipts.append(receipt)
    if errors:
        raise ImportRejected(errors)
    bulk_create_with_history(receipts, Receipt, batch_size=1000, default_user=actor(user))
    for year_row in years.values():
        year_row.save(update_fields=["last_receipt_number"])
    refresh_figures(fund)
    return len(receipts)
