"""Workbooks made to eat the memory of whoever reads them, each within the 20 MB upload
limit and built in well under a second: parts that inflate to gigabytes (a deflate
stream repeats one block compressed once), a part that declares less than it holds, a
shared string copied into a hundred thousand cells, a grid from A1 to XFD1048576,
millions of cells or strings, text too long, too many sheets or parts.

Each entry of WORST_CASES is (name, builder, the words of the expected refusal); the
memory test imports each one in a subprocess, the benchmark times them."""

import os
import struct
import zlib

NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELS_NS = b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
R_NS = b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
MEMBER_HEADERS = ["Số thẻ", "Họ và tên", "Năm sinh", "Giới tính", "Điện thoại", "Chi hội"]
MEMBER_HEADERS += ["Ngày vào hội"]
SHEET_HEAD = b'<?xml version="1.0" encoding="UTF-8"?><worksheet ' + NS + b"><sheetData>"
SHEET_TAIL = b"</sheetData></worksheet>"


# --- a zip written by hand: sizes and streams as the attacker wants them ---------------


class Part:
    """One zip entry: `packed` is its raw deflate stream; `size` and `crc` what the zip
    declares (the true ones unless a builder lies)."""

    def __init__(self, name, packed, size, crc, flags=0):
        self.name, self.packed, self.size, self.crc = name.encode(), packed, size, crc
        self.flags = flags  # bit 0: encrypted

    @classmethod
    def of(cls, name, content: bytes):
        packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        packed = packer.compress(content) + packer.flush()
        return cls(name, packed, len(content), zlib.crc32(content))

    @classmethod
    def repeated(cls, name, head: bytes, unit: bytes, times: int, tail: bytes, size=None):
        """head + unit × times + tail, compressed once: after a full flush deflate forgets
        what came before, so each repetition of `unit` compresses to the same bytes."""
        packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        start = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
        block = packer.compress(unit) + packer.flush(zlib.Z_FULL_FLUSH)
        end = packer.compress(tail) + packer.flush()
        true_size = len(head) + len(unit) * times + len(tail)
        return cls(name, start + block * times + end, size or true_size, 0)


def zip_of(parts) -> bytes:
    """The zip of `parts` (deflated), with no comment, no data descriptor, no zip64."""
    body, directory = bytearray(), bytearray()
    for part in parts:
        offset = len(body)
        sizes = (part.crc, len(part.packed), part.size, len(part.name))
        flags = part.flags
        body += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, flags, 8, 0, 0x21, *sizes, 0)
        body += part.name + part.packed
        directory += struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, flags, 8, 0, 0x21, *sizes, 0, 0, 0, 0, 0, offset
        )
        directory += part.name
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(directory), len(body), 0
    )
    return bytes(body + directory + end)


def book(sheet: Part, *others: Part, sheets: bytes | None = None, **replaced: bytes) -> bytes:
    """A workbook whose first sheet is `sheet` (xl/worksheets/sheet1.xml). `replaced`
    gives other content to a standard part: package (_rels/.rels), workbook,
    relationships (xl/_rels/workbook.xml.rels)."""
    sheets = sheets or b'<sheet name="Danh s\xc3\xa1ch" sheetId="1" r:id="rId1"/>'
    content = {
        "package": (
            b"<Relationships " + RELS_NS + b'><Relationship Id="rId1" Target="xl/workbook.xml"'
            b' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'officeDocument"/></Relationships>'
        ),
        "workbook": b"<workbook "
        + NS
        + b" "
        + R_NS
        + b"><sheets>"
        + sheets
        + b"</sheets></workbook>",
        "relationships": (
            b"<Relationships " + RELS_NS + b'><Relationship Id="rId1" '
            b'Target="worksheets/sheet1.xml" Type="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships/worksheet"/></Relationships>'
        ),
    } | replaced
    return zip_of(
        [
            Part.of("_rels/.rels", content["package"]),
            Part.of("xl/workbook.xml", content["workbook"]),
            Part.of("xl/_rels/workbook.xml.rels", content["relationships"]),
            sheet,
            *others,
        ]
    )


def sheet_part(rows: bytes) -> Part:
    return Part.of("xl/worksheets/sheet1.xml", SHEET_HEAD + rows + SHEET_TAIL)


def header_row(titles=MEMBER_HEADERS) -> bytes:
    return (
        b'<row r="1">' + b"".join(_inline(_ref(c, 1), t) for c, t in enumerate(titles)) + b"</row>"
    )


