"""Importing a member sheet whose members are already in the register: a preview of new,
same and changed rows, then the user skips those rows (only new members are written) or
stops (nothing written). A sheet that lists one person twice is refused row by row."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from khuyenhoc.core.sheets.spreadsheets import ImportRejected
from khuyenhoc.submissions.models import HeldUpload
from khuyenhoc.submissions.previews import ImportNeedsChoice
from members.imports import members_import
from members.models import Member
from tests.factories import login, make_user, once
from tests.members.sheets import row, sheet

pytestmark = pytest.mark.django_db

THREE = [row("Lò Văn Một"), row("Cà Thị Hai", gender="Nữ"), row("Quàng Văn Ba", year=1990)]


def preview_of(staff, commune, data):
    with pytest.raises(ImportNeedsChoice) as caught:
        members_import(user=staff, commune=commune, data=data)
    return caught.value.preview


def test_the_same_sheet_imported_twice_is_previewed_as_three_same_rows_and_skipping_writes_none(
    staff_a, commune_a, branch_a
):
    assert members_import(user=staff_a, commune=commune_a, data=sheet(THREE)).created == 3
    preview = preview_of(staff_a, commune_a, sheet(THREE))
    assert preview.counts == {"new": 0, "same": 3, "changed": 0}
    assert [r[0] for r in preview.rows["same"]] == [2, 3, 4]
    assert "năm sinh và chi hội" in preview.rule
    outcome = members_import(user=staff_a, commune=commune_a, data=sheet(THREE), skip_existing=True)
    assert (outcome.created, outcome.skipped) == (0, 3)
    assert Member.objects.count() == 3


def test_skipping_writes_only_the_new_rows_and_leaves_a_changed_member_as_it_was(
    staff_a, commune_a, branch_a
):
    members_import(user=staff_a, commune=commune_a, data=sheet(THREE))
    kept = Member.objects.get(full_name="Lò Văn Một")
    rows = [row("Lò Văn Một", phone="0912345678"), row("Cà Thị Hai", gender="Nữ"), row("Mới")]
    preview = preview_of(staff_a, commune_a, sheet(rows))
    assert preview.counts == {"new": 1, "same": 1, "changed": 1}
    assert preview.rows["changed"][0][0] == 2 and preview.rows["changed"][0][2] == "Điện thoại"
    assert preview.rows["new"][0][1].startswith("Mới, Nam, 1980")
    outcome = members_import(user=staff_a, commune=commune_a, data=sheet(rows), skip_existing=True)
    assert (outcome.created, outcome.skipped) == (1, 2)
    assert Member.objects.count() == 4
    kept.refresh_from_db()
    assert kept.phone == ""


def test_a_row_with_a_member_number_is_matched_by_that_number(staff_a, commune_a, branch_a):
    members_import(user=staff_a, commune=commune_a, data=sheet([row("Lò Văn Một", number="SL-1")]))
    renamed = sheet([row("Lò Văn Mốt", number="SL-1"), row("Lò Văn Một", number="SL-2")])
    preview = preview_of(staff_a, commune_a, renamed)
    assert preview.counts == {"new": 1, "same": 0, "changed": 1}
    assert preview.rows["changed"][0][2] == "Họ và tên"


def test_a_sheet_listing_one_person_twice_is_refused_with_both_row_numbers(
    staff_a, commune_a, branch_a
):
    rows = [row("Lò Văn Một"), row("Cà Thị Hai"), row("LO VAN MOT"), row("Lò Văn Một", year=1981)]
    with pytest.raises(ImportRejected) as caught:
        members_import(user=staff_a, commune=commune_a, data=sheet(rows))
    assert [str(e) for e in caught.value.errors] == [
        "Dòng 4 trùng với dòng 2: LO VAN MOT, sinh năm 1980, Chi hội Bản Mòng (hai người khác "
        "nhau thì ghi số thẻ cho từng người)"
    ]
    assert not Member.objects.exists()


def test_two_namesakes_with_their_own_numbers_are_two_members(staff_a, commune_a, branch_a):
    rows = [row("Lò Văn Một", number="A-1"), row("Lò Văn Một", number="A-2")]
    assert members_import(user=staff_a, commune=commune_a, data=sheet(rows)).created == 2


def upload(client, url, data):
    return client.post(url, once({"file": SimpleUploadedFile("ds.xlsx", data)}))


def test_the_page_previews_a_sheet_already_imported_and_skipping_writes_nothing_new(
    client, staff_a, commune_a, branch_a
):
    login(client, staff_a)
    url = reverse("members:import", args=[commune_a.code])
    assert upload(client, url, sheet(THREE)).status_code == 302
    response = upload(client, url, sheet([*THREE, row("Mới")]))
    assert response.status_code == 302 and "?tep=" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "Tệp có 4 dòng: 1 dòng mới, 3 dòng đã có (giống hệt), 0 dòng đã có nhưng khác." in page
    assert "Bỏ qua dòng đã có, ghi 1 dòng mới" in page and "Dừng, không ghi gì" in page
    assert "năm sinh và chi hội" in page
    held = HeldUpload.objects.get()
    done = client.post(url, once({"tep": str(held.pk), "chon": "bo-qua"}))
    assert done["Location"] == reverse("members:list", args=[commune_a.code])
    told = client.get(done["Location"]).content.decode()
    assert "Đã nhập 1 hội viên mới; bỏ qua 3 dòng đã có." in told
    assert Member.objects.count() == 4 and not HeldUpload.objects.exists()


def test_stopping_at_the_preview_writes_nothing(client, staff_a, commune_a, branch_a):
    login(client, staff_a)
    url = reverse("members:import", args=[commune_a.code])
    upload(client, url, sheet(THREE))
    upload(client, url, sheet([*THREE, row("Mới")]))
    held = HeldUpload.objects.get()
    response = client.post(url, once({"tep": str(held.pk), "chon": "dung"}), follow=True)
    assert "Đã dừng: không ghi dòng nào." in response.content.decode()
    assert Member.objects.count() == 3 and not HeldUpload.objects.exists()


def test_a_held_upload_opens_only_for_its_user(client, staff_a, commune_a, branch_a):
    members_import(user=staff_a, commune=commune_a, data=sheet(THREE))
    login(client, staff_a)
    url = reverse("members:import", args=[commune_a.code])
    upload(client, url, sheet(THREE))
    held = HeldUpload.objects.get()
    colleague = make_user("canbo_a2", role="commune_staff", communes=[commune_a])
    client.logout()
    login(client, colleague)
    response = client.post(url, once({"tep": str(held.pk), "chon": "bo-qua"}), follow=True)
    assert "không còn được giữ" in response.content.decode()
    assert HeldUpload.objects.filter(pk=held.pk).exists()
