"""The limits an uploaded workbook must keep to before python-calamine reads it
(khuyenhoc/core/sheets/xlsx_guard.py), each one met just below and just above, and the ways a file
could make the check look at other bytes than calamine will read. Every refusal goes
through read_sheet, as the imports call it, and says why in Vietnamese with the limit in
Vietnamese figures."""

import io
import os
import time
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from python_calamine import CalamineWorkbook

from funds.imports import beneficiaries_from_text
from khuyenhoc.core.sheets.spreadsheets import ImportRejected, read_sheet, read_upload
from khuyenhoc.core.sheets.xlsx_quick import quick_last_row
from khuyenhoc.core.sheets.xlsx_scan import scan_sheet
from tests.trust import xlsx_bombs as bombs
from tests.trust.xlsx_bombs import Part, book, header_row, shared_strings, sheet_part

HEADERS = {"name": "Họ và tên", "year": "Năm sinh"}
HEAD = header_row(list(HEADERS.values()))
ROW = (
    '<row r="%d"><c r="A%d" t="inlineStr"><is><t>Lò Văn %d</t></is></c>'
    '<c r="B%d"><v>1980</v></c></row>'
).encode()


def rows(first: int, last: int) -> bytes:
    return b"".join(ROW % (n, n, n, n) for n in range(first, last + 1))


def refusal(data: bytes) -> str:
    with pytest.raises(ImportRejected) as caught:
        read_sheet(data, headers=HEADERS)
    return str(caught.value)


# --- rows, columns, cells --------------------------------------------------------------


def test_a_list_of_50000_rows_is_read_and_one_row_more_is_refused():
    assert len(read_sheet(book(sheet_part(HEAD + rows(2, 50_001))), headers=HEADERS)) == 50_000
    told = refusal(book(sheet_part(HEAD + rows(2, 50_002))))
    assert "Tệp có quá 50.000 dòng" in told


def test_the_header_may_stand_under_a_few_title_rows_above_50000_rows():
    title = '<row r="1"><c r="A1" t="inlineStr"><is><t>DANH SÁCH</t></is></c></row>'.encode()
    head = HEAD.replace(b'r="1"', b'r="3"').replace(b'1"', b'3"')
    data = book(sheet_part(title + head + rows(4, 50_003)))
    assert len(read_sheet(data, headers=HEADERS)) == 50_000


def test_a_value_in_column_100_is_read_and_one_in_column_101_is_refused():
    far = b'<row r="2"><c r="A2" t="inlineStr"><is><t>An</t></is></c><c r="%s2"><v>1</v></c></row>'
    assert read_sheet(book(sheet_part(HEAD + far % b"CV")), headers=HEADERS)[0][1]["name"] == "An"
    assert "Bảng tính có quá 100 cột" in refusal(book(sheet_part(HEAD + far % b"CW")))


def test_two_values_far_apart_are_refused_for_the_grid_calamine_would_allocate_between():
    """10,001 rows × 100 columns: two cells, and a dense grid of a million in calamine."""
    far = b'<row r="10001"><c r="CV10001"><v>1</v></c></row>'
    assert "Bảng tính có quá 1.000.000 ô" in refusal(book(sheet_part(HEAD + far)))


def test_a_value_in_xfd1048576_is_refused_without_calamine_reading_the_sheet():
    assert "Tệp có quá 50.000 dòng" in refusal(bombs.far_cell())


def test_rows_and_cells_without_references_are_counted_where_calamine_puts_them():
    """No r attribute: calamine numbers rows and columns itself, and so does the walk."""
    empty_rows = b"<row></row>" * 50_010
    assert "Tệp có quá 50.000 dòng" in refusal(
        book(sheet_part(HEAD + empty_rows + b"<row><c><v>1</v></c></row>"))
    )
    wide = b"<row>" + b"<c><v>1</v></c>" * 101 + b"</row>"
    assert "Bảng tính có quá 100 cột" in refusal(book(sheet_part(HEAD + wide)))


def test_a_dimension_claiming_the_whole_sheet_changes_nothing():
    part = Part.of(
        "xl/worksheets/sheet1.xml",
        bombs.SHEET_HEAD.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>')
        + HEAD
        + rows(2, 3)
        + bombs.SHEET_TAIL,
    )
    assert len(read_sheet(book(part), headers=HEADERS)) == 2


# --- text and shared strings -----------------------------------------------------------


