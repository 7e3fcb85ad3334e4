"""Reading and writing the Excel lists staff already keep; shared by every import/export.

Reading uses python-calamine (about ten times faster than openpyxl on 50,000 rows);
writing uses openpyxl in write-only mode. Every text cell written is forced to be text,
so a name beginning with = + - @ never becomes a formula in the user's Excel.
"""

import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from python_calamine import CalamineWorkbook

from khuyenhoc.core import progress
from khuyenhoc.core.numbers import number
from khuyenhoc.core.sheets import xlsx_guard
from khuyenhoc.core.text import plain

# More digits than any count or amount in đồng can have; Python refuses int() of
# thousands of digits with an English message, which must not reach a user.
MAX_DIGITS = 20
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class RowError:
    row: int  # as Excel numbers it: the header is row 1
    message: str
    column: str = ""

    def __str__(self):
        if not self.row:  # the file as a whole: too big, not .xlsx, no header row
            return self.message
        where = f"Dòng {self.row}" + (f", cột «{self.column}»" if self.column else "")
        return f"{where}: {self.message}"


class ImportRejected(Exception):
    """Nothing was written; `errors` says why, row by row where it can."""

    def __init__(self, errors):
        if isinstance(errors, str):
            errors = [RowError(0, errors)]
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors[:5]))


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    warnings: list = field(default_factory=list)


def read_upload(upload) -> bytes:
    """The bytes of an uploaded file (or of any file opened in binary mode), the one way
    every import reads one: never more than MAX_IMPORT_BYTES + 1 bytes are read, so a
    bigger file is refused without being read whole."""
    limit = settings.MAX_IMPORT_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        # limit + 1: all that core.sheets.uploads kept of a bigger file, whose size is unknown
        raise ImportRejected(_too_big(size if size > limit + 1 else None, limit))
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ImportRejected(_too_big(None, limit))
    if not data:
        raise ImportRejected("Tệp rỗng.")
    return data


def _too_big(size, limit) -> str:
    told = f" ({_amount(size, up=True)})" if size else ""
    return f"Tệp quá lớn{told}; tối đa {_amount(limit)}. Hãy chia nhỏ danh sách."


def _amount(size: int, up=False) -> str:
    """20 MB, or 4 KB under a megabyte; a file's own size rounded up, so that 20.3 MB
    is not told as the 20 MB it exceeds."""
    unit, name = (1024 * 1024, "MB") if size >= 1024 * 1024 else (1024, "KB")
    return f"{number(-(-size // unit) if up else max(size // unit, 1))} {name}"


def read_sheet(data: bytes, *, headers: dict[str, str]) -> list[tuple[int, dict]]:
    """Rows of the first sheet as (excel_row_number, {key: value}), header row matched
    by its Vietnamese title (case, accents and spacing ignored).

    `headers` maps key → expected title. Raises ImportRejected for a file that is not
    .xlsx, is too big, empty, or lacks a required column.
    """
    return list(iter_sheet(data, headers=headers))


