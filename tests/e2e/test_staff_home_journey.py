"""The staff home says what to do: the reviewer returns a list after a page that says what
will happen, and the commune's staff find it in their inbox with the reason."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, sign_in
from tests.factories import PASSWORD
from tests.titles.conftest import (  # noqa: F401
    YEAR,
    household,
    proposed_list,
    registration,
    village_a,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
def test_a_returned_list_waits_in_the_staff_inbox_with_its_reason(
    live_server,
    browser,
    reviewer,
    staff_a,
    commune_a,
    proposed_list,  # noqa: F811  (the titles tests' fixture, imported above)
    width,
):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server, reviewer.username, PASSWORD)
    page.goto(f"{live_server.url}/quan-ly/danh-hieu/{commune_a.code}/{YEAR}/household/tham-dinh/")
    page.get_by_label("Lý do").fill("Thiếu minh chứng của hộ ông Sơn")
    page.get_by_role("button", name="Trả lại cho xã").click()
    expect(page.locator(".confirm")).to_contain_text("1 đăng ký trở về «đã đánh giá»")
    page.get_by_role("button", name="Xác nhận trả lại").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã trả lại")
    page.context.clear_cookies()

    sign_in(page, live_server, staff_a.username, PASSWORD)
    expect(page.get_by_role("heading", name="Việc cần làm")).to_be_visible()
    item = page.locator(".inbox-item").first
    expect(item).to_contain_text("Danh sách bị trả lại")
    expect(item).to_contain_text("Lý do: Thiếu minh chứng của hộ ông Sơn")
    page.screenshot(path=f"{SCREENSHOTS}/staff_home_inbox_{width}.png")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    context.close()