def test_a_shared_string_copied_into_many_cells_is_refused_as_too_much_text():
    assert "quá nhiều chữ (quá 12 MB)" in refusal(bombs.shared_string_copies())


def test_a_cell_longer_than_a_megabyte_is_refused():
    assert "dài quá 1 MB" in refusal(bombs.long_cell_text())


def test_more_than_300000_distinct_shared_strings_are_refused():
    assert "Tệp có quá 300.000 đoạn chữ khác nhau" in refusal(bombs.many_shared_strings())


def test_a_shared_string_inside_another_is_refused():
    """calamine would end the outer one early and number every later string otherwise."""
    nested = shared_strings(b"<si><t>a<si><t>b</t></si>c</t></si>")
    cell = b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    assert "tệp hỏng" in refusal(book(sheet_part(HEAD + cell), nested))


def test_a_shared_string_number_hidden_in_cdata_is_refused():
    """calamine skips CDATA in <v>: «1<![CDATA[0]]>» is string 1 to it, 10 to expat."""
    strings = shared_strings(b"<si><t>x</t></si>" * 11)
    cell = b'<row r="2"><c r="A2" t="s"><v>1<![CDATA[0]]></v></c></row>'
    assert "tệp hỏng" in refusal(book(sheet_part(HEAD + cell), strings))


def test_entities_a_doctype_defines_are_refused_rather_than_expanded():
    """expat would expand «&far;» into XFD1; calamine reads the reference as written."""
    part = Part.of(
        "xl/worksheets/sheet1.xml",
        b'<!DOCTYPE worksheet [<!ENTITY far "XFD1">]>'
        + bombs.SHEET_HEAD[len(b'<?xml version="1.0" encoding="UTF-8"?>') :]
        + b'<row r="1"><c r="&far;"><v>1</v></c></row>'
        + bombs.SHEET_TAIL,
    )
    assert "tệp hỏng" in refusal(book(part))


# --- the zip ---------------------------------------------------------------------------


def test_a_part_inflating_to_gigabytes_is_refused_from_the_zip_directory_at_once():
    data = bombs.deflate_bomb()
    started = time.perf_counter()
    told = refusal(data)
    assert "«xl/worksheets/sheet1.xml» của tệp Excel bung ra quá lớn" in told
    assert "quá 100 MB" in told
    assert time.perf_counter() - started < 1


def test_a_part_holding_more_than_it_declares_is_refused_at_the_declared_size():
    data = bombs.lying_deflate_bomb()
    started = time.perf_counter()
    assert "tệp hỏng" in refusal(data)
    assert time.perf_counter() - started < 1


def test_a_part_compressed_more_than_200_times_is_refused():
    assert "nén bất thường" in refusal(bombs.repeated_cells())


def test_shared_strings_inflating_past_16_mb_are_refused():
    assert "«xl/sharedStrings.xml» của tệp Excel bung ra quá lớn" in refusal(
        bombs.shared_strings_bomb()
    )


def test_more_than_255_sheets_or_1000_parts_are_refused():
    assert "Tệp có quá 255 trang tính" in refusal(bombs.many_sheets())
    assert "Tệp Excel có quá nhiều thành phần (quá 1.000)" in refusal(bombs.many_parts())


def test_an_encrypted_part_or_an_old_or_password_protected_workbook_is_refused_as_such():
    sheet = sheet_part(HEAD)
    sheet.flags = 1
    assert "có mật khẩu hoặc bị mã hoá" in refusal(book(sheet))
    assert "Excel đời cũ (.xls) hoặc có mật khẩu" in refusal(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    )


def test_a_zip_that_calamine_would_read_as_xlsb_or_ods_is_refused():
    for name in ("content.xml", "xl/workbook.bin"):
        assert "không phải bảng tính Excel .xlsx" in refusal(
            book(sheet_part(HEAD), Part.of(name, b"<x/>"))
        )


def test_parts_whose_names_differ_only_in_case_are_refused():
    """calamine finds parts whatever the case of their names: which one it reads is
    not for the check to guess."""
    twin = Part.of("XL/worksheets/Sheet1.xml", bombs.SHEET_HEAD + HEAD + bombs.SHEET_TAIL)
    assert "tệp hỏng" in refusal(book(sheet_part(HEAD), twin))


