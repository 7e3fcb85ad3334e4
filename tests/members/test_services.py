from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from khuyenhoc.areas.models import Figure
from members import services
from members.models import Member
from tests import metric_names as metrics
from tests.members.conftest import add_member

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def figures(commune=None):
    rows = Figure.objects.filter(metric__startswith="members.")
    if commune is not None:
        rows = rows.filter(commune=commune)
    return sorted(rows.values_list("commune_id", "year", "metric", "value"))


def figure(commune, year, metric):
    row = Figure.objects.filter(commune=commune, year=year, metric=metric).first()
    return row.value if row else 0


def test_a_new_member_is_stored_in_nfc_with_a_folded_copy_and_a_number(staff_a, branch_a):
    decomposed = "Nguye\u0302\u0303n Thi\u0323 Ma\u0300i"
    member = add_member(staff_a, branch_a, name=f"  {decomposed}  ")
    assert member.full_name == "Nguyễn Thị Mài"
    assert member.name_folded == "nguyen thi mai"
    assert member.member_number == f"{branch_a.commune_id:05d}-00001"
    assert member.commune_id == branch_a.commune_id
    assert add_member(staff_a, branch_a).member_number.endswith("-00002")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"birth_year": THIS_YEAR + 1}, "Năm sinh không thể ở tương lai"),
        ({"birth_year": THIS_YEAR - 121}, f"Năm sinh không thể trước năm {THIS_YEAR - 120}"),
        ({"joined_on": date(2009, 1, 1)}, "trước ngày thành lập chi hội (01/03/2010)"),
        ({"phone": "12ab"}, "Số điện thoại không hợp lệ"),
        ({"phone": "٠٩١٢٣٤٥٦٧٨"}, "Số điện thoại không hợp lệ"),  # Arabic-Indic digits
        ({"name": "  "}, "Hãy nhập họ và tên"),
    ],
)
def test_it_refuses_bad_member_input_in_vietnamese_and_writes_nothing(
    staff_a, branch_a, fields, message
):
    with pytest.raises(ValidationError) as caught:
        add_member(staff_a, branch_a, **fields)
    assert message in " ".join(caught.value.messages)
    assert not Member.objects.exists()


def test_it_refuses_a_member_number_already_used_in_the_province(
    staff_a, staff_b, branch_a, branch_b
):
    add_member(staff_b, branch_b, member_number="SL-1")
    with pytest.raises(ValidationError, match="đã có trong tỉnh"):
        add_member(staff_a, branch_a, member_number="SL-1")


def test_staff_cannot_add_a_member_to_another_communes_branch(staff_b, branch_a):
    with pytest.raises(ValidationError, match="không có quyền"):
        add_member(staff_b, branch_a)
    assert not Member.objects.exists()


def test_a_dissolved_branch_takes_no_new_members(staff_a, branch_a):
    services.branch_dissolve(user=staff_a, branch=branch_a, dissolved_on=date(2024, 1, 1))
    with pytest.raises(ValidationError, match="đã giải thể"):
        add_member(staff_a, branch_a)


def test_a_branch_with_active_members_cannot_be_dissolved(staff_a, branch_a):
    add_member(staff_a, branch_a)
    with pytest.raises(ValidationError, match="còn 1 hội viên đang sinh hoạt"):
        services.branch_dissolve(user=staff_a, branch=branch_a, dissolved_on=date(2024, 1, 1))


def test_leaving_is_a_state_and_is_counted_in_its_year(staff_a, branch_a, commune_a):
    member = add_member(staff_a, branch_a, joined_on=date(2025, 2, 1))
    services.member_leave(user=staff_a, member=member, left_on=date(2025, 9, 1), reason="Chuyển đi")
    member.refresh_from_db()
    assert member.left_on == date(2025, 9, 1) and member.leave_reason == "Chuyển đi"
    assert figure(commune_a, 2025, metrics.MEMBERS_JOINED) == 1
    assert figure(commune_a, 2025, metrics.MEMBERS_LEFT) == 1
    assert figure(commune_a, 2025, metrics.MEMBERS_END) == 0


def test_erasure_blanks_personal_data_everywhere_and_keeps_the_counts(staff_a, branch_a, commune_a):
    member = add_member(staff_a, branch_a, name="Lò Văn Xoá", phone="0912345678")
    services.member_update(user=staff_a, member=member, birth_year=1979)
    before = figures(commune_a)
    services.member_erase(user=staff_a, member=member)
    member.refresh_from_db()
    assert member.is_erased
    assert (member.full_name, member.phone, member.birth_year, member.member_number) == (
        "",
        "",
        None,
        None,
    )
    assert not member.history.exclude(full_name="").exists()
    assert not Member.history.filter(phone="0912345678").exists()
    assert figures(commune_a) == before
    assert figure(commune_a, THIS_YEAR, metrics.MEMBERS_END) == 1
    with pytest.raises(ValidationError, match="đã được xoá"):
        services.member_update(user=staff_a, member=member, full_name="Lại có tên")


def test_changing_a_join_date_moves_every_year_after_it(staff_a, branch_a, commune_a):
    member = add_member(staff_a, branch_a, joined_on=date(2025, 6, 1))
    assert figure(commune_a, 2025, metrics.MEMBERS_JOINED) == 1
    services.member_update(user=staff_a, member=member, joined_on=date(2020, 6, 1))
    assert figure(commune_a, 2025, metrics.MEMBERS_JOINED) == 0
    assert figure(commune_a, 2025, metrics.MEMBERS_START) == 1


def test_figures_kept_by_each_write_equal_a_full_rebuild(
    staff_a, staff_b, branch_a, branch_b, commune_a
):
    first = add_member(staff_a, branch_a, joined_on=date(2024, 1, 5))
    add_member(staff_a, branch_a, name="Trần Thị Bưởi", joined_on=date(2025, 3, 1), gender="nu")
    add_member(staff_b, branch_b, name="Hà Văn Cường", joined_on=date(2025, 7, 7))
    services.member_leave(user=staff_a, member=first, left_on=date(2025, 12, 31))
    services.member_update(user=staff_a, member=first, joined_on=date(2023, 1, 5))
    services.member_erase(user=staff_a, member=first)
    incremental = figures()
    assert (commune_a.code, 2025, metrics.BRANCHES_GRASSROOTS, 1) in incremental
    assert (commune_a.code, 2025, metrics.branch_kind_metric("chi_hoi_thon"), 1) in incremental
    assert (commune_a.code, 2025, metrics.MEMBERS_START, 1) in incremental
    assert (commune_a.code, 2025, metrics.MEMBERS_END, 1) in incremental
    Figure.objects.all().delete()
    call_command("rebuild_summaries")
    assert figures() == incremental
