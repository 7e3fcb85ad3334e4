import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_new_passwords_are_hashed_with_argon2(staff_a):
    assert staff_a.password.startswith("argon2$argon2id$")


def test_a_pbkdf2_hash_becomes_argon2_at_the_next_login(client, staff_a):
    staff_a.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    staff_a.save(update_fields=["password"])
    response = client.post(reverse("login"), {"username": staff_a.username, "password": PASSWORD})
    assert response.status_code == 302
    staff_a.refresh_from_db()
    assert staff_a.password.startswith("argon2$argon2id$")
    assert staff_a.check_password(PASSWORD)


def test_argon2_stays_memory_hard(staff_a):
    from argon2 import extract_parameters

    parameters = extract_parameters(staff_a.password.removeprefix("argon2"))
    assert parameters.memory_cost >= 64 * 1024 and parameters.time_cost >= 2
