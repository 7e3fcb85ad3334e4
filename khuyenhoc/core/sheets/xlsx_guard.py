"""What an uploaded .xlsx must keep to before python-calamine opens it.

calamine builds the first sheet as one dense grid from A1 to the farthest cell that holds
a value, copies a shared string into every cell that uses it, and inflates whole every
part it reads: a file of 2 MB can ask for gigabytes, and one value in XFD1048576 aborts
the process. So the zip's own records are checked, every part is inflated in chunks (its
real size, not the one it declares), and the XML that calamine will read is streamed,
counting what costs memory: the first sheet by byte counts and regular expressions when
it is written the usual way (xlsx_quick), else, like the other parts, through expat
(xlsx_scan). The file is refused at the first limit passed, before calamine allocates
anything; the check itself holds a slice of a few megabytes at a time.

The scan follows calamine 0.37 (python-calamine 0.9) event for event: the parts
workbook.xml, _rels/workbook.xml.rels and sharedStrings.xml of the folder that
_rels/.rels names, found whatever the case of their names; the first sheet of the
workbook; local names without prefixes; a cell ended by the first end tag named like it.
Where the two readers could see different things in the same bytes (a workbook.xml
outside xl/, a sheet outside xl/worksheets/, a DOCTYPE, an encoding other than UTF-8,
part names that differ only in case or hold spaces or "&", a shared string inside
another) the file is refused. test_xlsx_limits.py checks what of calamine's reading this
relies on: a new version must pass it.
"""

import io
import re
import struct
import zipfile
import zlib

from khuyenhoc.core.numbers import number
from khuyenhoc.core.sheets.xlsx_quick import quick_last_row
from khuyenhoc.core.sheets.xlsx_scan import (
    MAX_RUN,
    Exceeded,
    Malformed,
    Relationships,
    Strings,
    Workbook,
    parse,
    scan_sheet,
)

MB = 1024 * 1024
MAX_ROWS = 50_000  # data rows under the header: a ward after the 2025 merger has ~20,000 adults
HEADER_ROWS = 10  # the reader looks for the header row among the first ten
MAX_COLUMNS = 100
MAX_CELLS = 1_000_000  # the grid calamine allocates: A1 to the farthest value
MAX_TEXT_BYTES = 12 * MB  # the text of the sheet's cells, a shared string once per use
MAX_STRINGS = 300_000  # distinct shared strings, all kept in memory by calamine
MAX_SHEETS = 255
MAX_PARTS = 1_000
MAX_DIRECTORY_BYTES = 1 * MB  # the zip's central directory, parsed whole by zipfile
MAX_PART_BYTES = 100 * MB  # any part, inflated
MAX_STRINGS_BYTES = 16 * MB  # xl/sharedStrings.xml, inflated
MAX_META_BYTES = 4 * MB  # the parts calamine parses whole into its own structures
MAX_TOTAL_BYTES = 200 * MB  # every part, inflated
MAX_RATIO = 200  # inflated / compressed, for a part above RATIO_FROM
RATIO_FROM = 1 * MB
MAX_ELEMENTS = 4_000_000  # XML elements parsed, every part together: the check's own time

NOT_XLSX = "Tệp không phải bảng tính Excel .xlsx. Hãy lưu lại dưới dạng .xlsx."
BROKEN = "Không đọc được tệp Excel (tệp hỏng hoặc sai định dạng)."
ENCRYPTED = "Tệp Excel có mật khẩu hoặc bị mã hoá. Hãy bỏ mật khẩu, lưu lại rồi gửi lại."
OLD_OR_ENCRYPTED = (
    "Tệp là bảng tính Excel đời cũ (.xls) hoặc có mật khẩu. "
    "Hãy bỏ mật khẩu, lưu lại dưới dạng .xlsx rồi gửi lại."
)
RESAVE = "Hãy mở tệp bằng Excel, lưu lại dưới dạng .xlsx rồi gửi lại."

WORKBOOK = b"xl/workbook.xml"
RELATIONSHIPS = b"xl/_rels/workbook.xml.rels"
SHARED_STRINGS = b"xl/sharedstrings.xml"
META = {WORKBOOK, RELATIONSHIPS, b"xl/styles.xml", b"_rels/.rels", b"[content_types].xml"}
# a zip with these is read by calamine as .xlsb or .ods when its .xlsx reading fails
OTHER_FORMATS = {b"xl/workbook.bin", b"content.xml"}

_SHEET_TARGET = re.compile(r"(?:/?xl/)?worksheets/([A-Za-z0-9_-]{1,64}\.xml)")
_END = struct.Struct("<4s4H2LH")
_LOCAL = struct.Struct("<4s5H3L2H")
_CHUNK = 64 * 1024


class Refused(Exception):
    """The file is not read; str() is the reason, in Vietnamese, for the user."""


