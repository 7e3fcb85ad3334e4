"""Lists staff paste or upload: beneficiaries of a payout, donations of a campaign.
All rows or none; every error names its row ("Dòng N: …")."""

import io

from django.db import transaction

from khuyenhoc import xlsx_guard
from khuyenhoc.spreadsheets import (
    ImportRejected,
    RowError,
    clean_text,
    parse_date,
    parse_int,
    parse_money,
    read_sheet,
)
from khuyenhoc.text import fold

from . import services
from .models import Receipt

BENEFICIARY_HEADERS = {
    "name": "Họ và tên",
    "school": "Trường",
    "grade": "Lớp",
    "amount": "Số tiền",
    "consent": "Đồng ý công khai tên",
}
RECEIPT_HEADERS = {
    "date": "Ngày",
    "donor": "Người, đơn vị ủng hộ",
    "category": "Loại",
    "consent": "Đồng ý công khai tên",
    "item": "Hiện vật",
    "quantity": "Số lượng",
    "amount": "Số tiền",
    "campaign": "Đợt vận động",
}
YES = {"co", "x", "1", "dong y", "yes", "true", "c"}
CATEGORIES = {
    "ca nhan": Receipt.DonorCategory.PERSON,
    "to chuc": Receipt.DonorCategory.ORGANISATION,
    "co quan": Receipt.DonorCategory.ORGANISATION,
    "co quan, to chuc": Receipt.DonorCategory.ORGANISATION,
    "doanh nghiep": Receipt.DonorCategory.ENTERPRISE,
    "an danh": Receipt.DonorCategory.ANONYMOUS,
}


def _yes(value) -> bool:
    return fold(str(value or "")) in YES


def _positive_money(value):
    amount = parse_money(value)
    if amount == 0:
        raise ValueError("số tiền phải lớn hơn 0 đồng")
    return amount


def _beneficiary(row: int, values: dict, errors: list) -> dict | None:
    try:
        name = clean_text(values.get("name"), max_length=120)
        if not name:
            raise ValueError("thiếu họ tên")
        return {
            "name": name,
            "school": clean_text(values.get("school"), max_length=200),
            "grade": clean_text(values.get("grade"), max_length=60),
            "amount": _positive_money(values.get("amount")),
            "name_public": _yes(values.get("consent")),
        }
    except ValueError as exc:
        errors.append(RowError(row, str(exc)))
        return None


def beneficiaries_from_text(text: str) -> list[dict]:
    """One person a line: "họ tên; trường; lớp; số tiền; có" (or tab-separated, as pasted
    from Excel). Only the name is required; a missing amount takes the common amount."""
    people, errors = [], []
    # line by line, not splitlines(): a paste of millions of empty lines stays one string
    for number, line in enumerate(io.StringIO(text or "", newline=None), start=1):
        if number > xlsx_guard.MAX_ROWS:
            raise ImportRejected(xlsx_guard.rows_message("Danh sách"))
        if not line.strip():
            continue
        cells = [c.strip() for c in (line.split("\t") if "\t" in line else line.split(";"))]
        cells += [""] * (5 - len(cells))
        values = dict(zip(BENEFICIARY_HEADERS, cells, strict=False))
        person = _beneficiary(number, values, errors)
        if person:
            people.append(person)
    if errors:
        raise ImportRejected(errors)
    return people


def beneficiaries_from_sheet(data: bytes) -> list[dict]:
    people, errors = [], []
    for row, values in read_sheet(data, headers=BENEFICIARY_HEADERS):
        person = _beneficiary(row, values, errors)
        if person:
            people.append(person)
    if errors:
        raise ImportRejected(errors)
    return people


def _receipt_row(values: dict) -> dict:
    date = parse_date(values["date"])
    if date is None:
        raise ValueError("thiếu ngày")
    amount = parse_money(values["amount"])
    if not amount:
        raise ValueError("số tiền phải lớn hơn 0 đồng")
    donor = clean_text(values["donor"], max_length=200)
    category_text = fold(clean_text(values["category"], max_length=40))
    if not category_text:
        category = Receipt.DonorCategory.PERSON if donor else Receipt.DonorCategory.ANONYMOUS
    elif category_text in CATEGORIES:
        category = CATEGORIES[category_text]
    else:
        raise ValueError(
            f"loại «{values['category']}» không rõ: ghi cá nhân, tổ chức, doanh nghiệp hoặc ẩn danh"
        )
    item = clean_text(values["item"], max_length=200)
    return {
        "date": date,
        "amount": amount,
        "donor_category": category,
        "donor_name": donor,
        "donor_name_public": _yes(values["consent"]),
        "in_kind": bool(item),
        "item_description": item,
        "item_quantity": parse_int(values["quantity"], minimum=1) if item else None,
        "campaign": clean_text(values["campaign"], max_length=120),
    }


@transaction.atomic
def receipts_import(*, user, fund, data: bytes) -> int:
    """Every row a receipt with its own number, or nothing at all."""
    rows, errors = [], []
    for row, values in read_sheet(data, headers=RECEIPT_HEADERS):
        try:
            rows.append((row, _receipt_row(values)))
        except ValueError as exc:
            errors.append(RowError(row, str(exc)))
    if errors:
        raise ImportRejected(errors)
    return services.receipts_record_many(user=user, fund=fund, rows=rows)
