import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, sign_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_administrator_gives_communes_through_a_vietnamese_selector(
    live_server, browser, administrator, staff_a, commune_b
):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    errors = []  # a script refused by the CSP shows here
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    sign_in(page, live_server, administrator.username, PASSWORD)
    page.goto(f"{live_server.url}/quan-tri/auth/user/{staff_a.pk}/change/")
    communes = "xã, phường phụ trách"
    expect(page.get_by_text(f"{communes} có thể chọn")).to_be_visible()
    expect(page.get_by_text(f"{communes} đã chọn")).to_be_visible()
    expect(page.get_by_role("button", name=f"Chọn tất cả {communes}")).to_be_visible()
    expect(page.get_by_role("button", name=f"Bỏ tất cả {communes}")).to_be_visible()
    page.locator("#id_staff_profile-0-communes_input").fill(commune_b.name)
    page.locator("#id_staff_profile-0-communes_from").select_option(label=commune_b.name)
    page.get_by_role("button", name=f"Chọn các {communes} đã đánh dấu").click()
    expect(page.locator("#id_staff_profile-0-communes_to")).to_contain_text(commune_b.name)
    page.screenshot(path=f"{SCREENSHOTS}/admin_communes_selector.png", full_page=True)
    page.locator('input[name="_save"]').click()
    expect(page.locator(".messagelist")).to_contain_text("thành công")
    expect(page.get_by_role("button", name="Thực hiện")).to_be_visible()
    assert errors == []
    assert staff_a.staff_profile.communes.filter(pk=commune_b.pk).exists()
    context.close()


def test_staff_opening_the_logout_address_on_a_phone_log_out_with_the_button(
    live_server, browser, staff_a
):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server, staff_a.username, PASSWORD)
    page.goto(f"{live_server.url}/dang-xuat/")
    expect(page.get_by_role("heading", name="Đăng xuất")).to_be_visible()
    button = page.get_by_role("button", name="Đăng xuất", exact=True)
    expect(button).to_be_visible()
    assert button.bounding_box()["width"] <= 360
    page.screenshot(path=f"{SCREENSHOTS}/logout_page_phone.png", full_page=True)
    button.click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("link", name="Đăng nhập")).to_be_visible()
    context.close()
