import pytest
from django.core.management import CommandError, call_command

from khuyenhoc.core.sheets.spreadsheets import ImportRejected, workbook_bytes
from titles import bulk, imports, score_imports, services
from titles.models import CriteriaSet, Evaluation, Household, Registration

from .conftest import YEAR, citizen_data

pytestmark = pytest.mark.django_db

HEADERS = ["Chủ hộ", "Thôn, bản, tổ", "Số nhân khẩu"]


def sheet(rows, headers=HEADERS):
    return workbook_bytes([("Danh sách", headers, rows)])


def run(user, commune, data, title="household"):
    return imports.registrations_import(
        user=user, commune=commune, year=YEAR, title=title, data=data
    )


def test_a_valid_household_list_is_imported(staff_a, commune_a, village_a):
    data = sheet([["Lò Văn A", "Thôn Nà Lếch", 4], ["Hà Thị B", "thon na lech", "5"]])
    assert run(staff_a, commune_a, data).created == 2
    assert Registration.objects.filter(title="household", year=YEAR).count() == 2
    assert Household.objects.get(head_name="Hà Thị B").name_folded == "ha thi b"


def test_one_bad_row_rejects_the_whole_file_with_row_numbers(
    staff_a, commune_a, village_a, village_b, registration
):
    data = sheet(
        [
            ["Lò Văn A", "Thôn Nà Lếch", 4],
            ["Lò Văn A", "Thôn Nà Lếch", 4],
            ["Hà Thị B", "Bản Mòng", 3],
            ["Vì Văn C", "Thôn Nà Lếch", 90],
            ["Lò Văn Sơn", "Thôn Nà Lếch", 5],
        ]
    )
    with pytest.raises(ImportRejected) as caught:
        run(staff_a, commune_a, data)
    messages = [str(e) for e in caught.value.errors]
    assert messages == [
        "Dòng 3 trùng với dòng 2: Lò Văn A, Thôn Nà Lếch, 4 nhân khẩu",
        "Dòng 4, cột «Thôn, bản, tổ»: không có thôn, bản, tổ «Bản Mòng» trong xã, phường này",
        "Dòng 5, cột «Số nhân khẩu»: không được lớn hơn 50",
    ]
    assert Registration.objects.count() == 1
    assert Household.objects.count() == 1


def test_a_wrong_row_after_chunks_already_went_to_the_database_still_writes_nothing(
    staff_a, commune_a, village_a, monkeypatch
):
    from titles import bulk

    monkeypatch.setattr(bulk, "CHUNK_ROWS", 2)  # rows 2–7 are inserted before row 8 is read
    rows = [[f"Hộ số {n}", "Thôn Nà Lếch", 4] for n in range(6)] + [["Hộ sai", "Thôn Nà Lếch", 0]]
    with pytest.raises(ImportRejected, match="Dòng 8, cột «Số nhân khẩu»"):
        run(staff_a, commune_a, sheet(rows))
    assert not Registration.objects.exists()
    assert not Household.objects.exists()
    assert not Registration.history.exists()
    assert not Household.history.exists()


def test_a_household_of_last_year_registers_again_as_the_same_subject(
    staff_a, commune_a, household
):
    data = sheet([["Lò Văn Sơn", "Thôn Nà Lếch", 5]])
    run(staff_a, commune_a, data)
    assert Household.objects.count() == 1
    assert household.registrations.count() == 1


def test_citizens_are_imported_with_their_group(staff_a, commune_a, village_a):
    headers = ["Họ và tên", "Năm sinh", "Giới tính", "Nhóm", "Thôn, bản, tổ"]
    data = sheet(
        [["Lò Thị Hoa", 1990, "Nữ", 1, "Thôn Nà Lếch"], ["Bé Na", 2020, "Nữ", 4, "Thôn Nà Lếch"]],
        headers,
    )
    with pytest.raises(ImportRejected, match="Dòng 3, cột «Năm sinh»"):
        run(staff_a, commune_a, data, title="citizen")
    assert not Registration.objects.exists()


@pytest.mark.parametrize("writer", ["copy", "inserts"])
def test_each_citizens_registration_keeps_the_group_its_row_gives_for_the_year(
    staff_a, commune_a, village_a, writer, monkeypatch
):
    """Last year's pupil, registered again as a worker: the citizen is the same, the
    new registration counts as a worker, last year's still as a pupil."""
    if writer == "inserts":  # the path SQLite takes
        monkeypatch.setattr(bulk, "uses_copy", lambda: False)
    pupil = services.citizen_create(
        user=staff_a, commune=commune_a, **citizen_data(village_a, birth_year=2004, group=4)
    )
    last_year = services.registration_create(
        user=staff_a, commune=commune_a, year=YEAR - 1, title="citizen", subject=pupil
    )
    headers = ["Họ và tên", "Năm sinh", "Giới tính", "Nhóm", "Thôn, bản, tổ"]
    data = sheet(
        [
            ["Lò Thị Hoa", 2004, "Nữ", 2, "Thôn Nà Lếch"],
            ["Vì Văn Tú", 1975, "Nam", 1, "Thôn Nà Lếch"],
        ],
        headers,
    )
    assert run(staff_a, commune_a, data, title="citizen").created == 2
    groups = dict(
        Registration.objects.filter(year=YEAR).values_list("citizen__full_name", "citizen_group")
    )
    assert groups == {"Lò Thị Hoa": 2, "Vì Văn Tú": 1}
    last_year.refresh_from_db()
    assert last_year.citizen_group == 4
    assert Registration.history.filter(citizen_group=2).count() == 1


