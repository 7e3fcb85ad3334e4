"""The Excel register: template, import (all rows or none) and export.

The import checks every row in memory: branches and the register's member numbers are
loaded once, so 20,000 rows need a handful of queries, then one bulk write.
"""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from khuyenhoc.core import progress
from khuyenhoc.core.access.scope import require_writable
from khuyenhoc.core.sheets.spreadsheets import (
    ImportRejected,
    RowError,
    clean_text,
    parse_date,
    parse_int,
    read_sheet,
    workbook_bytes,
)
from khuyenhoc.core.text import fold
from khuyenhoc.submissions.previews import (
    DuplicateRow,
    ImportNeedsChoice,
    ImportOutcome,
    Preview,
    differences,
)

from .bulk import insert_members
from .models import (
    MEMBER_NUMBER_CHARACTERS,
    Branch,
    Member,
    clean_phone,
    validate_member_number,
)
from .services import next_member_numbers, refresh_figures

HEADERS = {
    "member_number": "Số thẻ",
    "full_name": "Họ và tên",
    "birth_year": "Năm sinh",
    "gender": "Giới tính",
    "phone": "Điện thoại",
    "branch": "Chi hội",
    "joined_on": "Ngày vào hội",
}
GENDERS = {"nam": Member.Gender.MALE, "nu": Member.Gender.FEMALE, "nữ": Member.Gender.FEMALE}


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


class _RowParser:
    """Checks one row after another; values that repeat down a sheet (dates, branch
    names, genders) are parsed once."""

    def __init__(self, branches, today):
        self.branches = branches
        self.today = today
        self.oldest = today.year - 120
        self.dates: dict = {}

    def parse(self, number, cells, errors):
        """One row → a tuple in bulk.COLUMNS order (without the number), or None."""
        found = []

        def fail(column, message):
            found.append(RowError(number, message, HEADERS[column]))

        name = code = birth_year = phone = joined = None
        try:
            name = clean_text(cells["full_name"], max_length=120)
            if not name:
                fail("full_name", "thiếu họ và tên")
        except ValueError as exc:
            fail("full_name", str(exc))
        try:
            code = clean_text(cells["member_number"], max_length=20)
            if code:
                validate_member_number(code)
        except ValueError as exc:
            fail("member_number", str(exc))
        except ValidationError:
            fail("member_number", f"số thẻ «{code}» chỉ được gồm {MEMBER_NUMBER_CHARACTERS}")
        try:
            birth_year = parse_int(cells["birth_year"])
            if birth_year is None:
                fail("birth_year", "thiếu năm sinh")
            elif birth_year > self.today.year:
                fail("birth_year", "năm sinh không thể ở tương lai")
            elif birth_year < self.oldest:
                fail("birth_year", f"năm sinh không thể trước năm {self.oldest}")
        except ValueError as exc:
            fail("birth_year", str(exc))
        try:
            phone = clean_phone(cells["phone"])
        except ValueError as exc:
            fail("phone", str(exc))
        try:
            joined = self._date(cells["joined_on"])
            if joined is None:
                fail("joined_on", "thiếu ngày vào hội")
            elif joined > self.today:
                fail("joined_on", "ngày vào hội không thể ở tương lai")
        except ValueError as exc:
            fail("joined_on", str(exc))
        gender = GENDERS.get(_plain(cells["gender"])) or GENDERS.get(fold(str(cells["gender"])))
        if gender is None:
            fail("gender", f"giới tính «{cells['gender'] or ''}» phải là Nam hoặc Nữ")
        branch = self._branch(cells["branch"], fail)
        founded = branch.founded_on if branch is not None else None
        if founded and joined is not None and joined < founded:
            fail("joined_on", f"ngày vào hội trước ngày thành lập chi hội ({founded:%d/%m/%Y})")
        if found:
            errors.extend(found)
            return None
        return code, (name, birth_year, gender, phone, branch, joined)

    def _date(self, value):
        key = value if isinstance(value, str) else None
        if key is not None and key in self.dates:
            return self.dates[key]
        parsed = parse_date(value)
        if key is not None:
            self.dates[key] = parsed
        return parsed

    def _branch(self, value, fail):
        name = _plain(value)
        candidates = self.branches.get(name) or self.branches.get(fold(name), [])
        if not name:
            fail("branch", "thiếu tên chi hội")
        elif not candidates:
            fail("branch", f"không có chi hội «{value}» đang hoạt động trong xã")
        elif len(candidates) > 1:
            fail("branch", f"có nhiều chi hội tên «{value}»; hãy đổi tên cho khác nhau")
        else:
            return candidates[0]
        return None


def _plain(value) -> str:
    return " ".join(str(value or "").lower().split())


