import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from khuyenhoc.areas import services
from khuyenhoc.areas.models import Village
from khuyenhoc.core.sheets.spreadsheets import workbook_bytes
from tests.factories import login, once

pytestmark = pytest.mark.django_db

HEADERS = ["Tên thôn, bản, tổ dân phố", "Loại"]


def sheet(rows):
    return SimpleUploadedFile("thon.xlsx", workbook_bytes([("Thôn", HEADERS, rows)]))


@pytest.fixture
def staff_client(client, staff_a):
    login(client, staff_a)
    return client


@pytest.fixture
def ban_mong(staff_a, commune_a):
    return services.village_create(user=staff_a, commune=commune_a, name="Bản Mòng", kind="ban")


def test_it_renames_a_village(staff_client, commune_a, ban_mong):
    url = reverse("areas:village_edit", args=[commune_a.code, ban_mong.pk])
    response = staff_client.post(url, {"name": "Bản Mòng Mới", "kind": "ban"})
    assert response.status_code == 302
    ban_mong.refresh_from_db()
    assert ban_mong.name == "Bản Mòng Mới" and ban_mong.name_folded == "ban mong moi"


def test_it_refuses_a_second_village_of_the_same_name_with_or_without_accents(
    staff_client, commune_a, ban_mong
):
    response = staff_client.post(
        reverse("areas:village_create", args=[commune_a.code]), {"name": "ban mong", "kind": "ban"}
    )
    assert "Xã đã có thôn, bản, tổ dân phố mang tên này." in response.content.decode()
    assert commune_a.villages.count() == 1


def test_merging_keeps_the_old_village_inactive_and_points_to_the_new_one(
    staff_client, staff_a, commune_a, ban_mong
):
    target = services.village_create(user=staff_a, commune=commune_a, name="Bản Hìn", kind="ban")
    url = reverse("areas:village_merge", args=[commune_a.code, ban_mong.pk])
    assert staff_client.post(url, {"target": target.pk}).status_code == 302
    ban_mong.refresh_from_db()
    assert not ban_mong.is_active and ban_mong.merged_into == target


def test_it_imports_a_sheet_of_villages(staff_client, commune_a):
    url = reverse("areas:village_import", args=[commune_a.code])
    response = staff_client.post(
        url, once({"file": sheet([["Bản Nà", "Bản"], ["Tổ dân phố 3", "Tổ dân phố"]])})
    )
    assert response.status_code == 302
    assert set(commune_a.villages.values_list("name", "kind")) == {
        ("Bản Nà", "ban"),
        ("Tổ dân phố 3", "to"),
    }


def test_a_sheet_with_bad_rows_imports_nothing_and_lists_each_row(
    staff_client, commune_a, ban_mong
):
    url = reverse("areas:village_import", args=[commune_a.code])
    rows = [
        ["Bản Nà", "Bản"],
        ["Bản Mòng", "Bản"],
        ["Bản Nà", "Bản"],
        ["Bản Pá", "Làng"],
        ["", "Bản"],
    ]
    page = staff_client.post(url, once({"file": sheet(rows)})).content.decode()
    assert "Dòng 4 trùng với dòng 2: Bản Nà (Bản)" in page
    assert "Dòng 5, cột «Loại»" in page
    assert "Chưa nhập dòng nào." in page
    assert list(commune_a.villages.values_list("name", flat=True)) == ["Bản Mòng"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Tệp rỗng."),
        (b"ho ten,nam sinh\n", "Tệp không phải bảng tính Excel .xlsx."),
    ],
)
def test_a_file_that_is_not_a_sheet_is_refused_in_vietnamese(
    staff_client, commune_a, content, message
):
    url = reverse("areas:village_import", args=[commune_a.code])
    upload = SimpleUploadedFile("thon.xlsx", content)
    page = staff_client.post(url, {"file": upload}).content.decode()
    assert message in page
    assert not Village.objects.filter(commune=commune_a).exists()


def test_a_file_over_the_size_limit_is_refused(staff_client, commune_a, settings):
    settings.MAX_IMPORT_BYTES = 1000
    url = reverse("areas:village_import", args=[commune_a.code])
    big = SimpleUploadedFile("thon.xlsx", io.BytesIO(b"x" * 5000).getvalue())
    assert "Tệp quá lớn" in staff_client.post(url, {"file": big}).content.decode()


def test_staff_of_another_commune_cannot_touch_its_villages(client, staff_b, commune_a, ban_mong):
    login(client, staff_b)
    for name in ["areas:village_edit", "areas:village_merge"]:
        url = reverse(name, args=[commune_a.code, ban_mong.pk])
        assert client.get(url).status_code == 404
        assert (
            client.post(url, {"name": "X", "kind": "ban", "target": ban_mong.pk}).status_code == 404
        )
    for name in ["areas:village_import", "areas:village_template"]:
        assert client.get(reverse(name, args=[commune_a.code])).status_code == 404
    ban_mong.refresh_from_db()
    assert ban_mong.name == "Bản Mòng" and ban_mong.is_active
