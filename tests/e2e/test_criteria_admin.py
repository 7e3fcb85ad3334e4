import pytest
from django.utils import timezone
from playwright.sync_api import expect

from khuyenhoc.areas.models import Village
from tests.e2e.conftest import SCREENSHOTS, sign_in
from tests.factories import PASSWORD
from titles import services
from titles.models import CriteriaSet

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_administrator_adds_a_pupils_indicator_and_staff_score_a_pupil_on_it(
    live_server, browser, phone_page, administrator, staff_a, commune_a
):
    year = timezone.localdate().year
    village = Village.objects.create(
        commune=commune_a, name="Thôn Nà Lếch", name_folded="thon na lech"
    )
    pupil = services.subject_register(
        user=staff_a, commune=commune_a, year=year, title="citizen",
        data={"full_name": "Lò Văn Học", "birth_year": 2008, "sex": "nam", "group": 4,
              "village": village},
    )  # fmt: skip
    group = CriteriaSet.objects.in_force(title="citizen", year=year).groups.get(order=3)

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    admin = context.new_page()
    sign_in(admin, live_server, administrator.username, PASSWORD)
    admin.goto(f"{live_server.url}/quan-tri/titles/criteriagroup/{group.pk}/change/")
    admin.locator("tr.add-row a").click()
    row = admin.locator("tr.dynamic-indicators").last
    row.locator('input[name$="-order"]').fill("3")
    row.locator('input[name$="-code"]').fill("3.3")
    row.locator('input[name$="-name"]').fill("Chuyên cần, hoàn thành bài học trên lớp")
    row.locator('input[name$="-max_points"]').fill("10")
    row.locator('select[name$="-citizen_group"]').select_option(
        label="Học sinh, sinh viên, học viên"
    )
    admin.screenshot(path=f"{SCREENSHOTS}/admin_pupils_indicator.png", full_page=True)
    admin.locator('input[name="_save"]').click()
    expect(admin.locator(".messagelist")).to_be_visible()
    context.close()

    page = phone_page
    sign_in(page, live_server, staff_a.username, PASSWORD)
    page.goto(f"{live_server.url}/quan-ly/danh-hieu/dang-ky/{pupil.pk}/danh-gia/")
    expect(
        page.get_by_label("3.3. Chuyên cần, hoàn thành bài học trên lớp (tối đa 10)")
    ).to_be_visible()
    inputs = page.locator("form.scores input[type=number]")
    expect(inputs).to_have_count(11)
    for index in range(11):
        inputs.nth(index).fill("9")
    page.get_by_role("button", name="Lưu kết quả").click()
    expect(page.get_by_role("status")).to_contain_text("99 điểm, đạt")
