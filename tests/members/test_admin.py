import pytest
from django.urls import reverse

from tests.factories import login
from tests.members.conftest import add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_members(staff_a, staff_b, branch_a, branch_b):
    return add_member(staff_a, branch_a, name="Lò Văn An"), add_member(
        staff_b, branch_b, name="Quàng Thị Bé", gender="nu"
    )


def test_a_reviewer_reads_members_of_every_commune_with_filters(client, reviewer, two_members):
    login(client, reviewer)
    url = reverse("admin:members_member_changelist")
    page = client.get(url).content.decode()
    assert "Lò Văn An" in page and "Quàng Thị Bé" in page
    found = client.get(url, {"q": "quang thi"}).content.decode()
    assert "Quàng Thị Bé" in found and "Lò Văn An" not in found
    kind = client.get(url, {"branch__kind": "chi_hoi_thon"})
    assert kind.status_code == 200
    branches = client.get(reverse("admin:members_branch_changelist")).content.decode()
    assert "Chi hội Bản Mòng" in branches and "Chi hội Bản Khác" in branches


def test_personal_fields_are_read_only_for_a_reviewer_and_editable_for_an_administrator(
    client, reviewer, administrator, two_members
):
    member = two_members[0]
    url = reverse("admin:members_member_change", args=[member.pk])
    login(client, reviewer)
    page = client.get(url).content.decode()
    assert "Lò Văn An" in page and 'name="full_name"' not in page
    client.logout()
    login(client, administrator)
    page = client.get(url).content.decode()
    assert 'name="full_name"' in page


def test_commune_staff_cannot_open_the_members_admin(client, staff_a, two_members):
    login(client, staff_a)
    response = client.get(reverse("admin:members_member_changelist"))
    assert response.status_code in (302, 403)