def test_a_workbook_outside_xl_named_by_the_package_relationships_is_refused():
    """calamine 0.37 opens the workbook.xml of the folder _rels/.rels names."""
    package = (
        b"<Relationships " + bombs.RELS_NS + b'><Relationship Id="rId1" Target="other/workbook.xml"'
        b' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'officeDocument"/></Relationships>'
    )
    elsewhere = bombs.far_cell()
    other = [
        Part.of("other/workbook.xml", _read(elsewhere, "xl/workbook.xml")),
        Part.of("other/_rels/workbook.xml.rels", _read(elsewhere, "xl/_rels/workbook.xml.rels")),
        Part.of("other/worksheets/sheet1.xml", _read(elsewhere, "xl/worksheets/sheet1.xml")),
    ]
    assert "tệp hỏng" in refusal(book(sheet_part(HEAD + rows(2, 2)), *other, package=package))


def test_a_first_sheet_outside_xl_worksheets_is_refused():
    relationships = (
        b"<Relationships " + bombs.RELS_NS + b'><Relationship Id="rId1" '
        b'Target="../worksheets/sheet1.xml" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/worksheet"/></Relationships>'
    )
    assert "tệp hỏng" in refusal(book(sheet_part(HEAD), relationships=relationships))


def test_a_sheet_inside_a_defined_name_does_not_turn_the_check_to_another_sheet():
    """calamine reads a definedName to its end without looking inside: the first sheet
    is the one of <sheets>, here the one with a value in XFD1048576."""
    small = Part.of("xl/worksheets/small.xml", bombs.SHEET_HEAD + HEAD + bombs.SHEET_TAIL)
    workbook = (
        b"<workbook " + bombs.NS + b" " + bombs.R_NS + b'><definedNames><definedName name="x">'
        b'<sheet name="Small" sheetId="2" r:id="rId2"/></definedName></definedNames>'
        + '<sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets>'.encode()
        + b"</workbook>"
    )
    relationships = (
        b"<Relationships " + bombs.RELS_NS + b'><Relationship Id="rId1" '
        b'Target="worksheets/sheet1.xml" Type="worksheet"/><Relationship Id="rId2" '
        b'Target="worksheets/small.xml" Type="worksheet"/></Relationships>'
    )
    far = sheet_part(HEAD + b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    told = refusal(book(far, small, workbook=workbook, relationships=relationships))
    assert "Tệp có quá 50.000 dòng" in told


def _read(data: bytes, name: str) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def test_calamine_reads_as_the_check_expects():
    """What of calamine's reading the check relies on: an empty shared string keeps its
    number, the workbook is the one of the folder _rels/.rels names, and a part is found
    whatever the case of its name."""
    strings = shared_strings(b"<si/><si><t>B</t></si>")
    cell = b'<row r="2"><c r="A2" t="s"><v>1</v></c></row>'
    data = book(sheet_part(HEAD + cell), strings)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    assert sheet.to_python()[1][:1] == ["B"]
    package = (
        b"<Relationships " + bombs.RELS_NS + b'><Relationship Id="rId1" Target="other/workbook.xml"'
        b' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'officeDocument"/></Relationships>'
    )
    workbook = b"<workbook " + bombs.NS + b" " + bombs.R_NS + b'><sheets><sheet name="Other" '
    workbook += b'sheetId="1" r:id="rId1"/></sheets></workbook>'
    relationships = _read(data, "xl/_rels/workbook.xml.rels")
    elsewhere = book(
        sheet_part(HEAD),
        Part.of("Other/Workbook.xml", workbook),
        Part.of("other/_rels/workbook.xml.rels", relationships),
        Part.of("other/worksheets/sheet1.xml", bombs.SHEET_HEAD + bombs.SHEET_TAIL),
        package=package,
    )
    assert CalamineWorkbook.from_filelike(io.BytesIO(elsewhere)).sheet_names == ["Other"]


# --- the quick look and the exact walk -------------------------------------------------


def _both(part: Part, strings=()):
    """(quick look, exact walk) of a sheet part: its last row from 0, or None."""
    xml = zlib.decompressobj(-zlib.MAX_WBITS).decompress(part.packed)
    limits = {"max_rows": 50_010, "max_columns": 100, "max_cells": 10**6, "max_text": 12 << 20}
    chunks = [xml[i : i + 5000] for i in range(0, len(xml), 5000)]
    quick = quick_last_row(iter(chunks), list(strings), size=len(xml), **limits)
    exact = scan_sheet(iter(chunks), list(strings), budget=10**7, **limits)
    return quick, exact


def test_the_quick_look_finds_the_last_row_the_exact_walk_finds_in_sheets_written_the_usual_way():
    shared = (
        b'<row r="%d" spans="1:2"><c r="A%d" s="1" t="s"><v>%d</v></c>'
        b'<c r="B%d" s="2"><v>7</v></c></row>'
    )
    excel_like = b"".join(shared % (n, n, n % 3, n) for n in range(1, 3001))
    for part, strings in [
        (sheet_part(HEAD + rows(2, 2500)), ()),
        (sheet_part(excel_like), (10, 20, 30)),
        (sheet_part(HEAD + b'<row r="9"><c r="B9" s="3"/></row>'), ()),
    ]:
        quick, exact = _both(part, strings)
        assert quick is not None
        assert quick >= exact  # the quick look counts empty cells too
    assert _both(sheet_part(HEAD + rows(2, 2500))) == (2499, 2499)


def test_a_sheet_written_another_way_is_left_to_the_exact_walk_which_refuses_it():
    prefixed = b'<x:row r="2"><x:c r="XFD2"><x:v>1</x:v></x:c></x:row>'
    part = Part.of(
        "xl/worksheets/sheet1.xml",
        bombs.SHEET_HEAD.replace(b"<worksheet ", b'<worksheet xmlns:x="urn:x" ')
        + HEAD
        + prefixed
        + bombs.SHEET_TAIL,
    )
    xml = zlib.decompressobj(-zlib.MAX_WBITS).decompress(part.packed)
    limits = {"max_rows": 50_010, "max_columns": 100, "max_cells": 10**6, "max_text": 12 << 20}
    assert quick_last_row(iter([xml]), [], size=len(xml), **limits) is None
    assert "Bảng tính có quá 100 cột" in refusal(book(part))


# --- reading the upload ----------------------------------------------------------------


def test_no_more_than_one_byte_past_the_limit_of_an_upload_is_kept_in_memory_or_on_disk(
    settings, rf
):
    """khuyenhoc.core.sheets.uploads drops the rest of a bigger file as it arrives."""
    settings.MAX_IMPORT_BYTES = 4096
    for in_memory in (True, False):
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10**6 if in_memory else 1000
        request = rf.post("/", {"file": SimpleUploadedFile("a.xlsx", b"x" * 100_000)})
        upload = request.FILES["file"]
        assert upload.size == 4097
        if not in_memory:
            assert os.path.getsize(upload.temporary_file_path()) == 4097
        with pytest.raises(ImportRejected) as caught:
            read_upload(upload)
        assert str(caught.value).startswith("Tệp quá lớn; tối đa 4 KB")


def test_a_pasted_list_of_more_than_50000_lines_is_refused():
    lines = "".join(f"Lò Văn An; Trường THCS Mường Tè; {n}; 200.000; có\n" for n in range(50_000))
    assert len(beneficiaries_from_text(lines)) == 50_000
    with pytest.raises(ImportRejected) as caught:
        beneficiaries_from_text(lines + "\n" * 3_000_000)
    assert "Danh sách có quá 50.000 dòng" in str(caught.value)


class Endless(io.RawIOBase):
    """A file that never ends, and remembers how much it was asked for."""

    asked = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        self.asked += len(buffer)
        buffer[:] = b"x" * len(buffer)
        return len(buffer)


def test_an_upload_is_read_no_further_than_one_byte_past_the_limit(settings):
    settings.MAX_IMPORT_BYTES = 20 * 1024 * 1024
    stream = Endless()
    with pytest.raises(ImportRejected) as caught:
        read_upload(stream)
    assert stream.asked <= settings.MAX_IMPORT_BYTES + 1
    assert "Tệp quá lớn; tối đa 20 MB" in str(caught.value)


def test_an_upload_whose_size_is_known_is_refused_before_a_byte_is_read(settings):
    settings.MAX_IMPORT_BYTES = 20 * 1024 * 1024

    class Upload(Endless):
        size = 25 * 1024 * 1024

    upload = Upload()
    with pytest.raises(ImportRejected) as caught:
        read_upload(upload)
    assert upload.asked == 0
    assert "Tệp quá lớn (25 MB); tối đa 20 MB" in str(caught.value)
