"""Staff download their list as Excel: every page of what the list shows under its
search, with each subject's details and result; only their own commune's."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import login
from titles import corrections, services

from .conftest import YEAR, citizen_data, full_points, household_registered

pytestmark = pytest.mark.django_db


def export_url(commune, title="household"):
    return reverse("titles:export_list", args=[commune.code, YEAR, title])


def rows_of(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_sheet_holds_each_households_details_and_result(
    client, staff_a, commune_a, village_a, registration
):
    services.registration_evaluate(
        user=staff_a, registration=registration, points=full_points("household", **{"1_1": 0})
    )
    other = household_registered(staff_a, commune_a, village_a, "=HYPERLINK(1)")
    login(client, staff_a)
    header, *rows = rows_of(client.get(export_url(commune_a)))
    assert header == [
        "STT", "Mã đăng ký", "Chủ hộ", "Thôn, bản, tổ", "Số nhân khẩu",
        "Trạng thái", "Điểm", "Kết quả", "Lý do không đạt",
    ]  # fmt: skip
    evaluation = registration.evaluation
    verdict = "Đạt" if evaluation.passed else "Không đạt"
    by_id = {row[1]: row for row in rows}
    assert by_id[registration.pk][2:8] == [
        "Hộ ông/bà Lò Văn Sơn", "Thôn Nà Lếch", 5, "Đã đánh giá", evaluation.total, verdict,
    ]  # fmt: skip
    assert by_id[other.pk][2] == "Hộ ông/bà =HYPERLINK(1)"  # text, never a formula
    assert by_id[other.pk][5:8] == ["Đã đăng ký", None, None]


def test_the_sheet_follows_the_lists_search(client, staff_a, commune_a, village_a, registration):
    household_registered(staff_a, commune_a, village_a, "Hà Văn Tú")
    login(client, staff_a)
    _, *rows = rows_of(client.get(export_url(commune_a), {"q": "ha van"}))
    assert [row[2] for row in rows] == ["Hộ ông/bà Hà Văn Tú"]
    list_page = client.get(reverse("titles:list", args=[commune_a.code, YEAR, "household"]),
                           {"q": "ha van"}).text  # fmt: skip
    assert f'{export_url(commune_a)}?q=ha+van"' in list_page


def test_a_citizen_erased_on_request_is_exported_without_personal_details(
    client, staff_a, commune_a, village_a
):
    registration = services.subject_register(
        user=staff_a,
        commune=commune_a,
        year=YEAR,
        title="citizen",
        data=citizen_data(village_a, group=2),
    )
    corrections.person_erase(user=staff_a, registration=registration)
    login(client, staff_a)
    header, row = rows_of(client.get(export_url(commune_a, "citizen")))
    assert header[2:7] == ["Họ và tên", "Năm sinh", "Giới tính", "Nhóm đối tượng", "Thôn, bản, tổ"]
    assert row[2:7] == ["(đã xoá thông tin cá nhân)", None, None, None, None]


def test_staff_of_another_commune_get_no_sheet(client, staff_b, commune_a, registration):
    login(client, staff_b)
    assert client.get(export_url(commune_a)).status_code == 404
