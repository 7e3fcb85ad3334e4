import pytest
from django.urls import reverse
from playwright.sync_api import expect

from funds import services
from funds.models import Payout
from tests.e2e.conftest import SCREENSHOTS, sign_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
def test_staff_pay_scholarships_by_count_and_print_the_voucher_with_the_amount_in_words(
    live_server, browser, staff_a, commune_a, width
):
    fund = services.fund_create(
        user=staff_a, commune=commune_a, name="Quỹ khuyến học", opening_year=2025,
        opening_balance=300_000_000,
    )  # fmt: skip
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server, staff_a.username, PASSWORD)
    page.goto(live_server.url + reverse("funds:fund", args=[fund.pk]))
    page.get_by_role("link", name="Chi theo suất").click()
    page.get_by_label("Loại chi").select_option(label="Học bổng")
    page.get_by_label("Số suất").fill("437")
    page.get_by_label("Số tiền mỗi suất (đồng)").fill("500.000")
    page.get_by_label("Chi qua").select_option(label="Trường học")
    page.get_by_label("Tên trường, thôn, bản").fill("Trường THCS Chiềng Lề")
    page.get_by_label("Cấp học, loại giải").fill("THCS")
    page.screenshot(path=f"{SCREENSHOTS}/funds_batch_form_{width}.png", full_page=True)
    page.get_by_role("button", name="Ghi phiếu chi").click()
    expect(page.get_by_role("status").first).to_contain_text("437 suất")
    payout = Payout.objects.get()
    assert (payout.portions, payout.amount) == (437, 218_500_000)

    page.get_by_role("link", name="In phiếu chi").click()
    voucher = page.get_by_role("article", name="Phiếu chi")
    expect(voucher).to_contain_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    expect(voucher).to_contain_text("218.500.000 đ")
    expect(voucher).to_contain_text("Hai trăm mười tám triệu năm trăm nghìn đồng")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=f"{SCREENSHOTS}/funds_voucher_{width}.png", full_page=True)
    page.emulate_media(media="print")
    expect(page.locator(".topbar")).to_be_hidden()
    expect(page.get_by_role("button", name="In phiếu chi (A4)")).to_be_hidden()
    expect(voucher).to_be_visible()
    page.screenshot(path=f"{SCREENSHOTS}/funds_voucher_print_{width}.png", full_page=True)
    context.close()
