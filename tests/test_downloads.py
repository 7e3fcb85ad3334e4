"""The one way pages answer with a file (khuyenhoc.core.web.downloads)."""

import csv
import io

from openpyxl import load_workbook

from khuyenhoc.core.web.downloads import csv_response, file_response, xlsx_response


def test_an_ascii_name_goes_out_as_a_plain_filename():
    response = file_response("bao-cao-tinh-2025.xlsx", b"PK")
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-tinh-2025.xlsx"'
    assert response["Content-Type"].endswith("spreadsheetml.sheet")


def test_a_vietnamese_name_goes_out_encoded_as_filename_star():
    response = xlsx_response("Báo cáo Sơn La.xlsx", [("Tổng hợp", ["Mã"], [["1"]])])
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''B%C3%A1o%20c%C3%A1o%20S%C6%A1n%20La.xlsx"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Tổng hợp"


def test_a_formula_in_a_cell_stays_text_in_the_xlsx_and_the_csv():
    sheet = load_workbook(io.BytesIO(xlsx_response("a.xlsx", [("T", ["Tên"], [["=1+1"]])]).content))
    assert sheet.active["A2"].value == "=1+1" and sheet.active["A2"].data_type == "s"
    response = csv_response("a.csv", ["Tên", "Số"], [["=1+1", 3], ["Lò Thị Ánh", None]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["Tên", "Số"], ["'=1+1", "3"], ["Lò Thị Ánh", ""]]
