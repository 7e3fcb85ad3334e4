import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from khuyenhoc.core.sheets.spreadsheets import ImportRejected
from members.imports import members_import
from members.models import Member
from tests.factories import login, once
from tests.members.conftest import add_member
from tests.members.sheets import row, sheet

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.localdate().year + 1


def rejected(staff, commune, data) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        members_import(user=staff, commune=commune, data=data)
    assert not Member.objects.exists()
    return [str(e) for e in caught.value.errors]


def test_a_good_sheet_is_imported_whole_with_numbers_given(staff_a, commune_a, branch_a):
    data = sheet(
        [row("Lò Văn Một", number="SL-1"), row("Cà Thị Hai", gender="nữ", phone=912345678)]
    )
    result = members_import(user=staff_a, commune=commune_a, data=data)
    assert result.created == 2
    one, two = Member.objects.order_by("name_folded")
    assert (two.full_name, two.member_number) == ("Lò Văn Một", "SL-1")
    assert (one.gender, one.phone, one.name_folded) == ("nu", "0912345678", "ca thi hai")
    assert one.member_number.startswith(f"{commune_a.code:05d}-")
    assert one.history.count() == 1


def test_every_bad_row_is_reported_by_number_and_nothing_is_written(staff_a, commune_a, branch_a):
    errors = rejected(
        staff_a,
        commune_a,
        sheet(
            [
                row("Tốt Một"),
                row("", number="X-2"),
                row("Năm Sai", year=NEXT_YEAR),
                row("Quá Già", year=1800),
                row("Giới Lạ", gender="khác"),
                row("Chi Lạ", branch="Chi hội Không Có"),
                row("Vào Sớm", joined="01/01/2009"),
                row("Ngày Hỏng", joined="31/02/2020"),
                row("Trùng Một", number="T-1"),
                row("Trùng Hai", number="T-1"),
                row("Chữ Số", year="một chín"),
            ]
        ),
    )
    text = "\n".join(errors)
    assert "Dòng 3, cột «Họ và tên»: thiếu họ và tên" in text
    assert "Dòng 4, cột «Năm sinh»: năm sinh không thể ở tương lai" in text
    assert "Dòng 5, cột «Năm sinh»: năm sinh không thể trước năm" in text
    assert "Dòng 6, cột «Giới tính»" in text
    assert "Dòng 7, cột «Chi hội»: không có chi hội «Chi hội Không Có»" in text
    assert (
        "Dòng 8, cột «Ngày vào hội»: ngày vào hội trước ngày thành lập chi hội (01/03/2010)" in text
    )
    assert "Dòng 9, cột «Ngày vào hội»: ngày «31/02/2020» không hợp lệ" in text
    assert "Dòng 11 trùng với dòng 10: cùng số thẻ T-1" in text
    assert "Dòng 12, cột «Năm sinh»: không phải số nguyên" in text
    assert not any(e.startswith("Dòng 2") for e in errors)


def test_a_number_already_in_the_register_is_reported_not_merged(
    staff_a, staff_b, commune_a, branch_a, branch_b
):
    add_member(staff_b, branch_b, name="Người Xã Khác", member_number="SL-9")
    with pytest.raises(ImportRejected) as caught:
        members_import(user=staff_a, commune=commune_a, data=sheet([row(number="SL-9")]))
    assert "Dòng 2, cột «Số thẻ»: số thẻ SL-9 đã có trong tỉnh" in str(caught.value.errors[0])
    assert Member.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Tệp rỗng"),
        (b"ho ten,nam sinh\nA,1980\n", "không phải bảng tính Excel .xlsx"),
        (b"PK\x03\x04" + b"0" * (50 * 1024 * 1024), "Tệp quá lớn"),
    ],
)
def test_files_that_are_not_a_usable_xlsx_are_refused(staff_a, commune_a, branch_a, data, message):
    assert message in " ".join(rejected(staff_a, commune_a, data))


def test_an_empty_sheet_or_missing_column_is_refused(staff_a, commune_a, branch_a):
    assert "không có dòng dữ liệu" in " ".join(rejected(staff_a, commune_a, sheet([])))
    headers = ["Số thẻ", "Họ và tên", "Năm sinh", "Giới tính", "Chi hội", "Ngày vào hội"]
    assert "Thiếu cột: «Điện thoại»" in " ".join(
        rejected(staff_a, commune_a, sheet([["", "A", 1980, "Nam", "X", "01/01/2020"]], headers))
    )


def test_staff_cannot_import_into_another_commune(staff_b, commune_a, branch_a):
    with pytest.raises(Exception, match="không có quyền"):
        members_import(user=staff_b, commune=commune_a, data=sheet([row()]))
    assert not Member.objects.exists()


def test_the_upload_page_shows_row_errors_then_imports(client, staff_a, commune_a, branch_a):
    login(client, staff_a)
    url = reverse("members:import", args=[commune_a.code])
    bad = sheet([row("Tốt"), row("Xấu", year=NEXT_YEAR)])
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = client.post(url, once({"file": SimpleUploadedFile("ds.xlsx", bad)})).content.decode()
    assert "Chưa nhập dòng nào" in page and "Dòng 3" in page
    assert not Member.objects.exists()
    good = sheet([row("Tốt"), row("Xấu", year=1990)])
    response = client.post(url, once({"file": SimpleUploadedFile("ds.xlsx", good)}))
    assert response.status_code == 302
    assert Member.objects.count() == 2


def test_the_template_and_the_export_read_back_through_the_importer(
    client, staff_a, commune_a, branch_a
):
    from khuyenhoc.core.sheets.spreadsheets import read_sheet
    from members.imports import HEADERS

    login(client, staff_a)
    template = client.get(reverse("members:template", args=[commune_a.code])).content
    assert read_sheet(template, headers=HEADERS)[0][1]["full_name"] == "Nguyễn Thị Mai"
    add_member(staff_a, branch_a, name='=HYPERLINK("x")')
    exported = client.get(reverse("members:export", args=[commune_a.code])).content
    rows = read_sheet(exported, headers=HEADERS)
    assert rows[0][1]["full_name"] == '=HYPERLINK("x")'


def test_the_command_imports_a_file_for_a_commune(tmp_path, commune_a, branch_a, capsys):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(sheet([row("Lường Văn Lệnh")]))
    call_command("import_members", str(path), commune=commune_a.code)
    assert Member.objects.get().full_name == "Lường Văn Lệnh"
    assert "Đã nhập 1 hội viên" in capsys.readouterr().out


def test_the_upload_page_refuses_a_50_mb_file_with_a_clear_message(
    client, staff_a, commune_a, branch_a
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, staff_a)
    big = SimpleUploadedFile("lon.xlsx", b"PK\x03\x04" + b"0" * (50 * 1024 * 1024))
    page = client.post(reverse("members:import", args=[commune_a.code]), {"file": big})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Tệp quá lớn" in text and "Dòng 0" not in text
    assert not Member.objects.exists()
