"""Importing a registration list whose subjects are already registered for the year: a
preview of new, same and changed rows; skipping registers only the new ones, a subject
known from last year included, and never a second household."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from khuyenhoc.core.sheets.spreadsheets import ImportRejected, workbook_bytes
from khuyenhoc.submissions.models import HeldUpload
from khuyenhoc.submissions.previews import ImportNeedsChoice
from tests.factories import login, once
from titles import imports, services
from titles.models import Household, Registration

from .conftest import YEAR

pytestmark = pytest.mark.django_db

HEADERS = ["Chủ hộ", "Thôn, bản, tổ", "Số nhân khẩu"]
LIST = [
    ["Lò Văn A", "Thôn Nà Lếch", 4],
    ["Hà Thị B", "Thôn Nà Lếch", 5],
    ["Vì Văn C", "Thôn Nà Lếch", 3],
]


def sheet(rows):
    return workbook_bytes([("Danh sách", HEADERS, rows)])


def run(user, commune, data, **kwargs):
    return imports.registrations_import(
        user=user, commune=commune, year=YEAR, title="household", data=data, **kwargs
    )


def test_the_same_list_imported_twice_is_previewed_as_same_rows_and_skipping_writes_nothing(
    staff_a, commune_a, village_a
):
    assert run(staff_a, commune_a, sheet(LIST)).created == 3
    with pytest.raises(ImportNeedsChoice) as caught:
        run(staff_a, commune_a, sheet(LIST))
    preview = caught.value.preview
    assert preview.counts == {"new": 0, "same": 3, "changed": 0}
    assert preview.rows["same"][0] == [2, "Lò Văn A, Thôn Nà Lếch, 4 nhân khẩu", ""]
    assert f"đã đăng ký danh hiệu năm {YEAR}" in preview.rule
    outcome = run(staff_a, commune_a, sheet(LIST), skip_existing=True)
    assert (outcome.created, outcome.skipped) == (0, 3)
    assert Registration.objects.count() == 3 and Household.objects.count() == 3


def test_a_household_with_other_details_is_changed_and_last_years_household_is_new(
    staff_a, commune_a, village_a, household
):
    services.registration_create(
        user=staff_a, commune=commune_a, year=YEAR - 1, title="household", subject=household
    )
    run(staff_a, commune_a, sheet(LIST[:1]))
    rows = [["Lò Văn A", "Thôn Nà Lếch", 6], ["lo van son", "thon na lech", 5], LIST[1]]
    with pytest.raises(ImportNeedsChoice) as caught:
        run(staff_a, commune_a, sheet(rows))
    preview = caught.value.preview
    assert preview.counts == {"new": 2, "same": 0, "changed": 1}
    assert preview.rows["changed"][0][2] == "Số nhân khẩu"
    outcome = run(staff_a, commune_a, sheet(rows), skip_existing=True)
    assert (outcome.created, outcome.skipped) == (2, 1)
    assert household.registrations.filter(year=YEAR).exists()
    assert Household.objects.count() == 3  # Lò Văn Sơn registered again, not created again
    assert Household.objects.get(head_name="Lò Văn A").members == 4


def test_a_list_naming_a_household_twice_is_refused_with_both_rows(staff_a, commune_a, village_a):
    with pytest.raises(ImportRejected) as caught:
        run(staff_a, commune_a, sheet([*LIST, ["LÒ VĂN A", "thôn nà lếch", 2]]))
    assert [str(e) for e in caught.value.errors] == [
        "Dòng 5 trùng với dòng 2: LÒ VĂN A, Thôn Nà Lếch, 2 nhân khẩu"
    ]
    assert not Registration.objects.exists()


def test_the_page_previews_then_skips_and_the_command_asks_for_the_flag(
    client, staff_a, commune_a, village_a, tmp_path
):
    run(staff_a, commune_a, sheet(LIST))
    login(client, staff_a)
    url = reverse("titles:import_registrations", args=[commune_a.code, YEAR, "household"])
    upload = SimpleUploadedFile("ds.xlsx", sheet([*LIST, ["Mới", "Thôn Nà Lếch", 2]]))
    response = client.post(url, once({"file": upload}))
    page = client.get(response["Location"]).content.decode()
    assert "Tệp có 4 dòng: 1 dòng mới, 3 dòng đã có (giống hệt)" in page
    held = HeldUpload.objects.get()
    done = client.post(url, once({"tep": str(held.pk), "chon": "bo-qua"}), follow=True)
    assert "Đã nhập 1 dòng mới; bỏ qua 3 dòng đã có." in done.content.decode()
    assert Registration.objects.count() == 4

    path = tmp_path / "ds.xlsx"
    path.write_bytes(sheet(LIST))
    args = [str(path), f"--commune={commune_a.code}", f"--year={YEAR}", "--title=household"]
    with pytest.raises(CommandError, match="--skip-existing"):
        call_command("import_registrations", *args)
    call_command("import_registrations", *args, "--skip-existing")
    assert Registration.objects.count() == 4