def test_a_locked_list_refuses_an_import(staff_a, commune_a, proposed_list):
    with pytest.raises(services.ValidationError, match="đã gửi đề nghị"):
        run(staff_a, commune_a, sheet([["Lò Văn A", "Thôn Nà Lếch", 4]]))


def test_scores_import_evaluates_every_row_or_none(staff_a, commune_a, registration):
    indicators = list(CriteriaSet.objects.in_force(title="household", year=YEAR).indicators())
    headers = ["Mã đăng ký", *[i.code for i in indicators]]
    good = [registration.pk, *[i.max_points for i in indicators]]
    too_high = [registration.pk, 11, *[i.max_points for i in indicators[1:]]]
    with pytest.raises(ImportRejected) as caught:
        score_imports.scores_import(
            user=staff_a,
            commune=commune_a,
            year=YEAR,
            title="household",
            data=sheet([too_high, [999999, *good[1:]]], headers),
        )
    messages = [str(e) for e in caught.value.errors]
    assert messages[0].startswith("Dòng 2, cột «1.1»: Chỉ số 1.1")
    assert "Dòng 3: không có đăng ký số 999999" in messages[1]
    assert not Evaluation.objects.exists()
    score_imports.scores_import(
        user=staff_a, commune=commune_a, year=YEAR, title="household", data=sheet([good], headers)
    )
    registration.refresh_from_db()
    assert registration.state == "evaluated"
    assert registration.evaluation.total == 100


def test_a_citizen_scored_zero_everywhere_is_stored_with_every_reason_it_failed(
    staff_a, commune_a, village_a
):
    """Found by tests/trust/test_hostile_imports.py: one reason per indicator under the
    minimum, each with the indicator's name, passed the 500 characters the reason column
    held, and the scores import answered a server error."""
    citizen = services.citizen_create(
        user=staff_a,
        commune=commune_a,
        village=village_a,
        full_name="Lò Thị Hoa",
        birth_year=1990,
        sex="nu",
        group=1,
    )
    registration = services.registration_create(
        user=staff_a, commune=commune_a, year=YEAR, title="citizen", subject=citizen
    )
    indicators = list(CriteriaSet.objects.in_force(title="citizen", year=YEAR).indicators())
    headers = ["Mã đăng ký", *[i.code for i in indicators]]
    data = sheet([[registration.pk, *[0 for _ in indicators]]], headers)
    score_imports.scores_import(
        user=staff_a, commune=commune_a, year=YEAR, title="citizen", data=data
    )
    evaluation = Evaluation.objects.get(registration=registration)
    assert not evaluation.passed and len(evaluation.reason) > 500
    for indicator in indicators:
        assert f"Chỉ số {indicator.code} «{indicator.name}» chỉ đạt 0 điểm" in evaluation.reason


def test_the_command_imports_and_reports_errors(tmp_path, commune_a, village_a):
    good = tmp_path / "ds.xlsx"
    good.write_bytes(sheet([["Lò Văn A", "Thôn Nà Lếch", 4]]))
    call_command(
        "import_registrations",
        str(good),
        "--commune",
        str(commune_a.code),
        "--year",
        str(YEAR),
        "--title",
        "household",
    )
    assert Registration.objects.count() == 1
    bad = tmp_path / "sai.xlsx"
    bad.write_bytes(sheet([["Lò Văn B", "Không có", 4]]))
    with pytest.raises(CommandError, match="Không nhập dòng nào: 1 lỗi"):
        call_command(
            "import_registrations",
            str(bad),
            "--commune",
            str(commune_a.code),
            "--year",
            str(YEAR),
            "--title",
            "household",
        )
    assert Registration.objects.count() == 1


def test_a_clan_name_longer_than_the_register_keeps_is_a_row_error_not_a_server_error(
    staff_a, commune_a, village_a
):
    data = sheet([["Lò " + "a" * 150, "Thôn Nà Lếch"]], ["Tên dòng họ", "Thôn, bản, tổ"])
    with pytest.raises(ImportRejected, match="Dòng 2, cột «Tên dòng họ»: dài quá 120 ký tự"):
        run(staff_a, commune_a, data, title="clan")
    assert not Registration.objects.exists()
