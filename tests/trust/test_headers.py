import os
import re
import subprocess
import sys

import pytest
from django.urls import reverse

from tests.factories import login

pytestmark = pytest.mark.django_db


def assert_strict_headers(response):
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    # scripts only from our origin, or inline with this response's nonce
    assert re.search(r"script-src 'self'( 'nonce-[\w+/=-]+')?;", csp)
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "http:" not in csp and "https:" not in csp  # no third-party origins
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_public_pages_send_strict_security_headers(client, units):
    for url in ["/", reverse("login")]:
        assert_strict_headers(client.get(url, secure=True))


def test_staff_pages_send_strict_security_headers(client, staff_a, commune_a):
    login(client, staff_a)
    for url in [reverse("areas:staff_home"), reverse("areas:commune", args=[commune_a.code])]:
        response = client.get(url, secure=True)
        assert response.status_code == 200
        assert_strict_headers(response)


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "a-long-random-production-like-secret-key-for-the-deploy-check-0123456789",
        "ALLOWED_HOSTS": "khuyenhoc.example.vn",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {**os.environ, "DEBUG": "false", "ALLOWED_HOSTS": "x"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
