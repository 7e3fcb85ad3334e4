"""Validation rules as data: checked where figures are written (a denominator entered, a
sheet imported, a list proposed), blocking or warning as the rule says, and listed per
commune for the reviewer."""

import pytest
from django.core.exceptions import ValidationError

from khuyenhoc.areas import services as areas_services
from khuyenhoc.areas.models import Denominator, Village
from khuyenhoc.core.sheets.spreadsheets import ImportRejected, workbook_bytes
from khuyenhoc.quality.models import ValidationRule
from tests import metric_names as m
from tests.factories import login
from tests.public.conftest import write_figures
from titles import imports
from titles.models import Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def village(commune_a):
    return Village.objects.create(commune=commune_a, name="Thôn Nà Lếch")


def households_sheet(count):
    rows = [[f"Lò Văn {n}", "Thôn Nà Lếch", 4] for n in range(count)]
    return workbook_bytes([("Danh sách", ["Chủ hộ", "Thôn, bản, tổ", "Số nhân khẩu"], rows)])


def import_households(user, commune, count):
    return imports.registrations_import(
        user=user, commune=commune, year=2026, title="household", data=households_sheet(count)
    )


def test_the_default_rules_ship_with_vietnamese_messages_and_severities(db):
    rules = {r.code: r for r in ValidationRule.objects.all()}
    assert rules["khong-vuot-mau-so"].severity == "block"
    assert rules["thay-doi-so-voi-nam-truoc"].severity == "warn"
    assert all("{xa}" in r.message for r in rules.values())


def test_an_import_above_the_households_denominator_is_refused_and_writes_nothing(
    staff_a, commune_a, village
):
    areas_services.denominator_save(
        user=staff_a, commune=commune_a, year=2026, values={"population": 20, "households": 4}
    )
    with pytest.raises(ImportRejected) as caught:
        import_households(staff_a, commune_a, 5)
    assert "lớn hơn mẫu số 4" in str(caught.value)
    assert not Registration.objects.exists()
    assert import_households(staff_a, commune_a, 4).created == 4


def test_a_denominator_below_the_registrations_is_refused(staff_a, commune_a, village):
    import_households(staff_a, commune_a, 5)
    with pytest.raises(ValidationError) as caught:
        areas_services.denominator_save(
            user=staff_a, commune=commune_a, year=2026, values={"households": 3}
        )
    assert "Gia đình học tập: số đăng ký năm 2026" in caught.value.messages[0]
    assert not Denominator.objects.exists()


def test_a_warning_rule_saves_the_figures_and_says_why(staff_a, commune_a):
    areas_services.denominator_save(
        user=staff_a, commune=commune_a, year=2025, values={"population": 10_000}
    )
    row = areas_services.denominator_save(
        user=staff_a,
        commune=commune_a,
        year=2026,
        values={"population": 15_000, "households": 14_000},
    )
    assert Denominator.objects.filter(year=2026, households=14_000).exists()
    text = " ".join(row.warnings)
    assert "1,1 người một hộ" in text  # 15.000 / 14.000
    assert "Dân số của" in text and "năm 2025 là 10.000" in text  # +50 % > 30 %


def test_an_administrator_switches_a_rule_to_warn_and_the_write_goes_through(
    staff_a, commune_a, village
):
    ValidationRule.objects.filter(code="khong-vuot-mau-so").update(severity="warn")
    areas_services.denominator_save(
        user=staff_a, commune=commune_a, year=2026, values={"households": 2}
    )
    outcome = import_households(staff_a, commune_a, 3)
    assert outcome.created == 3
    assert any("lớn hơn mẫu số 2" in w for w in outcome.warnings)


def test_a_rule_message_with_an_unknown_placeholder_is_refused(db):
    rule = ValidationRule.objects.get(code="so-nguoi-mot-ho")
    rule.message = "Sai {khong_co}"
    with pytest.raises(ValidationError):
        rule.full_clean()


def test_the_reviewer_sees_the_violations_of_each_commune(
    client, reviewer, staff_a, commune_a, commune_b
):
    write_figures(
        commune_a.code,
        2026,
        {m.HOUSEHOLDS: 100, m.title_metric("household", "registered"): 170, m.VILLAGES: 9},
    )
    login(client, reviewer)
    html = client.get("/quan-ly/kiem-tra/?nam=2026").content.decode()
    assert commune_a.name in html and commune_b.name not in html
    assert "là 170, lớn hơn mẫu số 100" in html
    assert "Lỗi phải sửa" in html
    login(client, staff_a)
    assert client.get("/quan-ly/kiem-tra/?nam=2026").status_code == 404