def iter_sheet(data: bytes, *, headers: dict[str, str]) -> Iterator[tuple[int, dict]]:
    """read_sheet() one row at a time, for an import that checks and writes rows while
    the rest are still being turned into Python values. The file, its limits
    (khuyenhoc.core.sheets.xlsx_guard: rows, columns, cells, text, zip bombs) and its header row are
    checked when this is called, before the first row and before the caller writes
    anything; a sheet without data rows raises after the last."""
    sheet = _first_sheet(data)
    rows = sheet.iter_rows()  # row 1 first, each row from the sheet's first column on
    try:
        top = list(itertools.islice(rows, xlsx_guard.HEADER_ROWS))
    except Exception as exc:  # calamine raises several kinds for a broken cell
        raise ImportRejected(xlsx_guard.BROKEN) from exc
    header_index = None
    for index, row in enumerate(top):
        titles = [_key(cell) for cell in row]
        if sum(1 for t in headers.values() if _key(t) in titles) >= max(1, len(headers) // 2):
            header_index = index
            break
    if header_index is None:
        expected = ", ".join(f"«{t}»" for t in headers.values())
        raise ImportRejected(f"Không tìm thấy dòng tiêu đề. Các cột cần có: {expected}.")
    last_row = sheet.end[0] + 1 if sheet.end else 0  # the last row holding a value
    if last_row - (header_index + 1) > xlsx_guard.MAX_ROWS:
        raise ImportRejected(xlsx_guard.rows_message())
    titles = [_key(cell) for cell in top[header_index]]
    positions = {}
    missing = []
    for key, title in headers.items():
        if _key(title) in titles:
            positions[key] = titles.index(_key(title))
        else:
            missing.append(title)
    if missing:
        raise ImportRejected("Thiếu cột: " + ", ".join(f"«{t}»" for t in missing) + ".")
    below = itertools.chain(top[header_index + 1 :], rows)
    return _data_rows(below, header_index + 2, positions)


def _data_rows(rows, first, positions) -> Iterator[tuple[int, dict]]:
    found = False
    for number_, row in enumerate(rows, start=first):
        values = {key: (row[pos] if pos < len(row) else "") for key, pos in positions.items()}
        if all(v in ("", None) for v in values.values()):
            continue
        found = True
        progress.read()
        yield number_, values
    if not found:
        raise ImportRejected("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")


def rows_in(data: bytes) -> int:
    """How many rows the first sheet holds, its header included: what decides whether
    an import runs as a background job. Checks the file as the import would
    (ImportRejected), without turning a cell into a value."""
    sheet = _first_sheet(data)
    return sheet.end[0] + 1 if sheet.end else 0


def _first_sheet(data: bytes):
    """calamine's first sheet of a workbook that passed xlsx_guard."""
    max_bytes = getattr(settings, "MAX_IMPORT_BYTES", 20 * 1024 * 1024)
    if len(data) > max_bytes:
        raise ImportRejected(_too_big(len(data), max_bytes))
    if not data:
        raise ImportRejected("Tệp rỗng.")
    try:
        name = xlsx_guard.check(data)
    except xlsx_guard.Refused as exc:
        raise ImportRejected(str(exc)) from exc
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if book.sheet_names[:1] != [name]:
            # the guard checked another sheet than calamine would read
            raise ImportRejected(xlsx_guard.BROKEN)
        sheet = book.get_sheet_by_index(0)
    except ImportRejected:
        raise
    except Exception as exc:  # calamine raises several kinds for a broken file
        raise ImportRejected(xlsx_guard.BROKEN) from exc
    except BaseException as exc:  # a Rust panic inside calamine is pyo3's PanicException
        if type(exc).__name__ != "PanicException":
            raise
        raise ImportRejected(xlsx_guard.BROKEN) from None
    return sheet


def _key(cell) -> str:
    from khuyenhoc.core.text import fold

    return fold(str(cell or ""))


def clean_text(value, *, max_length: int) -> str:
    """NFC, control characters and direction marks removed, trimmed; raises ValueError."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = plain(str(value)).strip()
    text = " ".join(text.split())
    if len(text) > max_length:
        raise ValueError(f"dài quá {max_length} ký tự")
    return text


def parse_int(value, *, minimum=None, maximum=None) -> int | None:
    """A whole number from a cell: 1200, 1200.0, "1.200" or "1 200"."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ValueError("không phải số")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("phải là số nguyên")
        value = int(value)
    if isinstance(value, str):
        text = value.strip().replace(" ", "").replace("\u00a0", "")
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
            text = text.replace(".", "")
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError("không phải số nguyên")
        if len(text) > MAX_DIGITS:
            raise ValueError("số quá lớn")
        value = int(text)
    if not isinstance(value, int):
        raise ValueError("không phải số")
    if minimum is not None and value < minimum:
        raise ValueError(f"không được nhỏ hơn {minimum}")
    if maximum is not None and value > maximum:
        raise ValueError(f"không được lớn hơn {maximum}")
    return value


def parse_money(value) -> int | None:
    """Whole đồng. Accepts 1000000, "1.000.000", "1,000,000", "1 000 000 đ"; refuses
    fractions, negatives and ambiguous forms such as "1.500" vs "1,5"."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ValueError("không phải số tiền")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("số tiền phải là số đồng nguyên, không có phần lẻ")
        value = int(value)
    if isinstance(value, str):
        text = re.sub(r"(?i)\s*(đ|đồng|vnd|vnđ)\s*$", "", value.strip())
        text = text.replace(" ", "").replace("\u00a0", "")
        if len(text) > MAX_DIGITS + 6:  # room for the thousands separators
            raise ValueError("số tiền quá lớn")
        if re.fullmatch(r"-?\d+", text):
            value = int(text)
        elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
            value = int(text.replace(".", ""))
        elif re.fullmatch(r"-?\d{1,3}(,\d{3})+", text):
            value = int(text.replace(",", ""))
        else:
            raise ValueError(
                f"không hiểu số tiền «{value}»: viết số đồng nguyên, ví dụ 1.000.000 hoặc 1000000"
            )
    if not isinstance(value, int):
        raise ValueError("không phải số tiền")
    if value < 0:
        raise ValueError("số tiền không được âm")
    return value


def parse_date(value) -> date | None:
    """A date from an Excel date cell or text 13/11/2024, 13-11-2024, 2024-11-13."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"ngày «{text}» không hợp lệ (viết ngày/tháng/năm, ví dụ 13/11/2024)")


def safe_text(value) -> str:
    """Text for a cell: never a formula, never a control character."""
    return plain(str(value))


def workbook_bytes(sheets: list[tuple[str, list[str], list[list]]]) -> bytes:
    """An .xlsx with one sheet per (title, headers, rows); strings stay strings."""
    book = Workbook(write_only=True)
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title=title[:31])
        header_cells = []
        for text in headers:
            cell = WriteOnlyCell(sheet, value=safe_text(text))
            cell.font = Font(bold=True)
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in rows:
            sheet.append([_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(sheet, value):
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=safe_text(value))
        cell.data_type = "s"  # openpyxl would otherwise take "=…" for a formula
        return cell
    return value
