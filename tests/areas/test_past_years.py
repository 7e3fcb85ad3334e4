"""Figures of the years before the reform, entered per old commune: the service, the
Excel import (matching, preview, all or nothing) and the staff pages."""

import pytest
from django.core.exceptions import ValidationError

from khuyenhoc.areas.models import LegacyFigure, LegacyReport
from khuyenhoc.areas.past_years import legacy_reports_save
from khuyenhoc.areas.past_years_import import HEADERS, legacy_reports_import
from khuyenhoc.core.sheets.spreadsheets import ImportRejected, workbook_bytes
from khuyenhoc.submissions.previews import ImportNeedsChoice
from tests import metric_names as m
from tests.factories import login, make_user, once

pytestmark = pytest.mark.django_db

CHIENG_LE, TO_HIEU, CHIENG_AN_OLD, CHIENG_AN_MUONG_LA = 3646, 3649, 3667, 3832


def sheet(rows):
    head = list(HEADERS.values())
    lines = [[row.get(key) for key in HEADERS] for row in rows]
    return workbook_bytes([("2024", head, lines)])


def figures(code, year=2024):
    return dict(
        LegacyFigure.objects.filter(legacy_commune_id=code, year=year).values_list(
            "metric", "value"
        )
    )


def test_staff_write_the_old_communes_their_commune_took_over_and_the_summary_follows(staff_a):
    created, updated = legacy_reports_save(
        user=staff_a,
        year=2024,
        reports={CHIENG_LE: {"adults": 7000, "citizen_registered": 5230, "commune_registered": 1}},
    )
    assert (created, updated) == (1, 0)
    assert figures(CHIENG_LE) == {
        m.ADULTS: 7000,
        m.title_metric("citizen", "registered"): 5230,
        m.title_metric("commune", "registered"): 1,
    }
    legacy_reports_save(user=staff_a, year=2024, reports={CHIENG_LE: {"adults": 7100}})
    assert figures(CHIENG_LE)[m.ADULTS] == 7100
    report = LegacyReport.objects.get(legacy_commune_id=CHIENG_LE, year=2024)
    assert [h.adults for h in report.history.order_by("history_date")] == [7000, 7100]
    assert report.history.latest().history_user == staff_a


def test_an_old_commune_of_another_commune_or_a_year_after_the_reform_is_refused(staff_a, reviewer):
    with pytest.raises(ValidationError, match="không có quyền"):
        legacy_reports_save(user=staff_a, year=2024, reports={CHIENG_AN_OLD: {"adults": 1}})
    with pytest.raises(ValidationError, match="không có quyền"):
        legacy_reports_save(user=reviewer, year=2024, reports={CHIENG_LE: {"adults": 1}})
    with pytest.raises(ValidationError, match="trước 2025"):
        legacy_reports_save(user=staff_a, year=2025, reports={CHIENG_LE: {"adults": 1}})
    assert not LegacyReport.objects.exists()


def test_a_count_above_its_denominator_is_refused_and_nothing_is_written(staff_a):
    with pytest.raises(ValidationError) as caught:
        legacy_reports_save(
            user=staff_a,
            year=2024,
            reports={
                TO_HIEU: {"adults": 100},
                CHIENG_LE: {"households": 50, "household_registered": 60},
            },
        )
    assert "lớn hơn hộ gia đình (50)" in str(caught.value)
    assert not LegacyReport.objects.exists() and not LegacyFigure.objects.exists()


def test_an_import_is_previewed_then_written_all_at_once_matching_names_without_accents(
    administrator,
):
    data = sheet(
        [
            {"code": CHIENG_LE, "adults": 7000, "citizen_registered": 5230},
            {"name": "to hieu", "adults": 5000, "citizen_recognised": 10, "citizen_registered": 20},
            {"name": "Chieng An", "adults": 900},  # Chiềng An (TP Sơn La) or Chiềng Ân
        ]
    )
    with pytest.raises(ImportNeedsChoice) as caught:
        legacy_reports_import(user=administrator, year=2024, data=data)
    preview = caught.value.preview
    assert preview.counts == {"new": 2, "same": 0, "changed": 0}
    assert [row for row, _name, _choices in preview.ambiguous] == [4]
    assert {c for c, _label in preview.ambiguous[0][2]} == {CHIENG_AN_OLD, CHIENG_AN_MUONG_LA}
    assert not LegacyReport.objects.exists()
    with pytest.raises(ImportRejected, match="Dòng 4"):
        legacy_reports_import(user=administrator, year=2024, data=data, confirmed=True)
    outcome = legacy_reports_import(
        user=administrator, year=2024, data=data, confirmed=True, picks={4: CHIENG_AN_MUONG_LA}
    )
    assert outcome.created == 3
    assert figures(TO_HIEU)[m.title_metric("citizen", "recognised")] == 10
    assert figures(CHIENG_AN_MUONG_LA) == {m.ADULTS: 900}


