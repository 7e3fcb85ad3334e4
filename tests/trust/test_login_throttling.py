"""Lock-outs count per (account, address) and per account, never per address alone
(khuyenhoc/core/access/lockout.py): every test goes through the real login form."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

OFFICE = "203.113.10.7"  # one commune office: every staff member there shares it


def attempt(client, username, password, address=OFFICE, **headers):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def fail(client, user, times, address=OFFICE):
    """Wrong passwords, each answered by the form again: none reaches a limit."""
    for _ in range(times):
        assert attempt(client, user.username, "doan-mo", address).status_code == 200


def lock_out(client, user, address=OFFICE):
    fail(client, user, settings.AXES_FAILURE_LIMIT - 1, address)
    assert attempt(client, user.username, "doan-mo", address).status_code == 429
    assert attempt(client, user.username, "doan-mo", address).status_code == 429


def test_repeated_failures_lock_the_account_out_with_a_vietnamese_page(client, staff_a, settings):
    fail(client, staff_a, settings.AXES_FAILURE_LIMIT - 1)
    locked = attempt(client, staff_a.username, "doan-mo")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    # even the right password is refused while locked out
    assert attempt(client, staff_a.username, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_good_login_before_the_limit_forgives_the_owners_typos(client, staff_a, settings):
    fail(client, staff_a, settings.AXES_FAILURE_LIMIT - 1)
    assert attempt(client, staff_a.username, PASSWORD).status_code == 302
    client.logout()
    fail(client, staff_a, settings.AXES_FAILURE_LIMIT - 1)
    assert attempt(client, staff_a.username, PASSWORD).status_code == 302


def test_logging_into_ones_own_account_does_not_forgive_failures_on_another(
    client, staff_a, staff_b, settings
):
    """The attack: guess four times, log into one's own account, guess again, forever."""
    fail(client, staff_b, settings.AXES_FAILURE_LIMIT - 1)
    assert attempt(client, staff_a.username, PASSWORD).status_code == 302
    client.logout()
    assert attempt(client, staff_b.username, "doan-mo").status_code == 429
    assert attempt(client, staff_b.username, PASSWORD).status_code == 429


def test_colleagues_at_one_office_log_in_while_one_of_them_is_locked_out(
    client, staff_a, staff_b, settings
):
    lock_out(client, staff_b)
    assert attempt(client, staff_b.username, PASSWORD).status_code == 429
    assert attempt(client, staff_a.username, PASSWORD).status_code == 302


def test_failures_on_unknown_names_from_the_office_lock_no_one_there(client, staff_a, settings):
    for n in range(settings.AXES_FAILURE_LIMIT * 3):
        assert attempt(client, f"khong-co-{n}", "doan-mo").status_code == 200
    assert attempt(client, staff_a.username, PASSWORD).status_code == 302


def test_a_guesser_locked_at_one_address_leaves_the_owner_free_at_another(
    client, staff_a, settings
):
    lock_out(client, staff_a, address="198.51.100.9")
    assert attempt(client, staff_a.username, PASSWORD, "198.51.100.9").status_code == 429
    assert attempt(client, staff_a.username, PASSWORD).status_code == 302


def test_failures_spread_over_many_addresses_lock_the_account_everywhere(client, staff_a, settings):
    per_address = settings.AXES_FAILURE_LIMIT - 1  # never enough to lock one address
    for n in range(settings.LOGIN_ACCOUNT_FAILURE_LIMIT - 1):
        address = f"198.51.100.{n // per_address}"
        assert attempt(client, staff_a.username, "doan-mo", address).status_code == 200
    assert attempt(client, staff_a.username, "doan-mo", "192.0.2.2").status_code == 429
    # the owner too, from the office, until the cool-off ends
    assert attempt(client, staff_a.username, PASSWORD).status_code == 429


def test_the_owners_good_login_leaves_a_guessers_failures_elsewhere_counted(
    client, staff_a, settings
):
    fail(client, staff_a, settings.AXES_FAILURE_LIMIT - 1, address="198.51.100.9")
    assert attempt(client, staff_a.username, PASSWORD).status_code == 302
    client.logout()
    assert attempt(client, staff_a.username, "doan-mo", "198.51.100.9").status_code == 429


def test_weak_passwords_are_refused(staff_a):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["12345678901", "matkhau", staff_a.username + "1"]:
        with pytest.raises(ValidationError):
            validate_password(weak, staff_a)


def test_sessions_expire_when_idle(settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
