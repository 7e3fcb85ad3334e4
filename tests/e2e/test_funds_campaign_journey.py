import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from funds import services
from funds.models import Campaign, Transfer
from tests.e2e.conftest import SCREENSHOTS, sign_in
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
def test_a_flood_relief_campaign_raises_money_sends_part_out_of_the_province_and_is_public(
    live_server, browser, staff_a, commune_a, width
):
    today = timezone.localdate()
    office = make_user("vanphong", role="province_staff")
    fund = services.fund_create(
        user=staff_a, commune=commune_a, name="Quỹ khuyến học", opening_year=today.year
    )
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server, office.username, PASSWORD)
    page.get_by_role("link", name="Đợt vận động").click()
    page.get_by_label("Tên đợt vận động").fill("Ủng hộ học sinh vùng lũ")
    page.get_by_label("Từ ngày").fill(today.replace(day=1).isoformat())
    page.get_by_label("Đến ngày").fill((today + datetime.timedelta(days=30)).isoformat())
    page.get_by_label("Chỉ tiêu (đồng)").fill("100.000.000")
    page.get_by_role("button", name="Tạo đợt vận động").click()
    expect(page.get_by_role("heading", name="Ủng hộ học sinh vùng lũ")).to_be_visible()
    drive = Campaign.objects.get()
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in(page, live_server, staff_a.username, PASSWORD)
    page.goto(live_server.url + reverse("funds:receipt_create", args=[fund.pk]))
    page.get_by_label("Người ủng hộ là").select_option(label="Doanh nghiệp")
    page.get_by_label("Tên người, đơn vị ủng hộ").fill("Công ty Thủy điện")
    page.get_by_label("Số tiền (đồng)").fill("60.000.000")
    page.get_by_label("Thuộc đợt vận động").select_option(label=str(drive))
    page.get_by_role("button", name="Ghi phiếu thu").click()
    expect(page.get_by_role("article", name="Phiếu thu")).to_contain_text("Sáu mươi triệu đồng")
    page.goto(live_server.url + reverse("funds:transfer_create", args=[fund.pk]))
    page.get_by_label("Số tiền (đồng)").fill("20.000.000")
    page.get_by_label("Hoặc nơi nhận ngoài tỉnh").fill("Quỹ Hội Khuyến học Việt Nam")
    page.get_by_label("Thuộc đợt vận động").select_option(label=str(drive))
    page.get_by_role("button", name="Ghi chuyển quỹ").click()
    expect(page.get_by_role("status", name="Tồn quỹ")).to_contain_text("40.000.000 đ")
    assert Transfer.objects.get().external_party == "Quỹ Hội Khuyến học Việt Nam"
    page.get_by_role("button", name="Đăng xuất").click()

    page.goto(live_server.url + reverse("funds_public:campaign", args=[drive.pk]))
    figures = page.get_by_role("list", name="Kết quả đợt vận động")
    expect(figures).to_contain_text("60.000.000 đ")
    expect(figures).to_contain_text("60 % chỉ tiêu")
    expect(figures).to_contain_text("Chuyển ra ngoài tỉnh 20.000.000 đ")
    assert "Công ty Thủy điện" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=f"{SCREENSHOTS}/funds_campaign_{width}.png", full_page=True)
    page.goto(live_server.url + reverse("funds_public:commune", args=[commune_a.code]))
    expect(page.get_by_text("Chuyển 20.000.000 đ ra ngoài tỉnh")).to_be_visible()
    context.close()
