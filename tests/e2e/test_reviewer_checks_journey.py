"""A reviewer on a phone or a desk goes from the staff home to the figures that break a
rule and to who has not reported, and reminds a late commune."""

import datetime

import pytest
from django.conf import settings
from playwright.sync_api import expect

from khuyenhoc.areas.models import Village
from khuyenhoc.quality.models import Reminder, ReportingDeadline
from tests import metric_names as m
from tests.e2e.conftest import SCREENSHOTS, sign_in
from tests.factories import PASSWORD, registered_households
from tests.public.conftest import write_figures

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
def test_a_reviewer_finds_broken_figures_and_reminds_a_late_commune(
    live_server, browser, reviewer, commune_a, width
):
    year = datetime.date.today().year
    write_figures(
        commune_a.code,
        year,
        {m.HOUSEHOLDS: 100, m.title_metric("household", "registered"): 170},
    )
    village = Village.objects.create(commune=commune_a, name="Thôn Nà Lếch")
    registered_households(commune_a, village, [1], year)
    ReportingDeadline.objects.create(
        province_id=settings.PROVINCE_CODE, year=year, due_on=datetime.date(year, 1, 1)
    )
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server, reviewer.username, PASSWORD)
    page.get_by_role("link", name="Số liệu cần kiểm tra").click()
    card = page.locator(".card", has_text=commune_a.name)
    expect(card).to_contain_text("là 170, lớn hơn mẫu số 100")
    page.screenshot(path=f"{SCREENSHOTS}/reviewer_violations_{width}.png")

    page.goto(f"{live_server.url}/quan-ly/")
    page.get_by_role("link", name="Xã, phường đã báo cáo").click()
    card = page.locator(".card.behind", has_text=commune_a.name)
    expect(card).to_contain_text("Quá hạn, chưa gửi")
    page.screenshot(path=f"{SCREENSHOTS}/reviewer_completeness_{width}.png")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    card.get_by_role("button", name="Gửi lời nhắc").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã gửi lời nhắc")
    assert Reminder.objects.filter(commune=commune_a).exists()
    context.close()
