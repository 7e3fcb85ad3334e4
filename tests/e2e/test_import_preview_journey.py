"""A member sheet imported a second time, on a phone and on a desktop: the page shows
which rows are already there and writes only the new one when the user skips them; a
receipt form double-clicked records one receipt."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from funds import services as funds_services
from funds.models import Receipt
from members.models import Member
from tests.e2e.conftest import SCREENSHOTS, members_import_page
from tests.e2e.test_members_journey import upload
from tests.members.sheets import row, sheet

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FIRST = [row("Lò Văn Tốt"), row("Cà Thị Sai", year=1980, gender="Nữ")]


@pytest.mark.parametrize("width", [360, 1280])
def test_staff_imports_a_sheet_again_sees_the_rows_already_there_and_skips_them(
    live_server, browser, staff_a, commune_a, width
):
    context, page = members_import_page(live_server, browser, staff_a, commune_a, width)
    upload(page, "danh-sach.xlsx", sheet(FIRST))
    expect(page.get_by_role("status").first).to_contain_text("Đã nhập 2 hội viên")

    page.goto(live_server.url + reverse("members:import", args=[commune_a.code]))
    upload(page, "danh-sach.xlsx", sheet([*FIRST, row("Quàng Văn Mới", phone="0912345678")]))
    preview = page.get_by_role("region", name="Tệp có dòng đã có")
    expect(preview.get_by_role("status")).to_have_text(
        "Tệp có 3 dòng: 1 dòng mới, 2 dòng đã có (giống hệt), 0 dòng đã có nhưng khác."
    )
    expect(preview).to_contain_text("cùng họ tên (không kể dấu và chữ hoa), năm sinh và chi hội")
    expect(preview.get_by_role("cell", name="Quàng Văn Mới", exact=False)).to_be_visible()
    page.screenshot(path=f"{SCREENSHOTS}/members_import_preview_{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert Member.objects.count() == 2

    page.get_by_role("button", name="Bỏ qua dòng đã có, ghi 1 dòng mới").click()
    expect(page.get_by_role("status").first).to_have_text(
        "Đã nhập 1 hội viên mới; bỏ qua 2 dòng đã có."
    )
    assert Member.objects.count() == 3
    assert not page.get_by_role("button", name="Bỏ qua dòng đã có, ghi 1 dòng mới").count()

    fund = funds_services.fund_create(
        user=staff_a,
        commune=commune_a,
        name="Quỹ khuyến học",
        opening_year=timezone.localdate().year,
    )
    page.goto(live_server.url + reverse("funds:receipt_create", args=[fund.pk]))
    page.get_by_label("Tên người, đơn vị ủng hộ").fill("Bà Lò Thị Nhấn Đúp")
    page.get_by_label("Số tiền (đồng)").fill("200.000")
    page.get_by_role("button", name="Ghi phiếu thu").dblclick()
    expect(page.get_by_role("article", name="Phiếu thu")).to_contain_text("200.000 đ")
    assert Receipt.objects.count() == 1
    context.close()
