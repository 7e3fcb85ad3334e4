import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from funds import services
from funds.models import Transfer
from tests.e2e.conftest import SCREENSHOTS, sign_in
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
def test_a_commune_sends_money_to_the_provincial_fund_whose_staff_confirm_it_counted_once(
    live_server, browser, staff_a, commune_a, administrator, width
):
    today = timezone.localdate()
    office = make_user("vanphong", role="province_staff")
    fund = services.fund_create(
        user=staff_a, commune=commune_a, name="Quỹ khuyến học", opening_year=today.year
    )
    province_fund = services.fund_create(
        user=administrator, name="Quỹ Khuyến học tỉnh", opening_year=today.year
    )
    services.receipt_record(
        user=staff_a, fund=fund, date=today, amount=20_000_000, donor_category="enterprise",
        donor_name="Công ty Chè",
    )  # fmt: skip
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server, staff_a.username, PASSWORD)
    page.goto(live_server.url + reverse("funds:fund", args=[fund.pk]))
    page.get_by_role("link", name="Chuyển quỹ").click()
    page.get_by_label("Chuyển đến quỹ trong tỉnh").select_option(
        label=f"{province_fund.branch.name} · {province_fund.name}"
    )
    page.get_by_label("Số tiền (đồng)").fill("15.000.000")
    page.get_by_label("Nội dung").fill("Nộp quỹ Hội tỉnh năm học mới")
    page.get_by_role("button", name="Ghi chuyển quỹ").click()
    expect(page.get_by_role("status", name="Tồn quỹ")).to_contain_text("5.000.000 đ")
    expect(page.get_by_text("Chờ quỹ nhận xác nhận", exact=True)).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in(page, live_server, office.username, PASSWORD)
    page.get_by_role("link", name="Quỹ Hội tỉnh").click()
    page.get_by_role("link", name=province_fund.name).first.click()
    waiting = page.get_by_label("Chuyển quỹ chờ nhận")
    expect(waiting).to_contain_text("chuyển 15.000.000 đ")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=f"{SCREENSHOTS}/funds_transfer_{width}.png", full_page=True)
    waiting.get_by_role("button", name="Xác nhận đã nhận").click()
    expect(page.get_by_role("status", name="Tồn quỹ")).to_contain_text("15.000.000 đ")
    expect(page.get_by_text("Đã nhận", exact=True)).to_be_visible()
    assert Transfer.objects.get().state == Transfer.State.CONFIRMED
    page.get_by_role("button", name="Đăng xuất").click()

    page.goto(live_server.url + reverse("funds_public:province"))
    expect(page.locator("li", has_text="Thu quỹ 20.000.000 đ").first).to_be_visible()  # once
    assert "35.000.000" not in page.content() and "Công ty Chè" not in page.content()
    context.close()
