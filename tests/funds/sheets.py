"""Receipt sheets as the commune staff fill them in: shared by the import tests, the
published year's fixture and the funds bench, so that none of them imports a test module."""

import io

from openpyxl import Workbook

from funds import imports

RECEIPT_TITLES = list(imports.RECEIPT_HEADERS.values())


def xlsx(headers, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def receipt_row(date="13/11/2025", donor="Ông Lường Văn Tâm", amount="1.000.000", **extra):
    row = {
        "date": date,
        "donor": donor,
        "category": "cá nhân",
        "consent": "có",
        "item": "",
        "quantity": "",
        "amount": amount,
        "unit": "",
        "campaign": "",
    }
    row.update(extra)
    return [row[k] for k in imports.RECEIPT_HEADERS]
