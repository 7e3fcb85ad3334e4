"""A statistician of the former city of Sơn La enters its 2024 report per old commune
(an Excel sheet, then one correction in the form), on a phone and on a desktop; the
public old-city page and the province's annual report then state the published figures:
"56.000 công dân đăng ký, chiếm 74,7 %", "26.000 hộ, 95,9 %", "139 tổ, bản, 100 %",
"12/12 xã, phường"; the old city's download states the same, and the staff page says
what is left to enter."""

import csv
import io
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from khuyenhoc.areas.models import Commune, LegacyReport
from khuyenhoc.areas.past_years_import import HEADERS
from khuyenhoc.core.sheets.spreadsheets import XLSX_CONTENT_TYPE, workbook_bytes
from tests.e2e.conftest import SCREENSHOTS, sign_in
from tests.factories import PASSWORD, make_user
from tests.public.son_la_city import OLD_COMMUNES, reports

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Today's wards that took over the 12 old communes of the city.
CITY_WARDS = [3646, 3664, 3670, 3679]
CHIENG_SINH = 3679  # the last old commune: its sheet row is typed wrong, then corrected


def city_sheet() -> bytes:
    """The city's sheet: codes for most rows, names without accents for two."""
    lines = []
    for code, values in reports().items():
        values = dict(values)
        if code == CHIENG_SINH:
            values["citizen_registered"] = 4030  # a typing slip, corrected in the form
        name = {3667: "chieng an", 3676: "Hua La"}.get(code)
        cells = {"code": None if name else code, "name": name, **values}
        lines.append([cells.get(key) for key in HEADERS])
    return workbook_bytes([("Năm 2024", list(HEADERS.values()), lines)])


@pytest.mark.parametrize("width", [360, 1280])
def test_a_statistician_enters_a_past_year_and_the_public_page_and_report_state_it(
    live_server, browser, units, width
):
    wards = Commune.objects.filter(code__in=CITY_WARDS, province_id=settings.PROVINCE_CODE)
    statistician = make_user("thongke_tp", role="commune_staff", communes=list(wards))
    reviewer = make_user("thamdinh_tp", role="reviewer")
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server, statistician.username, PASSWORD)

    page.get_by_role("link", name="Số liệu các năm trước sáp nhập (xã cũ)").click()
    page.get_by_role("link", name="2024", exact=True).click()
    expect(page.get_by_role("heading", name="Thành phố Sơn La")).to_contain_text(
        "0/12 xã cũ đã có số liệu"
    )
    page.get_by_role("link", name="Nhập từ Excel").click()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(
        files=[
            {"name": "tp-son-la-2024.xlsx", "mimeType": XLSX_CONTENT_TYPE, "buffer": city_sheet()}
        ]
    )
    page.get_by_role("button", name="Kiểm tra và xem trước").click()
    expect(page.get_by_role("status").first).to_have_text(
        "Tệp có 12 dòng: 12 dòng mới, 0 dòng đã có (giống hệt), 0 dòng đã có nhưng khác."
    )
    if width == 360:
        page.screenshot(path=f"{SCREENSHOTS}/past_year_preview_360.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not LegacyReport.objects.exists()
    page.get_by_role("button", name="Xác nhận, ghi số liệu").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Đã ghi số liệu năm 2024: 12 xã cũ mới"
    )
    expect(page.get_by_role("heading", name="Thành phố Sơn La")).to_contain_text(
        "12/12 xã cũ đã có số liệu"
    )

    page.get_by_role("link", name="Phường Chiềng Sinh").click()
    registered = page.locator("#id_citizen_registered")
    expect(registered).to_have_value("4030")
    registered.fill("4300")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Đã lưu số liệu năm 2024 của Phường Chiềng Sinh"
    )
    assert LegacyReport.objects.get(legacy_commune_id=CHIENG_SINH).citizen_registered == 4300
    assert LegacyReport.objects.count() == len(OLD_COMMUNES)

    page.goto(f"{live_server.url}/thong-ke/?nam=2024")
    page.locator("#bang-huyen-cu").get_by_role("link", name="Thành phố Sơn La").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thành phố Sơn La năm 2024")
    totals = page.get_by_role("table", name="Số đăng ký, được công nhận và tỷ lệ của cả huyện")
    citizen = totals.get_by_role("row", name="Công dân học tập")
    expect(citizen).to_contain_text("56.000")
    expect(citizen).to_contain_text("74,7 %")
    expect(totals.get_by_role("row", name="Gia đình học tập")).to_contain_text("95,9 %")
    expect(totals.get_by_role("row", name="Cộng đồng học tập cấp thôn")).to_contain_text("139")
    expect(totals.get_by_role("row", name="Cộng đồng học tập cấp thôn")).to_contain_text("100 %")
    expect(totals.get_by_role("row", name="Đơn vị học tập")).to_contain_text("100 %")
    reached = page.locator("#so-don-vi + div table")
    commune_line = reached.get_by_role("row", name="Cộng đồng học tập cấp xã")
    expect(commune_line).to_contain_text("12/12 xã, phường")
    expect(commune_line).to_contain_text("10/12 xã, phường")
    if width == 360:
        page.screenshot(path=f"{SCREENSHOTS}/past_year_city_360.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải CSV").click()
    lines = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
    assert lines[0]["Công dân học tập: đăng ký"] == "56000"
    assert lines[0]["Công dân học tập: tỷ lệ đăng ký (%)"] == "74.7"
    assert lines[0]["Cộng đồng học tập cấp xã: số xã có công nhận"] == "10/12"
    assert {line["Mã xã cũ"] for line in lines[1:]} == {f"{c:05d}" for c in OLD_COMMUNES}

    page.goto(f"{live_server.url}/quan-ly/nam-cu/")
    expect(page.locator('#tien-do-nam-cu tr[data-year="2024"]')).to_contain_text("12/")
    if width == 360:
        page.screenshot(path=f"{SCREENSHOTS}/past_year_progress_360.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()

    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server, reviewer.username, PASSWORD)
    page.goto(f"{live_server.url}/quan-ly/bao-cao/tinh/2024/")
    city = page.locator("#bao-cao-huyen-cu").get_by_role("row", name="Thành phố Sơn La")
    expect(city).to_contain_text("12/12")
    expect(city).to_contain_text("56.000 (74,7 %)")
    city.get_by_role("link", name="Thành phố Sơn La").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Báo cáo năm 2024: Thành phố Sơn La")
    expect(page.locator(".headline")).to_contain_text("139 thôn, tổ dân phố đạt Cộng đồng học tập")
    expect(page.locator(".headline")).to_contain_text("14 dòng họ học tập")
    expect(
        page.locator("#so-xa-dat + div table").get_by_role("row", name="Cộng đồng học tập cấp xã")
    ).to_contain_text("12/12 xã, phường")
    if width == 360:
        page.screenshot(path=f"{SCREENSHOTS}/past_year_report_360.png", full_page=True)
    context.close()
