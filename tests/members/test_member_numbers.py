"""Member numbers: only letters without diacritics, the digits 0-9 and - / . between
them are taken, on the form, in the service and in the import; and the automatic
numbering goes on whatever the register already holds (a "①" typed before the rule, a
number too long to count from)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from khuyenhoc.core.sheets.spreadsheets import ImportRejected
from members import services
from members.imports import members_import
from members.models import Member
from tests.factories import login
from tests.members.conftest import add_member
from tests.members.sheets import row, sheet

pytestmark = pytest.mark.django_db

RULE = "Số thẻ chỉ gồm chữ cái không dấu, chữ số 0–9 và dấu - / . ở giữa."
REFUSED = ["03646-①", "03646-²", "٣٤", "SL 1", "-1", "SL--1", "Số-1", "SL-1\x00", "1/"]


@pytest.mark.parametrize("number", ["SL-1", "03646-00012", "KH/2024/15", "T.7", "a1B2"])
def test_the_usual_card_numbers_are_taken(staff_a, branch_a, number):
    assert add_member(staff_a, branch_a, member_number=number).member_number == number


@pytest.mark.parametrize("number", REFUSED)
def test_a_number_with_other_characters_is_refused_in_vietnamese(staff_a, branch_a, number):
    with pytest.raises(ValidationError) as caught:
        add_member(staff_a, branch_a, member_number=number)
    assert caught.value.message_dict["member_number"] == [RULE]
    assert not Member.objects.exists()


def test_the_form_says_why_a_number_is_refused(client, staff_a, branch_a):
    login(client, staff_a)
    response = client.post(
        reverse("members:create", args=[branch_a.commune_id]),
        {
            "full_name": "Lò Văn Một",
            "gender": "nam",
            "birth_year": 1980,
            "branch": branch_a.pk,
            "joined_on": "2015-05-01",
            "member_number": "03646-①",
        },
    )
    assert response.status_code == 200
    assert RULE in response.content.decode()
    assert not Member.objects.exists()


def test_an_imported_number_with_other_characters_is_a_row_error(staff_a, commune_a, branch_a):
    data = sheet([row("Lò Văn Một", number="SL-1"), row("Cà Thị Hai", number="SL-①")])
    with pytest.raises(ImportRejected) as caught:
        members_import(user=staff_a, commune=commune_a, data=data)
    assert [str(e) for e in caught.value.errors] == [
        "Dòng 3, cột «Số thẻ»: số thẻ «SL-①» chỉ được gồm chữ cái không dấu, chữ số 0–9 "
        "và dấu - / . ở giữa"
    ]
    assert not Member.objects.exists()


@pytest.mark.parametrize(
    "stored", ["①", "²", "٣", "00012x", "99999999999999", "", "-7", " 12"], ids=repr
)
def test_numbering_goes_on_past_whatever_the_register_holds(staff_a, commune_a, branch_a, stored):
    """Written straight to the table, as a number typed before the rule would be: the
    next numbers count from the highest plain one and fit the column."""
    first = add_member(staff_a, branch_a)
    prefix = f"{commune_a.code:05d}-"
    Member.objects.filter(pk=add_member(staff_a, branch_a).pk).update(member_number=prefix + stored)
    assert first.member_number == f"{prefix}00001"
    assert services.next_member_numbers(commune_a, 2) == [f"{prefix}00002", f"{prefix}00003"]
    assert add_member(staff_a, branch_a).member_number == f"{prefix}00002"
    result = members_import(user=staff_a, commune=commune_a, data=sheet([row("Cà Thị Hai")]))
    assert result.created == 1
    assert Member.objects.filter(member_number=f"{prefix}00003").exists()


def test_a_member_stored_with_a_bad_number_is_asked_for_a_good_one_when_edited(staff_a, branch_a):
    member = add_member(staff_a, branch_a)
    Member.objects.filter(pk=member.pk).update(member_number="SL-①")
    member.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.member_update(user=staff_a, member=member, full_name="Nguyễn Văn Ba")
    assert caught.value.message_dict["member_number"] == [RULE]
    member = services.member_update(
        user=staff_a, member=member, full_name="Nguyễn Văn Ba", member_number="SL-1"
    )
    assert (member.full_name, member.member_number) == ("Nguyễn Văn Ba", "SL-1")
