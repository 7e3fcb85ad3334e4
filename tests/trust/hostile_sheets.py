"""Workbooks for fuzzing the Excel imports: a sheet under an import's own header row
whose cells mix valid values with hostile ones (formula cells, numbers, dates, booleans,
and the text of hostile_values.py), and files that are not workbooks at all."""

import io
import re
import unicodedata

import openpyxl
from hypothesis import strategies as st
from openpyxl.cell import WriteOnlyCell

from tests.trust.hostile_values import (
    FORMULA_BODIES,
    INVISIBLE,
    MARKUP,
    NAMES,
    hostile_text,
)


class Formula(str):
    """A cell written as a formula (=…), not as text that looks like one."""


# Characters XML cannot hold: Excel writes them as _xHHHH_, which readers turn back.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

hostile_cells = st.one_of(
    hostile_text,
    st.sampled_from(FORMULA_BODIES).map(lambda body: Formula("=" + body)),
    st.integers(min_value=-(10**25), max_value=10**25),
    st.floats(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.booleans(),
    st.none(),
)


def _cell(sheet, value):
    if isinstance(value, Formula):
        return WriteOnlyCell(sheet, value=str(value))
    if isinstance(value, str):
        escaped = _XML_ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
        cell = WriteOnlyCell(sheet, value=escaped)
        cell.data_type = "s"  # text, even when it begins with =
        return cell
    return value


_written: dict = {}


def xlsx(columns, rows):
    """The workbook of these rows, the same bytes each time it is asked for (openpyxl
    writes the time into the file): Hypothesis replays an example to shrink it."""
    key = repr([[(type(v).__name__, v) for v in row] for row in [columns, *rows]])
    if key not in _written:
        if len(_written) > 500:
            _written.clear()
        _written[key] = _xlsx(columns, rows)
    return _written[key]


def _xlsx(columns, rows):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    for row in [columns, *rows]:
        sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# A column naming the record a whole row is about: a second row of it would be refused.
ONCE_PER_SHEET = "Thôn, bản, tổ dân phố"


@st.composite
def valid_rows(draw, upload, most=3):
    count = draw(st.integers(1, most))
    rows = [[draw(upload.valid[c]) for c in upload.columns] for _ in range(count)]
    if ONCE_PER_SHEET not in upload.columns:
        return rows
    key = upload.columns.index(ONCE_PER_SHEET)
    return list({row[key]: row for row in reversed(rows)}.values())


@st.composite
def decorated(draw, values):
    """A valid value as it comes from a careless sheet: a text with an invisible mark
    inside, in NFD, with markup after it or with spaces around it. Most of these the
    import takes, so the cleaning of what it stores is checked, not only its refusals."""
    value = draw(values)
    if not isinstance(value, str) or not value:
        return value
    how = draw(st.sampled_from(["mark", "nfd", "markup", "spaces"]))
    if how == "mark":
        at = draw(st.integers(0, len(value)))
        return value[:at] + draw(st.sampled_from(INVISIBLE)) + value[at:]
    if how == "nfd":
        return unicodedata.normalize("NFD", value)
    if how == "markup":
        return value + draw(st.sampled_from(MARKUP))
    return f"  {value}\t "


@st.composite
def hostile_sheets(draw, upload):
    """A workbook under the import's header row: rows whose cells are hostile in one or
    two columns, valid but carelessly written in some others and valid in the rest,
    sometimes a row with no hostile cell at all between them."""
    columns, valid = upload.columns, upload.valid
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        hostile = draw(st.sets(st.sampled_from(columns), max_size=2))
        careless = draw(st.sets(st.sampled_from(columns)))
        rows.append(
            [
                draw(
                    hostile_cells
                    if c in hostile
                    else decorated(valid[c])
                    if c in careless
                    else valid[c]
                )
                for c in columns
            ]
        )
    return xlsx(columns, rows)


@st.composite
def broken_files(draw, upload):
    """Random bytes, bytes behind a zip signature, or a real workbook of valid rows cut
    short, with bytes overwritten or with bytes pushed in."""
    kind = draw(st.sampled_from(["random", "zip", "cut", "overwritten", "pushed"]))
    if kind == "random":
        return draw(st.binary(max_size=4096))
    if kind == "zip":
        return b"PK\x03\x04" + draw(st.binary(max_size=2048))
    columns = upload.columns or ["Họ và tên"]
    rows = draw(valid_rows(upload)) if upload.columns and upload.valid else [[NAMES[0]]]
    book = bytearray(xlsx(columns, rows))
    places = st.integers(0, 2**20)  # modulo the length: drawn alike whatever the length
    if kind == "cut":
        return bytes(book[: draw(places) % len(book)])
    if kind == "overwritten":
        for _ in range(draw(st.integers(1, 8))):
            book[draw(places) % len(book)] = draw(st.integers(0, 255))
        return bytes(book)
    at = draw(places) % (len(book) + 1)
    return bytes(book[:at] + draw(st.binary(min_size=1, max_size=64)) + book[at:])


# --- what every answer must be ---------------------------------------------------------

# What clean_text removes: control characters, and the marks that turn text around.
