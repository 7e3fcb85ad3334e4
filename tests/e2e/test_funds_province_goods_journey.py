import pytest
from playwright.sync_api import expect

from funds.models import Fund, Payout
from tests.e2e.conftest import SCREENSHOTS, sign_in
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
def test_the_provincial_office_opens_its_fund_receives_backpacks_and_gives_them_out(
    live_server, browser, units, width
):
    office = make_user("vanphong", role="province_staff")
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server, office.username, PASSWORD)
    page.get_by_role("link", name="Quỹ Hội tỉnh").click()
    page.get_by_role("button", name="Tạo quỹ").click()
    expect(page.get_by_role("heading", name="Quỹ Khuyến học tỉnh")).to_be_visible()
    assert Fund.objects.get().branch.kind == "hoi_tinh"

    page.get_by_role("link", name="Ghi phiếu thu").click()
    page.get_by_label("Người ủng hộ là").select_option(label="Doanh nghiệp")
    page.get_by_label("Tên người, đơn vị ủng hộ").fill("Công ty Thủy điện")
    page.get_by_label("Ủng hộ bằng hiện vật (quy ra tiền)").check()
    page.get_by_label("Hiện vật", exact=True).fill("Ba lô")
    page.get_by_label("Số lượng").fill("520")
    page.get_by_label("Đơn vị tính").fill("cái")
    page.get_by_label("Số tiền (đồng)").fill("104.000.000")
    page.get_by_role("button", name="Ghi phiếu thu").click()
    expect(page.get_by_role("article", name="Phiếu thu")).to_contain_text("520 Ba lô")

    page.get_by_role("link", name="Về sổ quỹ").click()
    expect(page.get_by_role("status", name="Tồn quỹ")).to_contain_text("0 đ")
    page.get_by_role("link", name="Trao hiện vật").click()
    page.get_by_label("Số lượng trao").fill("600")
    page.get_by_role("button", name="Ghi phiếu chi hiện vật").click()
    expect(page.get_by_role("alert").first).to_contain_text("Kho chỉ còn 520 Ba lô")
    page.get_by_label("Số lượng trao").fill("120")
    page.get_by_role("button", name="Ghi phiếu chi hiện vật").click()
    expect(page.get_by_role("status").first).to_contain_text("trao 120 Ba lô")
    assert Payout.objects.get().amount == 24_000_000
    page.get_by_role("link", name="Quỹ Khuyến học tỉnh").click()
    expect(page.get_by_label("Hiện vật trong kho")).to_contain_text("400 Ba lô (80.000.000 đ)")
    expect(page.get_by_role("status", name="Tồn quỹ")).to_contain_text("0 đ")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=f"{SCREENSHOTS}/funds_province_goods_{width}.png", full_page=True)
    context.close()
