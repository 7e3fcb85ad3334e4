"""Narrative, submission, and the province's view of who submitted and who changed data."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from khuyenhoc.areas.models import Figure
from khuyenhoc.reports import services
from khuyenhoc.reports.models import AnnualReport
from tests import metric_names as m
from tests.factories import login

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def _narrative(client, commune, **texts):
    data = {"highlights": "", "difficulties": "", "proposals": "", **texts}
    return client.post(reverse("reports:narrative", args=[commune.code, YEAR]), data)


def test_it_keeps_the_narrative_with_the_years_report(client, commune_a, staff_a, with_figures):
    login(client, staff_a)
    response = _narrative(client, commune_a, highlights="Phong trào “Gia đình học tập” lan rộng.")
    assert response.status_code == 302
    report = AnnualReport.objects.get(commune=commune_a, year=YEAR)
    assert report.highlights == "Phong trào “Gia đình học tập” lan rộng."
    assert not report.is_submitted
    page = client.get(reverse("reports:commune", args=[commune_a.code, YEAR])).content.decode()
    assert "Phong trào “Gia đình học tập” lan rộng." in page
    assert report.history.count() == 1


def test_it_refuses_an_overlong_text_with_a_message(client, commune_a, staff_a, with_figures):
    login(client, staff_a)
    response = _narrative(client, commune_a, proposals="x" * 10_001)
    assert response.status_code == 200
    assert "dài quá 10.000 ký tự" in response.content.decode()
    assert not AnnualReport.objects.exists()


def test_submitting_keeps_a_snapshot_of_the_figures(client, commune_a, staff_a, with_figures):
    login(client, staff_a)
    response = client.post(reverse("reports:submit", args=[commune_a.code, YEAR]))
    assert response.status_code == 302
    report = AnnualReport.objects.get(commune=commune_a, year=YEAR)
    assert report.is_submitted and report.submitted_by == staff_a
    assert report.snapshot == with_figures
    page = client.get(reverse("reports:commune", args=[commune_a.code, YEAR])).content.decode()
    assert "Đã nộp" in page


def test_it_refuses_to_submit_a_year_without_figures(commune_a, staff_a):
    with pytest.raises(ValidationError, match="Chưa có số liệu"):
        services.report_submit(user=staff_a, commune=commune_a, year=YEAR)
    assert not AnnualReport.objects.exists()


def test_the_service_checks_scope_itself(commune_a, staff_b, with_figures):
    with pytest.raises(ValidationError, match="không có quyền với xã, phường này"):
        services.report_submit(user=staff_b, commune=commune_a, year=YEAR)


def _statuses(client):
    response = client.get(reverse("reports:province", args=[YEAR]))
    return {r["commune"].code: r["status"] for r in response.context["rows"]}


def test_the_reviewer_sees_who_submitted_and_who_changed_data_afterwards(
    client, commune_a, commune_b, staff_a, reviewer, with_figures
):
    services.report_submit(user=staff_a, commune=commune_a, year=YEAR)
    login(client, reviewer)
    statuses = _statuses(client)
    assert statuses[commune_a.code] == "da-nop"
    assert statuses[commune_b.code] == "chua-nop"

    Figure.objects.filter(
        commune=commune_a, year=YEAR, metric=m.title_metric("household", "recognised")
    ).update(value=6_800)
    assert _statuses(client)[commune_a.code] == "thay-doi"
    page = client.get(reverse("reports:province", args=[YEAR])).content.decode()
    assert "Đã nộp, số liệu thay đổi sau khi nộp" in page

    services.report_submit(user=staff_a, commune=commune_a, year=YEAR)
    assert _statuses(client)[commune_a.code] == "da-nop"
    assert AnnualReport.objects.get(commune=commune_a).history.count() == 2
