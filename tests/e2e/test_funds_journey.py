import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from funds import services
from funds.models import Beneficiary, Payout, Receipt
from tests.e2e.conftest import SCREENSHOTS, sign_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PUPILS = ["Lò Thị Hương", "Cầm Văn Toàn", "Quàng Thị Lan"]


def test_staff_records_a_gift_and_scholarships_then_the_public_sees_totals_without_names(
    live_server, phone_page, staff_a, commune_a
):
    page = phone_page
    sign_in(page, live_server, staff_a.username, PASSWORD)
    page.goto(live_server.url + reverse("funds:commune", args=[commune_a.code]))
    page.get_by_label("Tồn quỹ đầu năm đó (đồng)").fill("10.000.000")
    page.get_by_role("button", name="Tạo quỹ").click()

    page.get_by_role("link", name="Ghi phiếu thu").click()
    page.get_by_label("Người ủng hộ là").select_option(label="Doanh nghiệp")
    page.get_by_label("Tên người, đơn vị ủng hộ").fill("Công ty Thủy điện Sơn La")
    page.get_by_label("Người ủng hộ đồng ý công khai tên").check()
    page.get_by_label("Số tiền (đồng)").fill("1,5")
    page.get_by_role("button", name="Ghi phiếu thu").click()
    expect(page.get_by_role("alert").first).to_contain_text("không hiểu số tiền")
    assert not Receipt.objects.exists()
    page.get_by_label("Số tiền (đồng)").fill("5.000.000")
    page.get_by_role("button", name="Ghi phiếu thu").click()
    receipt = page.get_by_role("article", name="Phiếu thu")
    expect(receipt).to_contain_text("5.000.000 đ")
    expect(receipt).to_contain_text("Số: 1/")
    page.screenshot(path=f"{SCREENSHOTS}/funds_receipt.png", full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=f"{SCREENSHOTS}/funds_receipt_print.png", full_page=True)
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Về sổ quỹ").click()
    page.get_by_role("link", name="Ghi phiếu chi").first.click()
    page.get_by_label("Loại chi").select_option(label="Học bổng")
    page.get_by_label("Số quyết định").fill("15/QĐ-KH")
    page.get_by_label("Số tiền mỗi suất (đồng)").fill("500.000")
    page.get_by_label("Danh sách người nhận").fill(
        "\n".join(f"{name}; Trường THCS Chiềng Lề; 8A" for name in PUPILS)
    )
    page.get_by_role("button", name="Ghi phiếu chi").click()
    expect(page.get_by_role("status")).to_contain_text("3 suất")
    payout = Payout.objects.get()
    assert (payout.portions, payout.amount) == (3, 1_500_000)
    assert Beneficiary.objects.count() == 3

    page.get_by_role("link", name=payout.fund.name).click()
    expect(page.get_by_role("status", name="Tồn quỹ")).to_contain_text("13.500.000 đ")
    page.screenshot(path=f"{SCREENSHOTS}/funds_ledger.png", full_page=True)

    page.get_by_role("button", name="Đăng xuất").click()
    page.goto(live_server.url + reverse("funds_public:commune", args=[commune_a.code]))
    figures = page.get_by_role("list", name="Tổng hợp")
    expect(figures).to_contain_text("5.000.000 đ")
    expect(figures).to_contain_text("1.500.000 đ")
    expect(figures).to_contain_text("3 suất")
    expect(page.get_by_text("Công ty Thủy điện Sơn La")).to_be_visible()
    content = page.content()
    for name in PUPILS:
        assert name not in content
    page.screenshot(path=f"{SCREENSHOTS}/funds_public.png", full_page=True)


@pytest.mark.parametrize("width", [360, 1280])
def test_staff_correct_a_closed_years_receipt_with_an_adjusting_entry_of_this_year(
    live_server, browser, staff_a, reviewer, commune_a, width
):
    today = timezone.localdate()
    last_year = today.year - 1
    fund = services.fund_create(
        user=staff_a, commune=commune_a, name="Quỹ khuyến học", opening_year=last_year,
        opening_balance=2_000_000,
    )  # fmt: skip
    mistaken = services.receipt_record(
        user=staff_a, fund=fund, date=datetime.date(last_year, 9, 5), amount=3_000_000,
        donor_category="enterprise", donor_name="Công ty Chè Mộc Châu",
    )  # fmt: skip
    services.year_close(user=reviewer, fund=fund, year=last_year)

    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server, staff_a.username, PASSWORD)
    page.goto(live_server.url + reverse("funds:payout_create", args=[fund.pk]))
    page.get_by_label("Ngày chi").fill(f"{last_year}-12-20")
    page.get_by_label("Số tiền mỗi suất (đồng)").fill("500.000")
    page.get_by_label("Danh sách người nhận").fill("Lò Thị Hương")
    page.get_by_role("button", name="Ghi phiếu chi").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        f"Sổ quỹ đã khóa đến hết năm {last_year}"
    )
    assert not Payout.objects.exists()

    page.goto(live_server.url + reverse("funds:fund", args=[fund.pk]) + f"?nam={last_year}")
    page.get_by_role("row", name="Công ty Chè Mộc Châu").get_by_role(
        "link", name="Điều chỉnh"
    ).click()
    expect(page.get_by_role("note", name="Năm đã khóa sổ")).to_contain_text(
        f"quyết toán năm {last_year} giữ nguyên"
    )
    page.get_by_label("Lý do điều chỉnh").fill("Ghi thừa một số 0: thực thu 300.000 đ")
    page.screenshot(path=f"{SCREENSHOTS}/funds_adjusting_{width}.png", full_page=True)
    page.get_by_role("button", name=f"Lập phiếu điều chỉnh vào năm {today.year}").click()
    expect(page.get_by_role("status").first).to_contain_text(f"ghi vào sổ năm {today.year}")
    reversal = Receipt.objects.get(reverses=mistaken)
    assert (reversal.date, reversal.amount) == (today, 3_000_000)
    expect(page.get_by_role("status", name="Tồn quỹ")).to_contain_text("2.000.000 đ")
    expect(page.locator("table.ledger")).to_contain_text(f"Điều chỉnh Phiếu thu 1/{last_year}")
    page.screenshot(path=f"{SCREENSHOTS}/funds_adjusted_ledger_{width}.png", full_page=True)

    page.get_by_label("Năm").select_option(str(last_year))
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("table.ledger")).to_contain_text(
        f"Đã điều chỉnh bằng Phiếu thu 1/{today.year} (ghi vào sổ năm {today.year})"
    )
    expect(page.locator("table.ledger tr.total")).to_contain_text("5.000.000")
    page.screenshot(path=f"{SCREENSHOTS}/funds_closed_ledger_{width}.png", full_page=True)

    page.goto(live_server.url + reverse("funds:statement", args=[fund.pk, last_year]))
    expect(page.get_by_role("row", name="Số dư cuối năm")).to_contain_text("5.000.000 đ")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