def taken_numbers(province_id, codes: list[str]) -> list[str]:
    """Which of `codes` the register already uses, in one query on PostgreSQL (an array
    parameter: 20,000 placeholders cost more to build than the look-up itself)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT member_number FROM {Member._meta.db_table} "
                "WHERE province_id = %s AND member_number = ANY(%s)",
                [province_id, codes],
            )
            return [code for (code,) in cursor.fetchall()]
    found = []
    for start in range(0, len(codes), 500):
        chunk = codes[start : start + 500]
        found += Member.objects.filter(
            province_id=province_id, member_number__in=chunk
        ).values_list("member_number", flat=True)
    return found


def _code_of(cells) -> str:
    try:
        return clean_text(cells["member_number"], max_length=20)
    except ValueError:
        return ""


# What makes a row of the sheet a member already in the register, as the preview says it.
SAME_MEMBER = (
    "cùng số thẻ với một hội viên của xã; hoặc, với dòng không ghi số thẻ, cùng họ tên "
    "(không kể dấu và chữ hoa), năm sinh và chi hội."
)
# The fields compared to tell a member already there from one whose details differ.
COMPARED = ("full_name", "birth_year", "gender", "phone", "branch", "joined_on")
COMPARED_LABELS = {key: HEADERS[key] for key in COMPARED}


def _person(name, birth_year, branch_id) -> tuple:
    return fold(name), birth_year, branch_id


def _describe(code, values) -> str:
    name, birth_year, gender, phone, branch, joined = values
    label = Member.Gender(gender).label
    head = f"{code} · " if code else ""
    return f"{head}{name}, {label}, {birth_year}, {branch.name}, vào hội {joined:%d/%m/%Y}"


class _Register:
    """The commune's members (not erased) by number and by person, to tell which rows
    of a sheet are already there."""

    def __init__(self, commune):
        self.by_code, self.by_person = {}, {}
        rows = Member.objects.filter(commune=commune, erased_on__isnull=True).values_list(
            "member_number", "full_name", "birth_year", "gender", "phone", "branch_id", "joined_on"
        )
        for code, *values in rows:
            stored = dict(zip(COMPARED, values, strict=True))
            if code:
                self.by_code[code] = stored
            self.by_person.setdefault(
                _person(stored["full_name"], stored["birth_year"], stored["branch"]), stored
            )

    def find(self, code, values):
        name, birth_year, _, _, branch, _ = values
        if code:
            return self.by_code.get(code)
        return self.by_person.get(_person(name, birth_year, branch.pk))


def _same_as_earlier(number, code, values, seen_codes, seen_people):
    """The DuplicateRow of a row that repeats an earlier one of the sheet, or None."""
    if code:
        if code in seen_codes:
            return DuplicateRow(number, f"cùng số thẻ {code}", "Số thẻ", first=seen_codes[code])
        seen_codes[code] = number
        return None
    if values is None:
        return None
    name, birth_year, _, _, branch, _ = values
    key = _person(name, birth_year, branch.pk)
    if key in seen_people:
        return DuplicateRow(
            number,
            f"{name}, sinh năm {birth_year}, {branch.name} (hai người khác nhau thì ghi số "
            "thẻ cho từng người)",
            first=seen_people[key],
        )
    seen_people[key] = number
    return None


@transaction.atomic
def members_import(
    *, user, commune, data: bytes, history=True, skip_existing=False
) -> ImportOutcome:
    """Validate every row, then write all of them or none (ImportRejected lists why).
    Rows of members already in the register (SAME_MEMBER) raise ImportNeedsChoice with
    the preview, unless skip_existing: then only the new rows are written.

    history=False skips the change-history rows (the benchmark measures their cost)."""
    require_writable(user, commune)
    rows = read_sheet(data, headers=HEADERS)
    branches: dict[str, list[Branch]] = {}
    for branch in Branch.objects.filter(commune=commune, dissolved_on__isnull=True):
        branches.setdefault(fold(branch.name), []).append(branch)
        if _plain(branch.name) != fold(branch.name):
            branches.setdefault(_plain(branch.name), []).append(branch)
    parser = _RowParser(branches, timezone.localdate())
    errors: list[RowError] = []
    parsed = []
    seen: dict[str, int] = {}
    seen_people: dict[tuple, int] = {}
    for number, cells in progress.checking(rows):
        result = parser.parse(number, cells, errors)
        code = result[0] if result else _code_of(cells)
        duplicate = _same_as_earlier(number, code, result and result[1], seen, seen_people)
        if duplicate:
            errors.append(duplicate)
            continue
        if result:
            parsed.append((number, *result))
    register = _Register(commune)
    preview, fresh = Preview(SAME_MEMBER), []
    for number, code, values in parsed:
        stored = register.find(code, values)
        if stored is None:
            preview.add("new", number, partial(_describe, code, values))
            fresh.append((number, code, values))
            continue
        sheet = dict(zip(COMPARED, values, strict=True)) | {"branch": values[4].pk}
        differs = differences(COMPARED_LABELS, sheet, stored)
        preview.add("changed" if differs else "same", number, _describe(code, values), differs)
    missing = sum(1 for _, code, _ in fresh if not code)
    wanted = missing + len(seen) if missing else 0  # the sheet's own numbers are skipped
    numbers = (c for c in next_member_numbers(commune, wanted) if c not in seen)
    numbered = [(number, code or next(numbers), values) for number, code, values in fresh]
    in_file = {code: number for number, code, _ in numbered}
    for code in taken_numbers(commune.province_id, list(in_file)):
        errors.append(RowError(in_file[code], f"số thẻ {code} đã có trong tỉnh", "Số thẻ"))
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: e.row))
    if preview.already and not skip_existing:
        raise ImportNeedsChoice(preview)
    if not numbered:
        return ImportOutcome(skipped=preview.already)
    province, code_of_commune = commune.province_id, commune.pk
    insert_members(
        [
            (
                province,
                code_of_commune,
                branch.pk,
                code,
                name,
                fold(name),
                birth_year,
                gender,
                phone,
                joined,
                None,
                "",
            )
            for _, code, (name, birth_year, gender, phone, branch, joined) in numbered
        ],
        user=user,
        history=history,
    )
    progress.written(len(numbered))
    refresh_figures(commune, min(values[5] for _, _, values in numbered))
    return ImportOutcome(created=len(numbered), skipped=preview.already)


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
