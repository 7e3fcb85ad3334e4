"""The Excel register: template, import (all rows or none) and export.

The import checks every row in memory: branches and the register's member numbers are
loaded once, so 20,000 rows need a handful of queries, then one bulk write.
"""

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from khuyenhoc.spreadsheets import (
    ImportRejected,
    ImportResult,
    RowError,
    clean_text,
    parse_date,
    parse_int,
    read_sheet,
    workbook_bytes,
)
from khuyenhoc.text import fold

from .models import Branch, Member, clean_phone, member_errors
from .services import next_member_numbers, refresh_figures, require_scope

HEADERS = {
    "member_number": "Số thẻ",
    "full_name": "Họ và tên",
    "birth_year": "Năm sinh",
    "gender": "Giới tính",
    "phone": "Điện thoại",
    "branch": "Chi hội",
    "joined_on": "Ngày vào hội",
}
GENDERS = {"nam": Member.Gender.MALE, "nu": Member.Gender.FEMALE}
BATCH = 2000


def template_bytes(commune) -> bytes:
    branches = Branch.objects.filter(commune=commune, dissolved_on__isnull=True)
    example = branches.exclude(kind=Branch.Kind.COMMUNE).first() or branches.first()
    rows = [["", "Nguyễn Thị Mai", 1985, "Nữ", "0912345678", example.name if example else "", ""]]
    notes = [
        ["Số thẻ: để trống thì hệ thống tự cấp."],
        ["Giới tính: Nam hoặc Nữ."],
        ["Chi hội: đúng tên chi hội, ban khuyến học trong danh sách của xã."],
        ["Ngày vào hội: ngày/tháng/năm, ví dụ 13/11/2024."],
    ]
    notes += [[f"Chi hội: {b.name}"] for b in branches]
    return workbook_bytes(
        [("Hội viên", list(HEADERS.values()), rows), ("Hướng dẫn", ["Hướng dẫn"], notes)]
    )


def _parse_row(number, cells, *, branches, today, errors):
    """One row → Member fields, or None after adding its errors."""
    found = []

    def fail(column, message):
        found.append(RowError(number, message, HEADERS[column]))

    values = {}
    for key, parse in (
        ("full_name", lambda v: clean_text(v, max_length=120)),
        ("member_number", lambda v: clean_text(v, max_length=20)),
        ("birth_year", parse_int),
        ("phone", clean_phone),
        ("joined_on", parse_date),
    ):
        try:
            values[key] = parse(cells[key])
        except ValueError as exc:
            fail(key, str(exc))
    if "full_name" in values and not values["full_name"]:
        fail("full_name", "thiếu họ và tên")
    if "birth_year" in values and values["birth_year"] is None:
        fail("birth_year", "thiếu năm sinh")
    if "joined_on" in values and values["joined_on"] is None:
        fail("joined_on", "thiếu ngày vào hội")
    gender = GENDERS.get(fold(str(cells["gender"] or "")))
    if gender is None:
        fail("gender", f"giới tính «{cells['gender'] or ''}» phải là Nam hoặc Nữ")
    branch_name = fold(str(cells["branch"] or ""))
    candidates = branches.get(branch_name, [])
    if not branch_name:
        fail("branch", "thiếu tên chi hội")
    elif not candidates:
        fail("branch", f"không có chi hội «{cells['branch']}» đang hoạt động trong xã")
    elif len(candidates) > 1:
        fail("branch", f"có nhiều chi hội tên «{cells['branch']}»; hãy đổi tên cho khác nhau")
    branch = candidates[0] if len(candidates) == 1 else None
    rules = member_errors(
        birth_year=values.get("birth_year"),
        joined_on=values.get("joined_on"),
        left_on=None,
        branch=branch,
        today=today,
    )
    for field, message in rules.items():
        fail(field, message[0].lower() + message[1:].rstrip("."))
    if found:
        errors.extend(found)
        return None
    values.update(gender=gender, branch=branch)
    return values


def _code_of(cells) -> str:
    try:
        return clean_text(cells["member_number"], max_length=20)
    except ValueError:
        return ""


@transaction.atomic
def members_import(*, user, commune, data: bytes) -> ImportResult:
    """Validate every row, then write all of them or none (ImportRejected lists why)."""
    require_scope(user, commune)
    rows = read_sheet(data, headers=HEADERS)
    branches: dict[str, list[Branch]] = {}
    for branch in Branch.objects.filter(commune=commune, dissolved_on__isnull=True):
        branches.setdefault(fold(branch.name), []).append(branch)
    today = timezone.localdate()
    errors: list[RowError] = []
    parsed = []
    seen: dict[str, int] = {}
    for number, cells in rows:
        values = _parse_row(number, cells, branches=branches, today=today, errors=errors)
        code = values["member_number"] if values else _code_of(cells)
        if code:
            if code in seen:
                errors.append(
                    RowError(number, f"số thẻ {code} trùng với dòng {seen[code]}", "Số thẻ")
                )
                continue
            seen[code] = number
        if values:
            parsed.append((number, values))
    missing = [values for _, values in parsed if not values["member_number"]]
    fresh = iter(next_member_numbers(commune, len(missing) + len(seen)))
    for values in missing:
        values["member_number"] = next(code for code in fresh if code not in seen)
    in_file = {values["member_number"]: number for number, values in parsed}
    numbers = list(in_file)
    for start in range(0, len(numbers), 5000):
        taken = Member.objects.filter(
            province_id=commune.province_id, member_number__in=numbers[start : start + 5000]
        ).values_list("member_number", flat=True)
        for code in taken:
            errors.append(RowError(in_file[code], f"số thẻ {code} đã có trong tỉnh", "Số thẻ"))
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: e.row))
    members = [
        Member(
            province_id=commune.province_id,
            commune_id=commune.pk,
            name_folded=fold(values["full_name"]),
            **values,
        )
        for _, values in parsed
    ]
    bulk_create_with_history(members, Member, batch_size=BATCH, default_user=user)
    refresh_figures(commune, min(m.joined_on for m in members))
    return ImportResult(created=len(members))


def export_rows(members) -> list[list]:
    return [
        [
            m.member_number or "",
            m.full_name,
            m.birth_year or "",
            m.get_gender_display(),
            m.phone,
            m.branch.name,
            m.joined_on.strftime("%d/%m/%Y"),
            m.left_on.strftime("%d/%m/%Y") if m.left_on else "",
            m.leave_reason,
            m.status_display,
        ]
        for m in members
    ]


def export_bytes(members) -> bytes:
    headers = [*HEADERS.values(), "Ngày ra hội", "Lý do ra hội", "Tình trạng"]
    return workbook_bytes([("Hội viên", headers, export_rows(members))])
