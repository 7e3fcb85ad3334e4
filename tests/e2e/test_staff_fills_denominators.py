import pytest
from playwright.sync_api import expect

from khuyenhoc.areas.models import Denominator
from tests.e2e.conftest import SCREENSHOTS, sign_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_commune_staff_signs_in_sees_their_communes_and_fills_a_denominator(
    live_server, phone_page, staff_a, commune_a, commune_b
):
    page = phone_page
    sign_in(page, live_server, staff_a.username, "sai-mat-khau")
    expect(page.get_by_role("alert")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")

    sign_in(page, live_server, staff_a.username, PASSWORD)
    expect(page.get_by_role("heading", name="Xã, phường bạn phụ trách")).to_be_visible()
    expect(page.get_by_role("link", name=commune_a.name)).to_be_visible()
    expect(page.get_by_text(commune_b.name)).to_have_count(0)
    page.screenshot(path=f"{SCREENSHOTS}/staff_home.png", full_page=True)

    page.get_by_role("link", name="Nhập số liệu").first.click()
    page.get_by_label("Dân số").fill("17500")
    page.get_by_label("Người trưởng thành").fill("20000")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("alert").first).to_contain_text("không thể lớn hơn dân số")
    assert not Denominator.objects.filter(commune=commune_a).exists()

    page.get_by_label("Người trưởng thành").fill("12000")
    page.get_by_label("Hộ gia đình").fill("4600")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu số liệu nền")
    expect(page.get_by_role("cell", name="17.500")).to_be_visible()
    page.screenshot(path=f"{SCREENSHOTS}/commune_after_save.png", full_page=True)

    row = Denominator.objects.get(commune=commune_a)
    assert (row.population, row.adults, row.households) == (17500, 12000, 4600)
