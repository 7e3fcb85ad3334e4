"""Builds member sheets for the import tests and the benchmark."""

from khuyenhoc.core.sheets.spreadsheets import workbook_bytes
from members.imports import HEADERS


def sheet(rows, headers=None) -> bytes:
    return workbook_bytes([("Hội viên", headers or list(HEADERS.values()), rows)])


def row(
    name="Nguyễn Văn A",
    *,
    number="",
    year=1980,
    gender="Nam",
    phone="",
    branch="Chi hội Bản Mòng",
    joined="01/05/2015",
):
    return [number, name, year, gender, phone, branch, joined]
