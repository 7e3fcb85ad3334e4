import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def attempt(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_repeated_failures_lock_the_account_out_with_a_vietnamese_page(client, staff_a, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, staff_a.username, "doan-mo").status_code == 200
    locked = attempt(client, staff_a.username, "doan-mo")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    # even the right password is refused while locked out
    assert attempt(client, staff_a.username, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_good_login_before_the_limit_resets_the_count(client, staff_a, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, staff_a.username, "doan-mo")
    assert attempt(client, staff_a.username, PASSWORD).status_code == 302


def test_weak_passwords_are_refused(staff_a):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["12345678901", "matkhau", staff_a.username + "1"]:
        with pytest.raises(ValidationError):
            validate_password(weak, staff_a)


def test_sessions_expire_when_idle(settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
