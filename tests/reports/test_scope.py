"""Who may open which report: the commune's own staff, reviewers for the province."""

import pytest
from django.urls import reverse

from khuyenhoc.reports import services
from tests.factories import login

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def _commune_urls(code):
    return [
        reverse("reports:commune_latest", args=[code]),
        reverse("reports:commune", args=[code, YEAR]),
        reverse("reports:commune_xlsx", args=[code, YEAR]),
    ]


def test_it_sends_anonymous_visitors_to_the_login_page(client, commune_a):
    urls = _commune_urls(commune_a.code) + [
        reverse("reports:province", args=[YEAR]),
        reverse("reports:province_xlsx", args=[YEAR]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_it_hides_another_communes_report_from_staff(client, commune_a, staff_b, with_figures):
    login(client, staff_b)
    for url in _commune_urls(commune_a.code):
        assert client.get(url).status_code == 404
    for name in ("reports:narrative", "reports:submit"):
        url = reverse(name, args=[commune_a.code, YEAR])
        assert client.post(url, {"highlights": "x"}).status_code == 404
    assert not commune_a.annual_reports.exists()


def test_it_opens_the_communes_own_report_for_its_staff(client, commune_a, staff_a, with_figures):
    login(client, staff_a)
    response = client.get(reverse("reports:commune", args=[commune_a.code, YEAR]))
    assert response.status_code == 200
    assert "Báo cáo năm 2025" in response.content.decode()
    latest = client.get(reverse("reports:commune_latest", args=[commune_a.code]))
    assert latest.status_code == 302


def test_it_refuses_the_province_report_to_commune_staff(client, staff_a):
    login(client, staff_a)
    assert client.get(reverse("reports:province", args=[YEAR])).status_code == 403
    assert client.get(reverse("reports:province_xlsx", args=[YEAR])).status_code == 403


def test_it_opens_the_province_report_for_reviewers(client, reviewer, with_figures):
    login(client, reviewer)
    response = client.get(reverse("reports:province", args=[YEAR]))
    assert response.status_code == 200
    assert "Báo cáo năm 2025 toàn tỉnh" in response.content.decode()


def test_it_answers_404_for_a_year_outside_the_reports(client, commune_a, staff_a):
    login(client, staff_a)
    assert client.get(reverse("reports:commune", args=[commune_a.code, 1999])).status_code == 404
    assert client.get(reverse("reports:commune", args=[commune_a.code, 2999])).status_code == 404


def test_the_commune_page_links_to_the_report(client, commune_a, staff_a):
    login(client, staff_a)
    response = client.get(reverse("areas:commune", args=[commune_a.code]))
    assert reverse("reports:commune_latest", args=[commune_a.code]) in response.content.decode()


def test_the_admin_lists_reports_to_reviewers_read_only(
    client, commune_a, staff_a, reviewer, with_figures
):
    services.report_submit(user=staff_a, commune=commune_a, year=YEAR)
    url = reverse("admin:reports_annualreport_changelist")
    login(client, staff_a)
    assert client.get(url).status_code in (302, 403)
    login(client, reviewer)
    response = client.get(url)
    assert response.status_code == 200 and commune_a.name in response.content.decode()
    assert client.post(reverse("admin:reports_annualreport_add")).status_code == 403
