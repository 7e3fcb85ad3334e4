"""An administrator checks a new criteria version, reads what it would have decided last
year, and only then applies it."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, sign_in
from tests.factories import PASSWORD
from tests.titles.conftest import YEAR, full_points, household, registration, village_a  # noqa: F401
from tests.titles.test_criteria_versions import new_version
from titles import services
from titles.models import CriteriaSet

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _run(page, live_server, version, action):
    page.goto(f"{live_server.url}/quan-tri/titles/criteriaset/")
    page.locator(f'input[name="_selected_action"][value="{version.pk}"]').check()
    page.locator('select[name="action"]').select_option(action)
    page.locator('button[name="index"]').click()


@pytest.mark.parametrize("width", [360, 1280])
def test_an_administrator_applies_a_version_after_its_preview(
    live_server,
    browser,
    administrator,
    staff_a,
    registration,  # noqa: F811  (the titles tests' fixture, imported above)
    width,
):
    services.registration_evaluate(
        user=staff_a, registration=registration, points=full_points("household")
    )
    version = new_version()
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server, administrator.username, PASSWORD)
    _run(page, live_server, version, "activate_version")
    page.get_by_role("button", name="Áp dụng").click()
    expect(page.locator(".messagelist")).to_contain_text("Chỉ áp dụng được bộ tiêu chí đã kiểm tra")

    _run(page, live_server, version, "check_version")
    expect(page.locator(".messagelist")).to_contain_text("Đã kiểm tra")
    _run(page, live_server, version, "activate_version")
    expect(page.locator(".preview")).to_contain_text(f"Năm {YEAR}: 1 đăng ký đã đánh giá")
    page.screenshot(path=f"{SCREENSHOTS}/criteria_activation_preview_{width}.png")
    assert CriteriaSet.objects.get(pk=version.pk).status == "checked"
    page.get_by_role("button", name="Áp dụng").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã áp dụng")
    assert CriteriaSet.objects.get(pk=version.pk).status == "active"
    context.close()
