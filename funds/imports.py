"""Lists staff paste or upload: beneficiaries of a payout, donations of a campaign.
All rows or none; every error names its row ("Dòng N: …")."""

import io

from django.db import transaction

from khuyenhoc.core import progress
from khuyenhoc.core.numbers import money, quantity
from khuyenhoc.core.sheets import xlsx_guard
from khuyenhoc.core.sheets.spreadsheets import (
    ImportRejected,
    RowError,
    clean_text,
    parse_date,
    parse_int,
    parse_money,
    read_sheet,
)
from khuyenhoc.core.text import fold
from khuyenhoc.submissions.previews import (
    DuplicateRow,
    ImportNeedsChoice,
    ImportOutcome,
    Preview,
    differences,
)

from . import campaigns, services
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
    "unit": "Đơn vị tính",
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


def _beneficiary_key(person: dict) -> tuple:
    return fold(person["name"]), fold(person["school"]), fold(person["grade"])


def _paid_twice(row: int, person: dict, seen: dict, errors: list) -> bool:
    """Whether the person (same name, school and grade, accents and case aside) was
    listed on an earlier row: one payout pays a child one portion."""
    key = _beneficiary_key(person)
    if key not in seen:
        seen[key] = row
        return False
    where = ", ".join(
        filter(None, [person["school"], person["grade"] and f"lớp {person['grade']}"])
    )
    errors.append(
        DuplicateRow(
            row,
            f"{person['name']}{f' ({where})' if where else ''} đã có trong danh sách: một "
            "người chỉ nhận một suất trong một phiếu chi",
            first=seen[key],
        )
    )
    return True


def beneficiaries_from_text(text: str) -> list[dict]:
    """One person a line: "họ tên; trường; lớp; số tiền; có" (or tab-separated, as pasted
    from Excel). Only the name is required; a missing amount takes the common amount."""
    people, errors, seen = [], [], {}
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
        if person and not _paid_twice(number, person, seen, errors):
            people.append(person)
    if errors:
        raise ImportRejected(errors)
    return people


def beneficiaries_from_sheet(data: bytes) -> list[dict]:
    people, errors, seen = [], [], {}
    for row, values in progress.checking(read_sheet(data, headers=BENEFICIARY_HEADERS)):
        person = _beneficiary(row, values, errors)
        if person and not _paid_twice(row, person, seen, errors):
            people.append(person)
    if errors:
        raise ImportRejected(errors)
    return people


def _drive(text, day, drives):
    """The campaign a row names, among those the fund takes part in (campaigns.for_fund):
    by its name, accents, case and spacing aside; of two with that name (Tháng Khuyến học
    of two years), the one whose period holds the row's date. The service then checks
    the date and the branch as for a receipt typed on the page."""
    name = clean_text(text, max_length=120)
    if not name:
        return None
    named = [d for d in drives if fold(d.name) == fold(name)]
    if len(named) > 1:
        named = [d for d in named if d.starts_on <= day <= d.ends_on] or named
    if not named:
        raise ValueError(
            f"không có đợt vận động «{name}» mà quỹ tham gia: ghi đúng tên một đợt vận động "
            "đã tạo (xem trang Đợt vận động), hoặc để trống"
        )
    if len(named) > 1:
        raise ValueError(f"có {len(named)} đợt vận động tên «{name}» không chứa ngày này")
    return named[0]


def _receipt_row(values: dict, drives=()) -> dict:
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
    drive = _drive(values["campaign"], date, drives)
    return {
        "date": date,
        "amount": amount,
        "donor_category": category,
        "donor_name": donor,
        "donor_name_public": _yes(values["consent"]),
        "in_kind": bool(item),
        "item_description": item,
        "item_quantity": parse_int(values["quantity"], minimum=1) if item else None,
        "unit": clean_text(values["unit"], max_length=30) if item else "",
        "campaign": drive.name if drive else "",
        "drive": drive,
    }