def _inline(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def _ref(column: int, row: int) -> str:
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def shared_strings(content: bytes) -> Part:
    return Part.of(
        "xl/sharedStrings.xml",
        b'<?xml version="1.0" encoding="UTF-8"?><sst ' + NS + b">" + content + b"</sst>",
    )


# --- the worst cases -------------------------------------------------------------------

GB = 1024**3


def deflate_bomb() -> bytes:
    """A sheet of 3.9 GB of tiny numeric rows, compressed to about 4 MB."""
    unit = b"<row><c><v>1</v></c></row>" * 40_000
    times = int(3.9 * GB) // len(unit)
    return book(Part.repeated("xl/worksheets/sheet1.xml", SHEET_HEAD, unit, times, SHEET_TAIL))


def lying_deflate_bomb() -> bytes:
    """The same kind of stream, 3.9 GB inflated, declaring 100 KB: a reader that trusts
    the declared size stops there, calamine's goes on."""
    unit = b"<row><c><v>1</v></c></row>" * 40_000
    times = int(3.9 * GB) // len(unit)
    part = Part.repeated("xl/worksheets/sheet1.xml", SHEET_HEAD, unit, times, SHEET_TAIL)
    part.size = 100_000
    return book(part)


def shared_strings_bomb() -> bytes:
    """xl/sharedStrings.xml of 2 GB: a hundred million one-letter strings."""
    head = b'<?xml version="1.0" encoding="UTF-8"?><sst ' + NS + b">"
    unit = b"<si><t>x</t></si>" * 60_000
    part = Part.repeated("xl/sharedStrings.xml", head, unit, 2 * GB // len(unit), b"</sst>")
    return book(sheet_part(header_row()), part)


def many_shared_strings() -> bytes:
    """700,000 distinct shared strings in a part of 14 MB: within the part limits, past
    the strings limit."""
    content = b"".join(b"<si><t>%x</t></si>" % n for n in range(700_000))
    return book(sheet_part(header_row()), shared_strings(content))


def shared_string_copies() -> bytes:
    """One shared string of 900 KB, used by 100,000 cells: calamine copies it into each,
    90 GB."""
    text = b"Nguy\xe1\xbb\x85n V\xc4\x83n " * 60_000
    row = b'<row r="%d"><c r="B%d" t="s"><v>0</v></c></row>'
    cells = b"".join(row % (n, n) for n in range(2, 100_002))
    return book(sheet_part(header_row() + cells), shared_strings(b"<si><t>" + text + b"</t></si>"))


def far_cell() -> bytes:
    """A1 and XFD1048576: a grid of 17 billion cells."""
    rows = header_row() + b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return book(sheet_part(rows))


def far_column() -> bytes:
    """A header and one value in column XFD of the same row."""
    return book(sheet_part(header_row().replace(b"</row>", b'<c r="XFD1"><v>1</v></c></row>')))


def huge_dimension() -> bytes:
    """A header under a <dimension> that claims A1:XFD1048576: harmless, and read."""
    part = Part.of(
        "xl/worksheets/sheet1.xml",
        SHEET_HEAD.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>')
        + header_row()
        + SHEET_TAIL,
    )
    return book(part)


def million_cells() -> bytes:
    """1,200,000 numeric cells, 24 to a row."""
    row = (
        b'<row r="%d">'
        + b"".join(b'<c r="%s%%d"><v>1</v></c>' % _ref(c, 0)[:-1].encode() for c in range(24))
        + b"</row>"
    )
    rows = b"".join(row % ((n,) * 25) for n in range(2, 50_002))
    return book(sheet_part(header_row() + rows))


def empty_cells() -> bytes:
    """Three million empty cells <c r="…"/>, 30 to a row (a part of 72 MB)."""
    row = b'<row r="%d">' + b"".join(
        b'<c r="%s%%d"/>' % _ref(c, 0)[:-1].encode() for c in range(30)
    )
    rows = b"".join((row + b"</row>") % ((n,) * 31) for n in range(2, 100_002))
    return book(sheet_part(header_row() + rows))


def repeated_cells() -> bytes:
    """Five million empty cells without references, 250 times smaller compressed than
    inflated."""
    unit = (b"<row>" + b"<c/>" * 50 + b"</row>") * 1000
    head = SHEET_HEAD + header_row()
    return book(Part.repeated("xl/worksheets/sheet1.xml", head, unit, 100, SHEET_TAIL))


def long_cell_text() -> bytes:
    """One cell holding 8 MB of text."""
    text = os.urandom(4 * 1024 * 1024).hex()
    return book(sheet_part(header_row() + b'<row r="2">' + _inline("B2", text) + b"</row>"))


def many_sheets() -> bytes:
    """A workbook listing 60,000 sheets."""
    sheet = b'<sheet name="S%d" sheetId="%d" r:id="rId1"/>'
    sheets = b"".join(sheet % (n, n) for n in range(60_000))
    return book(sheet_part(header_row()), sheets=sheets)


def many_parts() -> bytes:
    """20,000 empty parts: a central directory zipfile would parse into 20,000 objects."""
    return book(sheet_part(header_row()), *(Part.of(f"xl/x{n}.xml", b"") for n in range(20_000)))


def _member_rows(texts, extra_columns):
    """Rows 2 to 50,001 of a member register: the seven columns from `texts`, then
    numbers in `extra_columns` more. A text is a function of the row number: bytes of
    an inline string, an int (a shared string's number) or None (the birth year)."""
    rows = []
    for n in range(2, 50_002):
        cells = []
        for column, text in enumerate(texts):
            value = text(n)
            ref = _ref(column, n).encode()
            if value is None:
                cells.append(b'<c r="%s"><v>1980</v></c>' % ref)
            elif isinstance(value, int):
                cells.append(b'<c r="%s" t="s"><v>%d</v></c>' % (ref, value))
            else:
                cells.append(b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, value))
        for column in range(len(texts), len(texts) + extra_columns):
            cells.append(b'<c r="%s"><v>%d</v></c>' % (_ref(column, n).encode(), n))
        rows.append(b'<row r="%d">' % n + b"".join(cells) + b"</row>")
    return b"".join(rows)


EMOJI_NAME = "😀 Nguyen Thi Minh Khai Hoang Anh Thu".encode()


def worst_accepted() -> bytes:
    """Within every limit: 50,000 rows × 19 columns (a grid of 950,019 cells), the seven
    columns of the member register full of long names that each begin with an emoji
    (Python then spends four bytes a letter), 12 MB of text in all. Every row names a
    branch the commune lacks, so the import refuses it after reading the whole sheet."""
    titles = MEMBER_HEADERS + [f"Cột {n}" for n in range(12)]
    texts = [
        lambda n: b"%s %d" % (EMOJI_NAME, n),
        lambda n: b"%s %s %d" % (EMOJI_NAME, EMOJI_NAME, n),
        lambda n: None,
        lambda n: "Nữ".encode(),
        lambda n: b"0912345678",
        lambda n: b"Chi %s %s %d" % (EMOJI_NAME, EMOJI_NAME, n),
        lambda n: b"13/11/2020",
    ]
    return book(sheet_part(header_row(titles) + _member_rows(texts, 12)))


def worst_accepted_shared() -> bytes:
    """The same grid, its names 250,000 distinct shared strings (15 MB, all kept by
    calamine), four of them copied into the cells of each row: 12 MB of text."""
    titles = MEMBER_HEADERS + [f"Cột {n}" for n in range(12)]
    strings = b"".join(b"<si><t>%s %d</t></si>" % (EMOJI_NAME, n) for n in range(250_000))
    texts = [
        lambda n: b"X%d" % n,
        lambda n: 4 * n,
        lambda n: None,
        lambda n: 4 * n + 1,
        lambda n: 4 * n + 2,
        lambda n: 4 * n + 3,
        lambda n: b"13/11/2020",
    ]
    return book(sheet_part(header_row(titles) + _member_rows(texts, 12)), shared_strings(strings))


ROWS = "quá 50.000 dòng"
WORST_CASES = [
    ("deflate_bomb", deflate_bomb, "bung ra quá lớn"),
    ("lying_deflate_bomb", lying_deflate_bomb, "tệp hỏng"),
    ("shared_strings_bomb", shared_strings_bomb, "bung ra quá lớn"),
    ("many_shared_strings", many_shared_strings, "quá 300.000 đoạn chữ"),
    ("shared_string_copies", shared_string_copies, "quá nhiều chữ"),
    ("far_cell", far_cell, ROWS),
    ("far_column", far_column, "quá 100 cột"),
    ("million_cells", million_cells, "quá 1.000.000 ô"),
    ("empty_cells", empty_cells, "quá 1.000.000 ô"),
    ("repeated_cells", repeated_cells, "nén bất thường"),
    ("long_cell_text", long_cell_text, "dài quá 1 MB"),
    ("many_sheets", many_sheets, "quá 255 trang tính"),
    ("many_parts", many_parts, "quá nhiều thành phần"),
    ("huge_dimension", huge_dimension, "không có dòng dữ liệu"),
    ("worst_accepted", worst_accepted, "không có chi hội"),
    ("worst_accepted_shared", worst_accepted_shared, "không có chi hội"),
]
