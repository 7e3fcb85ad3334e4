"""The Excel of a year before the reform: one row per old commune, as the association
already keeps it. Old communes are found by code, or by name without accents (and the
old district when given); a name shared by several old communes is offered as a choice
on the preview. Every row is checked first; a sheet is always shown as a preview, and
only the confirmed sheet is written, all rows or none (past_years.legacy_reports_save).
"""

from khuyenhoc.core.numbers import number
from khuyenhoc.core.sheets.spreadsheets import (
    ImportRejected,
    RowError,
    clean_text,
    parse_int,
    read_sheet,
)
from khuyenhoc.core.text import fold
from khuyenhoc.submissions.previews import DuplicateRow, ImportNeedsChoice, ImportOutcome, Preview

from .legacy_fields import FIELDS, check
from .models import LegacyReport
from .past_years import legacy_communes_writable_by, legacy_reports_save, province_legacy_communes

CODE, NAME, DISTRICT = "code", "name", "district"
HEADERS = {
    CODE: "Mã xã cũ",
    NAME: "Tên xã cũ",
    DISTRICT: "Huyện, thành phố cũ",
    **FIELDS,
}
RULE = (
    "cùng xã cũ và cùng năm với một báo cáo đã nhập. Khi xác nhận, dòng mới được thêm, "
    "dòng khác thì số liệu trong tệp thay số liệu cũ (lịch sử giữ bản cũ)."
)
KIND_WORDS = ("xa", "phuong", "thi tran", "huyen", "quan", "thi xa", "thanh pho")


def bare(name: str) -> str:
    """A unit's name folded, without its kind: "Phường Chiềng Lề" → "chieng le"."""
    folded = fold(name)
    for word in sorted(KIND_WORDS, key=len, reverse=True):
        if folded.startswith(word + " "):
            return folded[len(word) + 1 :]
    return folded


class LegacyPreview(Preview):
    """The preview with the rows whose name several old communes share: [row, name,
    [[code, "Xã A (Huyện B)"], …]], for the picker."""

    def __init__(self, rule):
        super().__init__(rule)
        self.ambiguous = []

    def as_json(self):
        return {**super().as_json(), "ambiguous": self.ambiguous}


def _directory():
    olds = province_legacy_communes().values_list(
        "code", "name", "district__name", "district__code"
    )
    by_code, by_name = {}, {}
    for code, name, district, _district_code in olds:
        by_code[code] = (name, district)
        by_name.setdefault(bare(name), []).append(code)
    return by_code, by_name


def _label(entry):
    name, district = entry
    return f"{name} ({district})"


def _find(cells, by_code, by_name, picks, row, writable):
    """(code, None), (None, error message) or (None, [candidates]) for the picker."""
    raw_code = cells[CODE]
    name = clean_text(cells[NAME], max_length=120) if cells[NAME] not in (None, "") else ""
    if raw_code not in (None, ""):
        try:
            code = parse_int(raw_code, minimum=1)
        except ValueError as exc:
            return None, f"mã xã cũ {exc}."
        if code not in by_code:
            return None, f"không có xã cũ mã {code} trong các xã cũ của tỉnh."
        if name and bare(name) != bare(by_code[code][0]):
            return None, f"mã {code} là {_label(by_code[code])}, không phải «{name}»."
        return code, None
    if not name:
        return None, "cần mã hoặc tên xã cũ."
    codes = by_name.get(bare(name), [])
    district = cells[DISTRICT]
    if district not in (None, "") and len(codes) > 1:
        wanted = bare(str(district))
        codes = [c for c in codes if bare(by_code[c][1]) == wanted] or codes
    if not codes:
        return None, f"không tìm thấy xã cũ tên «{name}» trong các xã cũ của tỉnh."
    typed = name.casefold()
    for narrower in (
        # written with its accents, the name is one commune's ("Chiềng An", not "Chiềng Ân")
        lambda c: (
            by_code[c][0].casefold() == typed or by_code[c][0].casefold().endswith(" " + typed)
        ),
        lambda c: c in writable,  # of the communes the user may enter, only one has it
    ):
        if len(codes) > 1:
            codes = [c for c in codes if narrower(c)] or codes
    if len(codes) == 1:
        return codes[0], None
    if picks.get(row) in codes:
        return picks[row], None
    return None, [[c, _label(by_code[c])] for c in codes]


def legacy_reports_import(*, user, year, data: bytes, confirmed=False, picks=None):
    """Checks every row; unconfirmed, raises ImportNeedsChoice with the preview (rows
    new, the same as stored, or changed; names to pick); confirmed (with `picks`,
    {row number: old commune code} chosen on the preview), writes every row."""
    picks = picks or {}
    rows = read_sheet(data, headers=HEADERS)
    by_code, by_name = _directory()
    writable = set(legacy_communes_writable_by(user).values_list("pk", flat=True))
    stored = {
        r.legacy_commune_id: r.values()
        for r in LegacyReport.objects.filter(legacy_commune__in=list(by_code), year=year)
    }
    preview = LegacyPreview(RULE)
    errors, reports, seen = [], {}, {}
    for row, cells in rows:
        try:
            code, problem = _find(cells, by_code, by_name, picks, row, writable)
        except ValueError as exc:
            errors.append(RowError(row, f"{exc}.", HEADERS[NAME]))
            continue
        if isinstance(problem, list):
            if confirmed:
                errors.append(RowError(row, "chưa chọn xã cũ nào cho tên này.", HEADERS[NAME]))
            else:
                preview.ambiguous.append([row, clean_text(cells[NAME], max_length=120), problem])
            continue
        if problem:
            errors.append(RowError(row, problem, HEADERS[CODE]))
            continue
        if code in seen:
            errors.append(DuplicateRow(row, _label(by_code[code]), HEADERS[NAME], first=seen[code]))
            continue
        seen[code] = row
        if code not in writable:
            errors.append(RowError(row, f"{_label(by_code[code])}: bạn không có quyền nhập."))
            continue
        values, bad = {}, False
        for name in FIELDS:
            try:
                values[name] = parse_int(cells[name], minimum=0)
            except ValueError as exc:
                errors.append(RowError(row, f"{exc}.", HEADERS[name]))
                bad = True
        if bad:
            continue
        problems = check(values)
        errors += [RowError(row, message, HEADERS[name]) for name, message in problems.items()]
        if problems:
            continue
        text = f"{_label(by_code[code])}: " + _describe(values)
        differs = ""
        if code in stored:
            differs = ", ".join(HEADERS[n] for n in FIELDS if stored[code][n] != values[n])
            if not differs:
                preview.add("same", row, text)
                continue
        preview.add("changed" if differs else "new", row, text, differs)
        reports[code] = values
    if errors:
        raise ImportRejected(errors)
    if not confirmed:
        raise ImportNeedsChoice(preview)
    created, updated = (
        legacy_reports_save(user=user, year=year, reports=reports) if reports else (0, 0)
    )
    return ImportOutcome(created=created, updated=updated, skipped=preview.counts["same"])


def _describe(values):
    shown = [("adults", "trong độ tuổi"), ("households", "hộ")]
    return (
        ", ".join(
            f"{word} {number(values[name])}" for name, word in shown if values[name] is not None
        )
        or "số liệu danh hiệu"
    )


def template_rows(olds) -> list[list]:
    """The rows of the downloadable sheet: one per old commune the user may enter."""
    return [[code, name, district] + [None] * len(FIELDS) for code, name, district in olds]
