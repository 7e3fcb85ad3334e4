"""The database itself keeps a household or a citizen in a village of its own commune
(titles migration 0010), and a registration's subject in the registration's commune
(migration 0011), with one composite key each, whatever code writes the row: the
services check it too, but an import, a script or the admin could forget."""

import pytest
from django.db import IntegrityError, connection, transaction

from titles.models import Citizen, Household, Registration

pytestmark = pytest.mark.django_db


def saved_now(instance):
    """Save and check the deferred keys at once, as COMMIT would."""
    with transaction.atomic():
        instance.save()
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_a_household_in_its_own_communes_village_is_accepted(commune_a, village_a):
    saved_now(Household(commune=commune_a, village=village_a, head_name="Lò Văn Sơn", members=4))
    assert Household.objects.filter(commune=commune_a, village=village_a).count() == 1


def test_the_database_refuses_a_household_in_another_communes_village(commune_a, village_b):
    with pytest.raises(IntegrityError, match="household_village_in_commune"):
        saved_now(Household(commune=commune_a, village=village_b, head_name="Lò Văn A", members=4))
    assert not Household.objects.exists()


def test_the_database_refuses_a_citizen_in_another_communes_village(commune_a, village_b):
    citizen = Citizen(
        commune=commune_a, village=village_b, full_name="Lò Thị B", birth_year=1990, sex="nu"
    )
    citizen.group = 1
    with pytest.raises(IntegrityError, match="citizen_village_in_commune"):
        saved_now(citizen)
    assert not Citizen.objects.exists()


def test_the_database_refuses_a_village_that_does_not_exist(commune_a, village_a):
    household = Household(
        commune=commune_a, village_id=village_a.pk + 1000, head_name="X", members=1
    )
    with pytest.raises(IntegrityError, match="household_village_in_commune"):
        saved_now(household)


def household_in(commune, village):
    household = Household(commune=commune, village=village, head_name="Lò Văn C", members=3)
    saved_now(household)
    return household


def test_a_registration_of_its_own_communes_household_is_accepted(commune_a, village_a):
    household = household_in(commune_a, village_a)
    saved_now(Registration(commune=commune_a, year=2026, title="household", household=household))
    assert Registration.objects.filter(commune=commune_a, household=household).count() == 1


def test_the_database_refuses_a_registration_of_another_communes_household(
    commune_a, commune_b, village_b
):
    household = household_in(commune_b, village_b)
    registration = Registration(
        commune=commune_a, year=2026, title="household", household=household
    )
    with pytest.raises(IntegrityError, match="registration_household_in_commune"):
        saved_now(registration)
    assert not Registration.objects.exists()


def test_the_database_refuses_a_registration_of_another_communes_village(commune_a, village_b):
    registration = Registration(commune=commune_a, year=2026, title="village", village=village_b)
    with pytest.raises(IntegrityError, match="registration_village_in_commune"):
        saved_now(registration)
    assert not Registration.objects.exists()


def test_a_commune_level_registration_names_its_commune_in_commune_itself(commune_a, village_a):
    household = household_in(commune_a, village_a)
    saved_now(Registration(commune=commune_a, year=2026, title="commune"))
    saved_now(Registration(commune=commune_a, year=2026, title="household", household=household))
    assert dict(Registration.objects.values_list("title", "commune_itself")) == {
        "commune": commune_a.code,
        "household": None,
    }


def test_the_database_refuses_a_commune_level_registration_of_no_commune(commune_a):
    registration = Registration(commune_id=commune_a.code + 900_000, year=2026, title="commune")
    with pytest.raises(IntegrityError, match="registration_commune_itself"):
        saved_now(registration)
    assert not Registration.objects.exists()