def rows_message(what="Tệp") -> str:
    return (
        f"{what} có quá {number(MAX_ROWS)} dòng. Hãy chia danh sách thành nhiều phần, "
        f"mỗi phần không quá {number(MAX_ROWS)} dòng."
    )


LIMITS = {
    "rows": rows_message,
    "columns": lambda: (
        f"Bảng tính có quá {number(MAX_COLUMNS)} cột có dữ liệu. "
        "Hãy xoá các cột không cần nhập rồi gửi lại."
    ),
    "cells": lambda: (
        f"Bảng tính có quá {number(MAX_CELLS)} ô (số dòng × số cột, tính từ ô A1). "
        "Hãy xoá các cột không cần nhập hoặc chia danh sách thành nhiều tệp."
    ),
    "text": lambda: (
        f"Các ô của bảng tính chứa quá nhiều chữ (quá {number(MAX_TEXT_BYTES // MB)} MB). "
        "Hãy xoá các cột ghi chú dài hoặc chia danh sách thành nhiều tệp."
    ),
    "long": lambda: (
        f"Tệp có một ô (hoặc một thẻ XML) dài quá {number(MAX_RUN // MB)} MB. "
        "Hãy rút ngắn ô đó rồi gửi lại."
    ),
    "strings": lambda: (
        f"Tệp có quá {number(MAX_STRINGS)} đoạn chữ khác nhau. Hãy chia danh sách thành nhiều tệp."
    ),
    "sheets": lambda: f"Tệp có quá {number(MAX_SHEETS)} trang tính. {RESAVE}",
    "elements": lambda: f"Tệp Excel có cấu trúc quá phức tạp để đọc. {RESAVE}",
}


def check(data: bytes) -> str:
    """Raises Refused (a Vietnamese message) unless calamine may open `data` and read its
    first sheet within the limits above; returns that sheet's name, which calamine's
    first must be."""
    try:
        return _check(data)
    except Exceeded as exc:
        raise Refused(LIMITS[exc.kind]()) from exc
    except Malformed as exc:
        raise Refused(BROKEN) from exc


def _check(data: bytes) -> str:
    infos = _directory(data)
    by_name = {info.filename.encode("utf-8", "surrogateescape").lower(): info for info in infos}
    budget = MAX_ELEMENTS
    relationships = Relationships()
    workbook = Workbook(MAX_SHEETS)
    strings = Strings(MAX_STRINGS)
    if RELATIONSHIPS not in by_name or WORKBOOK not in by_name:
        raise Refused(NOT_XLSX)
    budget = _parse(data, by_name[RELATIONSHIPS], relationships, budget, refuse=b"&")
    budget = _parse(data, by_name[WORKBOOK], workbook, budget)
    if not workbook.sheets:
        raise Refused(BROKEN)
    name, rid = workbook.sheets[0]
    path = _sheet_path(relationships.targets.get(rid))
    if path not in by_name:
        raise Refused(BROKEN)
    if SHARED_STRINGS in by_name:
        budget = _parse(data, by_name[SHARED_STRINGS], strings, budget)
    _check_sheet(data, by_name[path], strings.lengths, budget)
    done = {RELATIONSHIPS, WORKBOOK, SHARED_STRINGS, path}
    for key, info in by_name.items():
        if key not in done:
            for _ in _inflate(data, info):
                pass
    return name


def _check_sheet(data, info, strings, budget) -> None:
    """The sheet's limits, checked by the quick look when the sheet is written the usual
    way, else by the exact walk."""
    limits = {
        "max_rows": MAX_ROWS + HEADER_ROWS,
        "max_columns": MAX_COLUMNS,
        "max_cells": MAX_CELLS,
        "max_text": MAX_TEXT_BYTES,
    }
    if quick_last_row(_inflate(data, info), strings, size=info.file_size, **limits) is None:
        scan_sheet(_inflate(data, info), strings, budget=budget, **limits)


def _directory(data: bytes) -> list[zipfile.ZipInfo]:
    """The zip's entries, read only once its end record shows a directory small enough,
    with no second end record, zip64 record, data before the first entry or gap."""
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # Excel 97-2003, or encrypted
        raise Refused(OLD_OR_ENCRYPTED)
    if not data.startswith(b"PK\x03\x04"):
        raise Refused(NOT_XLSX)
    tail = max(0, len(data) - _END.size - 0xFFFF)
    at = data.rfind(b"PK\x05\x06", tail)
    if at < 0 or at + _END.size > len(data):
        raise Refused(NOT_XLSX)
    _, disk, first_disk, here, count, size, offset, comment = _END.unpack_from(data, at)
    if (
        data.find(b"PK\x05\x06", tail) != at
        or at + _END.size + comment != len(data)
        or disk
        or first_disk
        or here != count
        or offset + size != at
        or data[max(0, at - 20) : at - 16] == b"PK\x06\x07"
    ):
        raise Refused(BROKEN)
    if count > MAX_PARTS or size > MAX_DIRECTORY_BYTES:
        raise Refused(f"Tệp Excel có quá nhiều thành phần (quá {number(MAX_PARTS)}). {RESAVE}")
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, NotImplementedError, struct.error) as exc:
        raise Refused(BROKEN) from exc
    if len(infos) != count:
        raise Refused(BROKEN)
    names, total = set(), 0
    for info in infos:
        _check_entry(info, names)
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise Refused(_inflates_to(None, MAX_TOTAL_BYTES))
    return infos


