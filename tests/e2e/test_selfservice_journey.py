import pytest
from django.urls import reverse
from playwright.sync_api import expect

from khuyenhoc.areas.models import Village
from tests.e2e.conftest import SCREENSHOTS, sign_in
from tests.factories import PASSWORD
from tests.titles.selfservice.conftest import photo_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _registered_citizens(page, live_server, commune):
    """The public commune page's count of Công dân học tập registered this year."""
    page.goto(f"{live_server.url}{reverse('stats:commune', args=[commune.code])}?nam=2026")
    row = page.locator(
        "table.indicators tr", has=page.get_by_role("rowheader", name="Công dân học tập")
    )
    return row.locator("td").nth(5).inner_text() if row.count() else "–"


def test_a_citizen_registers_from_a_phone_with_a_code_and_staff_accept(
    live_server, browser, staff_a, commune_a
):
    Village.objects.create(commune=commune_a, name="Bản Mòng", name_folded="ban mong")
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    staff = desk.new_page()
    sign_in(staff, live_server, staff_a.username, PASSWORD)
    staff.goto(live_server.url + reverse("titles:self_codes", args=[commune_a.code]))
    staff.get_by_label("Thôn, bản, tổ dân phố").select_option(label="Bản Mòng")
    staff.get_by_label("Số mã").fill("2")
    staff.get_by_role("button", name="Cấp mã và in phiếu").click()
    expect(staff.locator(".slip")).to_have_count(2)
    staff.screenshot(path=f"{SCREENSHOTS}/selfservice_code_sheet_1280.png", full_page=True)
    code = staff.locator(".slip-code").first.inner_text()

    phone = browser.new_context(viewport={"width": 360, "height": 800}, locale="vi-VN")
    page = phone.new_page()
    before = _registered_citizens(page, live_server, commune_a)
    page.goto(live_server.url + reverse("selfservice:commune", args=[commune_a.code]))
    expect(page.get_by_role("heading", level=1)).to_contain_text(commune_a.name)
    page.get_by_label("Mã đăng ký").fill(code.lower())
    page.get_by_role("button", name="Mở hồ sơ của hộ").click()
    expect(page.get_by_role("heading", name="Hồ sơ tự đăng ký của hộ")).to_be_visible()
    page.get_by_role("link", name="Nông dân và lao động nông thôn").click()

    page.get_by_label("Họ và tên").fill("Lo Thi Hoa")  # typed without diacritics
    page.get_by_label("Năm sinh", exact=True).fill("1990")
    page.get_by_label("Giới tính", exact=True).select_option(label="Nữ")
    scores = page.locator(".scores-self input[type=number]")
    for index in range(scores.count()):
        scores.nth(index).fill("9")
    page.locator("input[type=file]").set_input_files(
        {"name": "giay-khen.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}
    )
    page.get_by_role("button", name="Gửi hồ sơ").click()
    expect(page.get_by_role("alert").first).to_contain_text("Cần đánh dấu đồng ý")
    page.screenshot(path=f"{SCREENSHOTS}/selfservice_form_360.png", full_page=True)
    page.get_by_label("Tôi đồng ý").check()
    page.locator("input[type=file]").set_input_files(
        {"name": "giay-khen.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}
    )
    page.get_by_role("button", name="Gửi hồ sơ").click()
    expect(page.get_by_role("status")).to_contain_text("Đã gửi hồ sơ")
    expect(page.locator(".sent li")).to_contain_text("Đã gửi, chờ xã xem xét")
    page.screenshot(path=f"{SCREENSHOTS}/selfservice_household_360.png", full_page=True)

    staff.goto(live_server.url + reverse("titles:self_queue", args=[commune_a.code]))
    staff.get_by_role("link", name="Lo Thi Hoa").click()
    expect(staff.get_by_role("link", name="giay-khen.jpg")).to_be_visible()
    staff.screenshot(path=f"{SCREENSHOTS}/selfservice_detail_1280.png", full_page=True)
    staff.get_by_role("button", name="Tiếp nhận (vào danh sách").click()
    expect(staff.get_by_role("status")).to_contain_text("Đã tiếp nhận hồ sơ của Lo Thi Hoa")

    page.goto(live_server.url + reverse("selfservice:home"))
    expect(page.locator(".sent li")).to_contain_text("Xã đã tiếp nhận")
    assert before != "1"
    assert _registered_citizens(page, live_server, commune_a) == "1"
    phone.close()
    desk.close()
