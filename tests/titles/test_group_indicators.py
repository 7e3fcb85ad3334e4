"""A Công dân học tập set may word an indicator for one group of people (a pupil's
foreign language at school, a worker's at work): each citizen is scored on the shared
indicators and the ones of the group of the year, on the form and through the sheet."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from khuyenhoc.core.sheets.spreadsheets import ImportRejected, workbook_bytes
from tests.factories import login
from titles import score_imports, services
from titles.models import CriteriaSet, Indicator

from .conftest import YEAR, citizen_data

pytestmark = pytest.mark.django_db

PUPILS_LANGUAGE = "Sử dụng ngoại ngữ trong học tập"
PUPILS_CLASS = "Chuyên cần, hoàn thành bài học trên lớp"


@pytest.fixture
def pupils_indicators():
    """Groups 1-3 keep «2.2» as shipped; pupils (group 4) have their own «2.2», and a
    «3.3» no other group has."""
    criteria_set = CriteriaSet.objects.in_force(title="citizen", year=YEAR)
    shared = criteria_set.indicators().get(code="2.2")
    Indicator.objects.filter(pk=shared.pk).update(citizen_group=1)
    for group in (2, 3):
        Indicator.objects.create(
            group=shared.group, order=shared.order, code="2.2", name=shared.name,
            max_points=10, citizen_group=group,
        )  # fmt: skip
    Indicator.objects.create(
        group=shared.group, order=shared.order, code="2.2", name=PUPILS_LANGUAGE,
        max_points=10, citizen_group=4,
    )  # fmt: skip
    last = criteria_set.groups.get(order=3)
    Indicator.objects.create(
        group=last, order=3, code="3.3", name=PUPILS_CLASS, max_points=10, citizen_group=4
    )
    return criteria_set


def registered(staff, commune, village, name, group):
    return services.subject_register(
        user=staff, commune=commune, year=YEAR, title="citizen",
        data=citizen_data(village, full_name=name, group=group),
    )  # fmt: skip


def test_a_pupil_is_scored_on_the_pupils_indicators_and_a_worker_on_the_workers(
    client, staff_a, commune_a, village_a, pupils_indicators
):
    pupil = registered(staff_a, commune_a, village_a, "Lò Văn Học", 4)
    worker = registered(staff_a, commune_a, village_a, "Lò Văn Thợ", 2)
    login(client, staff_a)
    page = client.get(reverse("titles:evaluate", args=[pupil.pk])).text
    assert PUPILS_LANGUAGE in page and PUPILS_CLASS in page
    assert f"Nhóm đối tượng năm {YEAR}: <b>Học sinh, sinh viên, học viên</b>" in page
    assert "Sử dụng ngoại ngữ phục vụ công việc" not in page
    page = client.get(reverse("titles:evaluate", args=[worker.pk])).text
    assert PUPILS_LANGUAGE not in page and PUPILS_CLASS not in page
    codes = [i.code for i in pupils_indicators.indicators(4)]
    evaluation = services.registration_evaluate(
        user=staff_a, registration=pupil, points=dict.fromkeys(codes, 10)
    )
    assert evaluation.total == 110
    scored = set(evaluation.scores.values_list("indicator__name", flat=True))
    assert PUPILS_LANGUAGE in scored and PUPILS_CLASS in scored


def sheet_rows(data, sheet=0):
    book = load_workbook(io.BytesIO(data))
    return [list(row) for row in book.worksheets[sheet].iter_rows(values_only=True)]


def test_the_scores_sheet_has_one_column_a_code_filled_by_each_rows_group(
    staff_a, commune_a, village_a, pupils_indicators
):
    pupil = registered(staff_a, commune_a, village_a, "Lò Văn Học", 4)
    worker = registered(staff_a, commune_a, village_a, "Lò Văn Thợ", 2)
    data = score_imports.scores_workbook(commune=commune_a, year=YEAR, title="citizen")
    header, *rows = sheet_rows(data)
    codes = header[4:]
    assert header[3] == "Nhóm đối tượng" and codes.count("2.2") == 1 and "3.3" in codes
    guide = sheet_rows(data, sheet=1)
    assert [PUPILS_CLASS, "Học sinh, sinh viên, học viên"] in [[r[1], r[5]] for r in guide]
    filled = []
    for row in rows:
        is_pupil = row[0] == pupil.pk
        filled.append([row[0], row[1], *[9 if (c != "3.3" or is_pupil) else None for c in codes]])
    upload = workbook_bytes([("Bảng điểm", ["Mã đăng ký", "Đối tượng", *codes], filled)])
    score_imports.scores_import(
        user=staff_a, commune=commune_a, year=YEAR, title="citizen", data=upload
    )
    pupil.refresh_from_db()
    worker.refresh_from_db()
    assert (pupil.evaluation.total, worker.evaluation.total) == (99, 90)
    assert pupil.evaluation.scores.filter(indicator__name=PUPILS_LANGUAGE).exists()
    assert not worker.evaluation.scores.filter(indicator__name=PUPILS_LANGUAGE).exists()


def test_a_score_under_a_code_not_for_the_rows_group_is_a_row_error(
    staff_a, commune_a, village_a, pupils_indicators
):
    worker = registered(staff_a, commune_a, village_a, "Lò Văn Thợ", 2)
    codes = pupils_indicators.codes()
    upload = workbook_bytes(
        [("Bảng điểm", ["Mã đăng ký", *codes], [[worker.pk, *[9 for _ in codes]]])]
    )
    with pytest.raises(ImportRejected) as refused:
        score_imports.scores_import(
            user=staff_a, commune=commune_a, year=YEAR, title="citizen", data=upload
        )
    assert "Dòng 2, cột «3.3»: chỉ số này không dùng cho nhóm đối tượng" in str(refused.value)
    worker.refresh_from_db()
    assert worker.state == "registered"


def test_a_code_used_twice_for_one_group_is_refused_with_a_vietnamese_reason(
    staff_a, commune_a, village_a, pupils_indicators
):
    first = pupils_indicators.indicators().get(code="1.1")
    Indicator.objects.create(
        group=first.group, order=9, code="1.1", name="Chỉ số trùng mã", max_points=10
    )
    worker = registered(staff_a, commune_a, village_a, "Lò Văn Thợ", 2)
    codes = pupils_indicators.codes()
    data = workbook_bytes([("Bảng điểm", ["Mã đăng ký", *codes], [[worker.pk, 9]])])
    with pytest.raises(ImportRejected, match="hai chỉ số cùng mã 1.1"):
        score_imports.scores_import(
            user=staff_a, commune=commune_a, year=YEAR, title="citizen", data=data
        )