def _check_entry(info: zipfile.ZipInfo, names: set) -> None:
    # calamine finds parts by ASCII case-insensitive name; bytes.lower() folds just ASCII
    name = info.filename.encode("utf-8", "surrogateescape")
    key = name.lower()
    if key in names or "\x00" in info.orig_filename or any(c in name for c in b" \t\r\n&"):
        raise Refused(BROKEN)
    names.add(key)
    if key in OTHER_FORMATS:
        raise Refused(NOT_XLSX)
    if key.rpartition(b"/")[2] == b"workbook.xml" and key != WORKBOOK:
        # calamine opens the workbook.xml of the folder _rels/.rels names: xl/ it is
        raise Refused(BROKEN)
    if info.flag_bits & 0x1:
        raise Refused(ENCRYPTED)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise Refused(BROKEN)
    limit = _limit_of(key)
    if info.file_size > limit:
        raise Refused(_inflates_to(info.filename, limit))
    if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * info.compress_size:
        raise Refused(
            f"Phần «{info.filename}» của tệp Excel nén bất thường (bung ra "
            f"{number(info.file_size // max(info.compress_size, 1))} lần). {RESAVE}"
        )


def _limit_of(key: bytes) -> int:
    if key in META:
        return MAX_META_BYTES
    return MAX_STRINGS_BYTES if key == SHARED_STRINGS else MAX_PART_BYTES


def _inflates_to(name, limit) -> str:
    part = f"Phần «{name}» của tệp Excel" if name else "Tệp Excel"
    return (
        f"{part} bung ra quá lớn khi giải nén (quá {number(limit // MB)} MB). "
        f"Tệp có thể bị hỏng hoặc được làm ra để gây hại. {RESAVE}"
    )


def _sheet_path(target: str | None) -> bytes | None:
    """The part of a sheet, from its relationship's target: a sheet of xl/worksheets/,
    which every way of resolving a target finds in the same place."""
    match = _SHEET_TARGET.fullmatch(target or "")
    return b"xl/worksheets/" + match.group(1).encode().lower() if match else None


def _inflate(data: bytes, info: zipfile.ZipInfo):
    """The part's bytes in chunks, inflated from the zip here: zipfile would stop at the
    size the entry declares, where calamine's reader goes on to the end of the stream."""
    if info.header_offset + _LOCAL.size > len(data):
        raise Refused(BROKEN)
    signature, *_, name_length, extra_length = _LOCAL.unpack_from(data, info.header_offset)
    start = info.header_offset + _LOCAL.size + name_length + extra_length
    end = start + info.compress_size
    if signature != b"PK\x03\x04" or end > len(data):
        raise Refused(BROKEN)
    packed = memoryview(data)[start:end]
    size = crc = 0
    if info.compress_type == zipfile.ZIP_STORED:
        pieces = (bytes(packed[i : i + _CHUNK]) for i in range(0, len(packed), _CHUNK))
    else:
        pieces = _deflated(packed)
    for piece in pieces:
        size += len(piece)
        if size > info.file_size:
            raise Refused(BROKEN)
        crc = zlib.crc32(piece, crc)
        yield piece
    if size != info.file_size or crc != info.CRC:
        raise Refused(BROKEN)


def _deflated(packed: memoryview):
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        for i in range(0, len(packed), 16 * 1024):
            pending = packed[i : i + 16 * 1024]
            while pending and not inflater.eof:
                yield inflater.decompress(pending, _CHUNK)
                pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error as exc:
        raise Refused(BROKEN) from exc
    if not inflater.eof:
        raise Refused(BROKEN)


def _parse(data, info, handler, budget, refuse=None) -> int:
    """Streams the part through expat into `handler` (xlsx_scan); `refuse`: bytes the
    part must not contain. Returns the elements still allowed."""
    chunks = _inflate(data, info)
    if refuse is not None:
        chunks = _without(chunks, refuse)
    return parse(chunks, handler, budget)


def _without(chunks, forbidden: bytes):
    """calamine takes the relationships' Id and Target raw, expat with "&…;" replaced."""
    for chunk in chunks:
        if forbidden in chunk:
            raise Refused(BROKEN)
        yield chunk
