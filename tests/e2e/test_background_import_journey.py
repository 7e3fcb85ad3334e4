"""A large member sheet, on a phone and on a desktop: the upload answers at once with
the job's progress page, the worker (`manage.py db_worker`) imports it, and the page,
which reloads itself, shows the result."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from members.models import Member
from tests.e2e.conftest import SCREENSHOTS, members_import_page
from tests.e2e.test_members_journey import upload
from tests.jobs.sheets import many_people

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROWS = 2_500  # over the default IMPORT_IN_BACKGROUND_ROWS (2.000)


@pytest.mark.parametrize("width", [360, 1280])
def test_staff_upload_a_large_member_sheet_watch_its_progress_and_read_the_result(
    live_server, browser, staff_a, commune_a, width
):
    context, page = members_import_page(live_server, browser, staff_a, commune_a, width)
    upload(page, "danh-sach-lon.xlsx", many_people(ROWS))

    expect(page.get_by_role("heading", name="Nhập hội viên từ Excel")).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text("Đang chờ")
    expect(page.get_by_label("Tiến độ")).to_be_visible()
    expect(page.locator(".job-counts")).to_contain_text("0 / 2.500")
    page.screenshot(path=f"{SCREENSHOTS}/background_import_progress_{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not Member.objects.exists()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0")

    # the page reloads itself every 2 seconds until the job is over
    expect(page.get_by_text("Đã nhập 2.500 hội viên.")).to_be_visible(timeout=10_000)
    expect(page.get_by_label("Tiến độ")).to_have_count(0)
    expect(page.locator(".job-counts")).to_contain_text("Đã ghi")
    page.screenshot(path=f"{SCREENSHOTS}/background_import_result_{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert Member.objects.filter(branch__commune=commune_a).count() == ROWS
    page.get_by_role("link", name="← Quay lại trang nhập").click()
    expect(page.get_by_role("heading", name="Nhập hội viên từ Excel")).to_be_visible()
    context.close()
