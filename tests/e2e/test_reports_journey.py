"""Commune staff open Báo cáo năm, write the narrative and mark it submitted; the
province's reviewer sees it as submitted on the province report."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from khuyenhoc.reports.models import AnnualReport
from tests.e2e.conftest import SCREENSHOTS, sign_in
from tests.factories import PASSWORD
from tests.reports.conftest import SAMPLE, put_figures

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_commune_staff_submit_the_annual_report_and_the_reviewer_sees_it(
    live_server, phone_page, staff_a, commune_a, commune_b, reviewer
):
    year = timezone.localdate().year
    put_figures(commune_a, year, SAMPLE)
    page = phone_page
    sign_in(page, live_server, staff_a.username, PASSWORD)
    page.get_by_role("link", name="Báo cáo năm").first.click()
    expect(page.get_by_role("heading", name=f"Báo cáo năm {year}")).to_be_visible()
    expect(page.locator("#tinh-trang")).to_contain_text("Chưa nộp")
    expect(page.locator("tr[data-key=household] td.value")).to_have_text("6.723")
    expect(page.locator("tr[data-key=household] td.rate")).to_contain_text("74,7 %")

    page.get_by_label("Kết quả nổi bật").fill("6.723 hộ đạt Gia đình học tập, vượt chỉ tiêu.")
    page.get_by_label("Đề xuất, kiến nghị").fill("Đề nghị tỉnh hỗ trợ tủ sách cho 40 tổ dân phố.")
    page.get_by_role("button", name="Lưu thuyết minh").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu phần thuyết minh")
    page.get_by_role("button", name=f"Đánh dấu đã nộp báo cáo năm {year}").click()
    expect(page.get_by_role("status")).to_contain_text("Đã nộp báo cáo")
    expect(page.locator("#tinh-trang")).to_contain_text("Đã nộp")
    page.screenshot(path=f"{SCREENSHOTS}/reports_commune.png")
    page.locator("#nhom-danh-hieu").scroll_into_view_if_needed()
    page.screenshot(path=f"{SCREENSHOTS}/reports_commune_titles.png")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.emulate_media(media="print")
    expect(page.locator(".print-only p.text").last).to_have_text(
        "Đề nghị tỉnh hỗ trợ tủ sách cho 40 tổ dân phố."
    )
    expect(page.locator(".print-only p.text").last).to_be_visible()
    expect(page.get_by_role("button", name="Lưu thuyết minh")).to_be_hidden()
    page.locator("#nhom-cong-dan").scroll_into_view_if_needed()
    page.screenshot(path=f"{SCREENSHOTS}/reports_commune_print.png")
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 390, "height": 844})

    report = AnnualReport.objects.get(commune=commune_a, year=year)
    assert report.is_submitted and report.snapshot == SAMPLE

    page.get_by_role("button", name="Đăng xuất").click()
    sign_in(page, live_server, reviewer.username, PASSWORD)
    page.goto(f"{live_server.url}/quan-ly/bao-cao/tinh/")
    expect(page.get_by_role("heading", name=f"Báo cáo năm {year} toàn tỉnh")).to_be_visible()
    mine = page.locator(f"#bang-tinh-trang tr[data-code='{commune_a.code}']")
    expect(mine).to_contain_text("Đã nộp")
    other = page.locator(f"#bang-tinh-trang tr[data-code='{commune_b.code}']")
    expect(other).to_contain_text("Chưa nộp")
    page.screenshot(path=f"{SCREENSHOTS}/reports_province.png")
