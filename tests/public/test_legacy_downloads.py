"""A year before the reform downloads as its pages state it: old district, old commune,
counts, rates and "x/N", codes as text."""

import csv
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from khuyenhoc.areas.past_years import legacy_reports_save, province_legacy_communes
from khuyenhoc.core.numbers import decimal, number, percent

from .son_la_city import CITY, reports

pytestmark = pytest.mark.django_db

TITLE_ROW = re.compile(
    r'<tr><th scope="row">([^<]+)</th><td class="num">([^<]*)</td><td class="num">([^<]*)</td>'
    r'<td class="num">([^<]*)</td><td class="num">([^<]*)</td><td class="num">([^<]*)</td></tr>'
)


@pytest.fixture
def city_2024(units, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    legacy_reports_save(user=None, year=2024, reports=reports())


def rows_of_csv(body: bytes) -> list[dict]:
    text = body.decode("utf-8").removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def as_page(value, rate=False) -> str:
    """A downloaded cell written the way the page writes it."""
    if value in ("", None):
        return "–"
    if rate:  # a whole rate is an integer cell (100), any other keeps its decimal (96.0)
        return f"{decimal(Decimal(str(value)))} %" if "." in str(value) else percent(int(value))
    return number(int(value))


def check_agrees(page_table: str, line: dict):
    """Every title row of a page's table (_title_totals.html) against the download's line."""
    found = TITLE_ROW.findall(page_table)
    assert len(found) == 6
    for title, registered, registered_rate, recognised, recognised_rate, denominator in found:
        assert registered == as_page(line[f"{title}: đăng ký"]), title
        assert recognised == as_page(line[f"{title}: được công nhận"]), title
        if f"{title}: tổng số để tính tỷ lệ" in line:
            assert denominator == as_page(line[f"{title}: tổng số để tính tỷ lệ"]), title
            assert registered_rate == as_page(line[f"{title}: tỷ lệ đăng ký (%)"], rate=True)
            assert recognised_rate == as_page(line[f"{title}: tỷ lệ công nhận (%)"], rate=True)


def test_the_old_city_s_download_states_what_its_page_states(client, city_2024):
    page = client.get(f"/thong-ke/huyen-cu/{CITY}/?nam=2024").content.decode()
    assert f"/thong-ke/huyen-cu/{CITY}/du-lieu.csv?nam=2024" in page
    response = client.get(f"/thong-ke/huyen-cu/{CITY}/du-lieu.csv?nam=2024")
    assert response["Content-Type"].startswith("text/csv")
    lines = rows_of_csv(response.content)
    city, *communes = lines
    assert city["Cấp"] == "Huyện, thành phố cũ" and city["Mã huyện cũ"] == "116"
    assert city["Số xã cũ"] == "12" and len(communes) == 12
    assert city["Công dân học tập: đăng ký"] == "56000"
    assert city["Công dân học tập: tỷ lệ đăng ký (%)"] == "74.7"
    assert city["Cộng đồng học tập cấp thôn: tỷ lệ công nhận (%)"] == "100"
    assert city["Cộng đồng học tập cấp xã: số xã có đăng ký"] == "12/12"
    assert city["Cộng đồng học tập cấp xã: số xã có công nhận"] == "10/12"
    totals = page.split('id="tong"')[1].split("</table>")[0]
    check_agrees(totals, city)
    reached = page.split('id="so-don-vi"')[1].split("</table>")[0]
    assert "10/12 xã, phường" in reached

    chieng_le = next(c for c in communes if c["Xã, phường, thị trấn cũ"] == "Phường Chiềng Lề")
    assert chieng_le["Mã xã cũ"] == "03646" and chieng_le["Cấp"] == "Xã cũ"
    card = page.split("<summary>Phường Chiềng Lề</summary>")[1].split("</details>")[0]
    check_agrees(card, chieng_le)


def test_the_province_workbook_of_the_year_keeps_codes_as_text_and_the_overview_s_x_of_n(
    client, city_2024
):
    overview = client.get("/thong-ke/?nam=2024").content.decode()
    assert "/thong-ke/huyen-cu/du-lieu.xlsx?nam=2024" in overview
    body = client.get("/thong-ke/huyen-cu/du-lieu.xlsx?nam=2024").content
    sheet = load_workbook(io.BytesIO(body)).active  # not read_only: it drops empty cells
    head, *values = list(sheet.iter_rows(values_only=True))
    lines = [dict(zip(head, v, strict=True)) for v in values]
    chieng_le = next(x for x in lines if x["Mã xã cũ"] == "03646")
    assert chieng_le["Huyện, thành phố cũ"] == "Thành phố Sơn La"
    assert chieng_le["Mã huyện cũ"] == "116"
    province = lines[-1]
    total = province_legacy_communes().count()
    assert province["Cấp"] == "Tỉnh" and province["Số xã cũ"] == total
    assert province["Cộng đồng học tập cấp xã: số xã có đăng ký"] == f"12/{total}"
    statement = overview.split('id="so-xa-dat"')[1].split("Cộng đồng học tập cấp xã</th>")[1]
    assert f"12/{total} xã, phường" in statement.split("</tr>")[0]
    assert province["Công dân học tập: đăng ký"] == 56000


def test_a_year_without_old_unit_figures_has_no_old_unit_download(client, city_2024):
    assert client.get(f"/thong-ke/huyen-cu/{CITY}/du-lieu.csv?nam=2023").status_code == 404
    assert client.get("/thong-ke/huyen-cu/du-lieu.xlsx?nam=2026").status_code == 404
    assert client.get("/thong-ke/huyen-cu/1/du-lieu.csv?nam=2024").status_code == 404
