"""An administrator who points a household at another commune's village, or a
registration at another commune's subject, through the admin, changes nothing: the admin
only reads the titles' records (their writes go through the staff pages, where the lists'
locks are checked), and the database keys (tests/titles/test_subject_keys.py) stand
behind that."""

import pytest
from django.urls import reverse

from tests.factories import login
from titles.models import Household, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def household_a(commune_a, village_a):
    return Household.objects.create(
        commune=commune_a, village=village_a, head_name="Lò Văn Sơn", members=4
    )


@pytest.fixture
def household_b(commune_b, village_b):
    return Household.objects.create(
        commune=commune_b, village=village_b, head_name="Quàng Văn Tư", members=3
    )


def test_the_admin_refuses_to_move_a_household_into_another_communes_village(
    client, administrator, household_a, village_b
):
    login(client, administrator)
    url = reverse("admin:titles_household_change", args=[household_a.pk])
    response = client.post(
        url,
        {
            "commune": household_a.commune_id,
            "village": village_b.pk,
            "head_name": household_a.head_name,
            "members": 4,
        },
    )
    assert response.status_code == 403
    household_a.refresh_from_db()
    assert household_a.village_id != village_b.pk


def test_the_admin_refuses_to_point_a_registration_at_another_communes_household(
    client, administrator, household_a, household_b
):
    registration = Registration.objects.create(
        commune=household_a.commune, year=2026, title="household", household=household_a
    )
    login(client, administrator)
    url = reverse("admin:titles_registration_change", args=[registration.pk])
    response = client.post(
        url,
        {
            "commune": registration.commune_id,
            "year": 2026,
            "title": "household",
            "household": household_b.pk,
            "state": "registered",
        },
    )
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.household_id == household_a.pk