# What makes a row of the sheet a receipt already in the fund's book, as the preview says.
SAME_RECEIPT = (
    "cùng ngày, cùng người, đơn vị ủng hộ (không kể dấu và chữ hoa; mọi người ẩn danh là "
    "một), cùng số tiền và cùng hiện vật với một phiếu thu của quỹ chưa bị điều chỉnh."
)
RECEIPT_COMPARED = {
    "donor_category": "Loại",
    "donor_name_public": "Đồng ý công khai tên",
    "item_quantity": "Số lượng",
    "unit": "Đơn vị tính",
    "campaign": "Đợt vận động",
}


def _receipt_key(values: dict) -> tuple:
    anonymous = values["donor_category"] == Receipt.DonorCategory.ANONYMOUS
    donor = "" if anonymous else fold(values["donor_name"])
    item = fold(values["item_description"]) if values["in_kind"] else ""
    return values["date"], donor, values["amount"], item


def _comparable(values: dict) -> dict:
    """The compared details as the book keeps them (an anonymous donor is never named)."""
    anonymous = values["donor_category"] == Receipt.DonorCategory.ANONYMOUS
    return {
        "donor_category": values["donor_category"],
        "donor_name_public": bool(values["donor_name_public"]) and not anonymous,
        "item_quantity": values["item_quantity"] if values["in_kind"] else None,
        "unit": values["unit"] if values["in_kind"] else "",
        "campaign": values["campaign"],
    }


def _describe_receipt(values: dict) -> str:
    donor = values["donor_name"] or Receipt.DonorCategory(values["donor_category"]).label
    item = ""
    if values["in_kind"] and values["item_quantity"]:
        item = f", {quantity(values['item_quantity'], values['unit'], values['item_description'])}"
    elif values["in_kind"]:
        item = f", {values['item_description']}"
    return f"{values['date']:%d/%m/%Y}, {donor}, {money(values['amount'])}{item}"


def _receipts_in_book(fund, dates) -> dict:
    """key → compared details of the fund's receipts on those dates, neither reversing
    another nor reversed."""
    fields = ["date", "donor_name", "amount", "item_description", "in_kind", *RECEIPT_COMPARED]
    book = (
        Receipt.objects.filter(fund=fund, date__in=dates, reverses__isnull=True)
        .filter(reversal__isnull=True)
        .values(*fields)
    )
    return {_receipt_key(values): _comparable(values) for values in book}


@transaction.atomic
def receipts_import(*, user, fund, data: bytes, skip_existing=False) -> ImportOutcome:
    """Every row a receipt with its own number, or nothing at all. Rows of receipts the
    fund already has (SAME_RECEIPT) raise ImportNeedsChoice with the preview, unless
    skip_existing: then only the new rows are recorded."""
    rows, errors, seen = [], [], {}
    drives = list(campaigns.for_fund(fund))
    for row, values in progress.checking(read_sheet(data, headers=RECEIPT_HEADERS)):
        try:
            receipt = _receipt_row(values, drives)
        except ValueError as exc:
            errors.append(RowError(row, str(exc)))
            continue
        key = _receipt_key(receipt)
        if key in seen:
            text = f"{_describe_receipt(receipt)} (hai lần ủng hộ thì gộp vào một dòng)"
            errors.append(DuplicateRow(row, text, first=seen[key]))
            continue
        seen[key] = row
        rows.append((row, receipt))
    if errors:
        raise ImportRejected(errors)
    book = _receipts_in_book(fund, {values["date"] for _, values in rows})
    preview, fresh = Preview(SAME_RECEIPT), []
    for row, values in rows:
        stored = book.get(_receipt_key(values))
        if stored is None:
            preview.add("new", row, _describe_receipt(values))
            fresh.append((row, values))
            continue
        differs = differences(RECEIPT_COMPARED, _comparable(values), stored)
        preview.add("changed" if differs else "same", row, _describe_receipt(values), differs)
    if preview.already and not skip_existing:
        raise ImportNeedsChoice(preview)
    if not fresh:
        return ImportOutcome(skipped=preview.already)
    created = services.receipts_record_many(user=user, fund=fund, rows=fresh)
    return ImportOutcome(created=created, skipped=preview.already)
