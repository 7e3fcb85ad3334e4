from datetime import date

import pytest
from playwright.sync_api import expect

from khuyenhoc.areas.models import Village
from members import services
from members.models import Branch, Member
from tests.e2e.conftest import SCREENSHOTS, sign_in
from tests.factories import PASSWORD
from tests.members.sheets import row, sheet

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def upload(page, name, data):
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(
        files=[
            {
                "name": name,
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": data,
            }
        ]
    )
    page.get_by_role("button", name="Kiểm tra và nhập").click()


def test_staff_adds_finds_and_imports_members_on_a_phone(
    live_server, phone_page, staff_a, commune_a
):
    village = Village.objects.create(commune=commune_a, name="Bản Mòng", kind="ban")
    services.branch_create(
        user=staff_a,
        commune=commune_a,
        kind=Branch.Kind.VILLAGE,
        name="Chi hội Bản Mòng",
        village=village,
        founded_on=date(2010, 3, 1),
    )
    page = phone_page
    sign_in(page, live_server, staff_a.username, PASSWORD)
    page.get_by_role("link", name="Hội viên", exact=True).first.click()
    expect(page.get_by_role("heading", name=f"Hội viên {commune_a.name}")).to_be_visible()

    page.get_by_role("link", name="Thêm hội viên").click()
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hằng")
    page.get_by_label("Nữ", exact=True).check()
    page.get_by_label("Năm sinh").fill("1985")
    page.get_by_label("Chi hội").select_option(label="Chi hội Bản Mòng")
    page.get_by_label("Ngày vào hội").fill("2020-05-01")
    page.screenshot(path=f"{SCREENSHOTS}/member_form.png", full_page=True)
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã thêm hội viên Nguyễn Thị Hằng")

    page.get_by_label("Tìm theo tên hoặc số thẻ").fill("nguyen thi hang")
    page.get_by_role("button", name="Tìm").click()
    expect(page.get_by_role("link", name="Nguyễn Thị Hằng")).to_be_visible()

    page.get_by_role("link", name="Nhập từ Excel").click()
    bad = sheet([row("Lò Văn Tốt", number="SL-7"), row("Cà Thị Sai", year=1800, gender="Nữ")])
    upload(page, "danh-sach.xlsx", bad)
    alert = page.get_by_role("alert").first
    expect(alert).to_contain_text("Chưa nhập dòng nào")
    expect(alert).to_contain_text("Dòng 3, cột «Năm sinh»")
    assert Member.objects.count() == 1

    good = sheet([row("Lò Văn Tốt", number="SL-7"), row("Cà Thị Sai", year=1980, gender="Nữ")])
    upload(page, "danh-sach.xlsx", good)
    expect(page.get_by_role("status").first).to_contain_text("Đã nhập 2 hội viên")
    expect(page.get_by_role("link", name="Cà Thị Sai")).to_be_visible()
    page.screenshot(path=f"{SCREENSHOTS}/members_after_import.png", full_page=True)
    assert Member.objects.count() == 3
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