def test_staff_need_no_picker_when_only_one_of_the_namesakes_is_theirs(units):
    from khuyenhoc.areas.models import Commune

    staff = make_user("chieng_an", role="commune_staff", communes=[Commune.objects.get(code=3664)])
    data = sheet([{"name": "Chieng An", "adults": 900}])
    with pytest.raises(ImportNeedsChoice) as caught:
        legacy_reports_import(user=staff, year=2024, data=data)
    assert caught.value.preview.counts["new"] == 1 and not caught.value.preview.ambiguous


def test_bad_rows_are_reported_row_by_row_and_nothing_is_written(staff_a):
    data = sheet(
        [
            {"code": CHIENG_LE, "adults": "nhiều"},
            {"name": "Phường Chiềng Lề", "adults": 10},  # the same commune again
            {"code": CHIENG_AN_OLD, "adults": 10},  # not theirs
            {"name": "Không Có", "adults": 10},
            {"code": TO_HIEU, "households": 5, "household_registered": 9},
        ]
    )
    with pytest.raises(ImportRejected) as caught:
        legacy_reports_import(user=staff_a, year=2024, data=data, confirmed=True)
    text = [str(e) for e in caught.value.errors]
    assert text[0].startswith("Dòng 2, cột «Dân số trong độ tuổi»")
    assert "Dòng 3 trùng với dòng 2" in text[1]
    assert text[2].startswith("Dòng 4") and "không có quyền" in text[2]
    assert text[3].startswith("Dòng 5") and "không tìm thấy" in text[3]
    assert text[4].startswith("Dòng 6") and "lớn hơn hộ gia đình" in text[4]
    assert not LegacyReport.objects.exists()


def test_the_import_page_previews_then_confirms_and_the_form_corrects_one_commune(client, staff_a):
    login(client, staff_a)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("nam-2024.xlsx", sheet([{"code": CHIENG_LE, "adults": 7000}]))
    response = client.post("/quan-ly/nam-cu/2024/nhap-excel/", once({"file": upload}))
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert "1 dòng mới" in preview.text and not LegacyReport.objects.exists()
    held = response["Location"].split("tep=")[1]
    done = client.post("/quan-ly/nam-cu/2024/nhap-excel/", once({"tep": held, "chon": "bo-qua"}))
    assert done.status_code == 302
    assert LegacyReport.objects.get(legacy_commune_id=CHIENG_LE).adults == 7000

    page = client.get(f"/quan-ly/nam-cu/2024/xa-cu/{CHIENG_LE}/")
    assert 'value="7000"' in page.text
    wrong = client.post(
        f"/quan-ly/nam-cu/2024/xa-cu/{CHIENG_LE}/", {"adults": 7000, "citizen_registered": 8000}
    )
    assert "lớn hơn dân số trong độ tuổi (7000)" in wrong.text
    client.post(f"/quan-ly/nam-cu/2024/xa-cu/{CHIENG_LE}/", {"adults": 7100})
    assert figures(CHIENG_LE) == {m.ADULTS: 7100}
    assert client.get(f"/quan-ly/nam-cu/2024/xa-cu/{CHIENG_AN_OLD}/").status_code == 404


def test_reviewers_read_the_old_communes_but_cannot_write(client, reviewer):
    login(client, reviewer)
    page = client.get(f"/quan-ly/nam-cu/2024/xa-cu/{CHIENG_LE}/")
    assert page.status_code == 200 and "chỉ xem" in page.text
    assert client.post(f"/quan-ly/nam-cu/2024/xa-cu/{CHIENG_LE}/", {"adults": 1}).status_code == 403
    assert not LegacyReport.objects.exists()


def test_reviewers_read_who_changed_an_old_commune_s_figures(client, reviewer, staff_a):
    legacy_reports_save(user=staff_a, year=2024, reports={CHIENG_LE: {"adults": 7000}})
    legacy_reports_save(user=staff_a, year=2024, reports={CHIENG_LE: {"adults": 7100}})
    login(client, reviewer)
    page = client.get(f"/quan-ly/nam-cu/2024/xa-cu/{CHIENG_LE}/").text
    history = page.split('href="')[-1].split('"')[0]
    assert history.startswith("/quan-ly/lich-su/areas.LegacyReport/")
    text = client.get(history).text
    assert "7.000" in text and "7.100" in text and staff_a.username in text


def test_the_demo_writes_the_old_communes_reports_through_the_staff_service(demo_snapshot):
    from khuyenhoc.areas.legacy_fields import field_metrics
    from tests.demo_snapshot import restore_demo

    restore_demo(demo_snapshot)
    reports = list(LegacyReport.objects.all())
    assert reports and all(r.history.exists() for r in reports[:5])
    stored = {
        (code, year, metric): value
        for code, year, metric, value in LegacyFigure.objects.filter(
            metric__in=list(field_metrics().values())
        ).values_list("legacy_commune_id", "year", "metric", "value")
    }
    expected = {
        (r.legacy_commune_id, r.year, metric): getattr(r, name)
        for r in reports
        for name, metric in field_metrics().items()
        if getattr(r, name) is not None
    }
    assert stored == expected
