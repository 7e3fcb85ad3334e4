"""The one way a page answers with a file to download: an .xlsx made of sheets, a CSV
made of lines, or bytes already made (a report built by a job). The file name goes out
through Django's content_disposition_header: an ASCII name as filename="…", a name
with Vietnamese letters as filename*=utf-8''…, which every browser in use reads."""

import csv
import io

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from khuyenhoc.core.sheets.spreadsheets import XLSX_CONTENT_TYPE, safe_text, workbook_bytes

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FORMULA_START = ("=", "+", "-", "@")


def file_response(filename: str, data: bytes) -> HttpResponse:
    """Bytes already made, as a download; the type follows the name's ending."""
    if filename.endswith(".xlsx"):
        content_type = XLSX_CONTENT_TYPE
    elif filename.endswith(".csv"):
        content_type = CSV_CONTENT_TYPE
    else:
        content_type = "application/octet-stream"
    return HttpResponse(
        bytes(data),
        content_type=content_type,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def xlsx_response(filename: str, sheets: list[tuple[str, list, list]]) -> HttpResponse:
    """An .xlsx of one sheet per (title, headers, rows): strings stay text, never a
    formula (khuyenhoc.core.sheets.spreadsheets.workbook_bytes)."""
    return file_response(filename, workbook_bytes(sheets))


def csv_response(filename: str, head, lines) -> HttpResponse:
    return file_response(filename, csv_bytes(head, lines))


def csv_bytes(head, lines) -> bytes:
    """UTF-8 with a BOM, so that Excel reads the diacritics; every text quoted, so that a
    spreadsheet keeps "03646" as text; a text that starts like a formula is kept text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_STRINGS)
    writer.writerow(head)
    for line in lines:
        writer.writerow(
            ["" if v is None else _csv_text(v) if isinstance(v, str) else v for v in line]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_text(value: str) -> str:
    text = safe_text(value)
    return "'" + text if text[:1] in FORMULA_START else text
