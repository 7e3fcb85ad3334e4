"""Counts without names and groups of communes, on a phone and on a desktop: commune
staff declare a village's counts and the public commune page shows them marked
«tổng hợp»; an administrator creates a group in the admin and the group's public page
shows its total."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from khuyenhoc.areas import services as area_services
from khuyenhoc.areas.models import CommuneGroup, Village
from tests.e2e.conftest import SCREENSHOTS, sign_in
from tests.factories import PASSWORD
from titles.declared_services import Count, declared_counts_save

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _context(browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    return context, context.new_page()


def _households(staff, commune, households):
    area_services.denominator_save(
        user=staff,
        commune=commune,
        year=timezone.localdate().year,
        values={"population": 3 * households, "adults": 2 * households, "households": households},
    )


@pytest.mark.parametrize("width", [360, 1280])
def test_staff_declare_a_village_s_counts_and_the_public_page_marks_them_declared(
    live_server, browser, settings, staff_a, commune_a, width
):
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.PUBLIC_TOTALS_CACHE_SECONDS = 0
    _households(staff_a, commune_a, 400)
    Village.objects.create(commune=commune_a, name="Bản Mòng", kind="ban")
    Village.objects.create(commune=commune_a, name="Tổ dân phố 2", kind="to")
    context, page = _context(browser, width)
    sign_in(page, live_server, staff_a.username, PASSWORD)
    page.goto(live_server.url + reverse("areas:commune", args=[commune_a.code]))
    page.get_by_role("link", name="Số lượng không kèm danh sách").click()
    page.get_by_role("link", name="Khai báo, sửa số lượng Gia đình học tập").click()

    mong = page.get_by_role("group", name="Bản Mòng")
    mong.get_by_label("Đăng ký").fill("120")
    mong.get_by_label("Được công nhận").fill("130")
    page.get_by_role("button", name="Lưu số lượng").click()
    expect(page.get_by_role("alert").first).to_contain_text("lớn hơn số đăng ký")

    page.get_by_role("group", name="Bản Mòng").get_by_label("Được công nhận").fill("96")
    page.screenshot(path=f"{SCREENSHOTS}/declared_form_{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("button", name="Lưu số lượng").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã lưu số lượng Gia đình học tập")
    block = page.get_by_role("region", name="Gia đình học tập")
    expect(block).to_contain_text("120 / 96")
    expect(block).to_contain_text("tổng hợp")
    page.screenshot(path=f"{SCREENSHOTS}/declared_overview_{width}.png", full_page=True)

    page.goto(live_server.url + reverse("stats:commune", args=[commune_a.code]))
    row = page.get_by_role("row", name="Gia đình học tập", exact=False).first
    expect(row).to_contain_text("96")
    expect(row).to_contain_text("120")
    expect(row).to_contain_text("24 %")  # 96 of 400 households
    expect(row.locator("td.source")).to_have_text("tổng hợp")
    page.screenshot(path=f"{SCREENSHOTS}/declared_public_{width}.png", full_page=True)
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_an_administrator_creates_a_group_and_its_public_page_shows_the_total(
    live_server, browser, settings, administrator, staff_a, staff_b, commune_a, commune_b, width
):
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.PUBLIC_TOTALS_CACHE_SECONDS = 0
    year = timezone.localdate().year
    for staff, commune, registered in ((staff_a, commune_a, 70), (staff_b, commune_b, 45)):
        _households(staff, commune, 500)
        village = Village.objects.create(commune=commune, name="Bản Nà", kind="ban")
        declared_counts_save(
            user=staff,
            commune=commune,
            year=year,
            title="household",
            counts={village.pk: Count(registered, registered - 20)},
        )
    context, page = _context(browser, width)
    sign_in(page, live_server, administrator.username, PASSWORD)
    page.goto(live_server.url + reverse("admin:areas_communegroup_add"))
    page.get_by_label("Tên nhóm").fill("Thành phố cũ")
    chooser = page.locator("#id_communes_from")
    for commune in (commune_a, commune_b):
        chooser.select_option(str(commune.code))
        page.locator("#id_communes_add").click()
    page.locator('input[name="_save"]').click()
    expect(page.locator(".messagelist")).to_contain_text("Thành phố cũ")
    group = CommuneGroup.objects.get()

    page.goto(live_server.url + reverse("stats:overview"))
    page.get_by_role("link", name="Thành phố cũ (2 xã, phường)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Thành phố cũ năm {year}")
    total = page.locator("#tong-nhom").get_by_role("row", name="Gia đình học tập", exact=False)
    expect(total.locator("td.registered")).to_have_text("115")
    expect(total.locator("td.recognised")).to_have_text("75")
    expect(total).to_contain_text("7,5 %")  # 75 of 1.000 households
    expect(page.locator("#xa-trong-nhom")).to_contain_text(commune_a.name)
    reached = page.locator("table.reached").get_by_role("row", name="Gia đình học tập")
    expect(reached).to_contain_text("2/2 xã, phường")
    page.screenshot(path=f"{SCREENSHOTS}/group_public_{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert group.communes.count() == 2
    context.close()
