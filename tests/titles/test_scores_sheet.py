"""The scores sheet a commune downloads, fills in Excel and uploads back."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from khuyenhoc.core.sheets.spreadsheets import ImportRejected, workbook_bytes
from tests.factories import login, once
from titles import score_imports, services
from titles.models import CriteriaSet, Evaluation, Registration

from .conftest import YEAR, full_points

pytestmark = pytest.mark.django_db


def sheet_url(commune, name="titles:scores_template"):
    return reverse(name, args=[commune.code, YEAR, "household"])


def indicators():
    return list(CriteriaSet.objects.in_force(title="household", year=YEAR).indicators())


@pytest.fixture
def second(staff_a, commune_a, village_a):
    household = services.household_create(
        user=staff_a, commune=commune_a, village=village_a, head_name="Hà Thị Lan", members=3
    )
    return services.registration_create(
        user=staff_a, commune=commune_a, year=YEAR, title="household", subject=household
    )


def rows_of(data: bytes, sheet=0):
    book = load_workbook(io.BytesIO(data))
    return [list(row) for row in book.worksheets[sheet].iter_rows(values_only=True)]


def test_the_sheet_lists_each_registration_awaiting_scores_with_its_scores_so_far(
    client, staff_a, commune_a, registration, second
):
    services.registration_evaluate(
        user=staff_a, registration=second, points=full_points("household", **{"1_1": 4})
    )
    login(client, staff_a)
    response = client.get(sheet_url(commune_a))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="bang-diem-')
    header, *rows = rows_of(response.content)
    codes = [i.code for i in indicators()]
    assert header == ["Mã đăng ký", "Đối tượng", "Thôn, bản, tổ", *codes]
    assert rows[0] == [registration.pk, "Hộ ông/bà Lò Văn Sơn", "Thôn Nà Lếch"] + [None] * len(
        codes
    )
    assert rows[1][:4] == [second.pk, "Hộ ông/bà Hà Thị Lan", "Thôn Nà Lếch", 4]
    assert rows[1][4:] == [i.max_points for i in indicators()[1:]]
    guide = rows_of(response.content, sheet=1)
    assert guide[0] == [
        "Mã chỉ số", "Chỉ số", "Nhóm", "Điểm tối đa", "Điểm tối thiểu", "Áp dụng cho",
    ]  # fmt: skip
    assert {row[5] for row in guide[1:]} == {"Mọi nhóm"}
    assert [row[0] for row in guide[1:]] == codes


def test_a_filled_in_sheet_evaluates_the_scored_rows_and_leaves_the_blank_ones(
    client, staff_a, commune_a, registration, second
):
    login(client, staff_a)
    book = load_workbook(io.BytesIO(client.get(sheet_url(commune_a)).content))
    rows = list(book.worksheets[0].iter_rows(min_row=2))
    for cell, indicator in zip(rows[0][3:], indicators(), strict=True):
        cell.value = indicator.max_points
    filled = io.BytesIO()
    book.save(filled)
    filled.seek(0)
    filled.name = "bang-diem.xlsx"
    response = client.post(sheet_url(commune_a, "titles:import_scores"), once({"file": filled}))
    assert response.status_code == 302
    assert Registration.objects.get(pk=registration.pk).state == "evaluated"
    assert Registration.objects.get(pk=second.pk).state == "registered"
    assert Evaluation.objects.get().total == sum(i.max_points for i in indicators())


def test_a_sheet_without_any_score_is_refused_with_a_message(staff_a, commune_a, registration):
    data = score_imports.scores_workbook(commune=commune_a, year=YEAR, title="household")
    with pytest.raises(ImportRejected, match="Chưa có dòng nào được chấm điểm"):
        score_imports.scores_import(
            user=staff_a, commune=commune_a, year=YEAR, title="household", data=data
        )
    assert not Evaluation.objects.exists()


def test_a_row_scored_only_in_part_names_every_indicator_left_blank(
    staff_a, commune_a, registration
):
    codes = [i.code for i in indicators()]
    row = [registration.pk, 5, *[None] * (len(codes) - 1)]
    data = workbook_bytes([("Bảng điểm", ["Mã đăng ký", *codes], [row])])
    with pytest.raises(ImportRejected) as caught:
        score_imports.scores_import(
            user=staff_a, commune=commune_a, year=YEAR, title="household", data=data
        )
    messages = [str(e) for e in caught.value.errors]
    assert len(messages) == len(codes) - 1
    assert messages[0].startswith(f"Dòng 2, cột «{codes[1]}»: Chưa nhập điểm chỉ số {codes[1]}")
    assert not Evaluation.objects.exists()


def test_the_import_page_names_each_indicator_and_offers_the_sheet(client, staff_a, commune_a):
    login(client, staff_a)
    page = client.get(sheet_url(commune_a, "titles:import_scores")).content.decode()
    assert "Tải bảng điểm (.xlsx)" in page
    first = indicators()[0]
    assert f"<td>{first.code}</td><td>{first.name}</td>" in page


def test_the_scores_command_imports_a_filled_sheet_and_reports_errors(
    tmp_path, capsys, commune_a, registration
):
    codes = [i.code for i in indicators()]
    good = tmp_path / "bang-diem.xlsx"
    good.write_bytes(
        workbook_bytes([("Bảng điểm", ["Mã đăng ký", *codes], [[registration.pk, *[10] * 10]])])
    )
    args = ["--commune", str(commune_a.code), "--year", str(YEAR), "--title", "household"]
    call_command("import_scores", str(good), *args)
    assert "Đã nhập 1 dòng điểm" in capsys.readouterr().out
    assert Evaluation.objects.get().total == 100
    bad = tmp_path / "sai.xlsx"
    bad.write_bytes(
        workbook_bytes([("Bảng điểm", ["Mã đăng ký", *codes], [[registration.pk, 11, *[10] * 9]])])
    )
    with pytest.raises(CommandError, match="Không nhập dòng nào: 1 lỗi"):
        call_command("import_scores", str(bad), *args)
    assert Evaluation.objects.get().total == 100
