"""PROXY_COUNT: which address the lock-out counts (khuyenhoc.core.access.lockout.client_address)."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def attempt(client, user, password, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    data = {"username": user.username, "password": password}
    return client.post(reverse("login"), data, REMOTE_ADDR=PROXY, **headers)


def lock_out(client, user, settings, forwarded):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, user, "doan-mo", forwarded)
    assert attempt(client, user, PASSWORD, forwarded).status_code == 429


def test_behind_a_proxy_each_visitor_is_counted_at_their_own_address(client, staff_a, settings):
    settings.PROXY_COUNT = 1
    lock_out(client, staff_a, settings, forwarded="203.113.10.7")
    assert attempt(client, staff_a, PASSWORD, forwarded="113.160.1.20").status_code == 302


def test_without_proxy_count_a_forwarded_header_is_not_believed(client, staff_a, settings):
    settings.PROXY_COUNT = 0
    lock_out(client, staff_a, settings, forwarded="203.113.10.7")
    assert attempt(client, staff_a, PASSWORD, forwarded="113.160.1.20").status_code == 429


def test_a_visitor_cannot_dodge_the_count_by_sending_their_own_forwarded_addresses(
    client, staff_a, settings
):
    settings.PROXY_COUNT = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, staff_a, "doan-mo", forwarded=f"1.2.3.{n}, 203.113.10.7")
    assert attempt(client, staff_a, PASSWORD, forwarded="9.9.9.9, 203.113.10.7").status_code == 429


def test_two_proxies_take_the_address_the_outer_proxy_saw(client, staff_a, settings):
    settings.PROXY_COUNT = 2
    lock_out(client, staff_a, settings, forwarded="6.6.6.6, 203.113.10.7, 172.16.0.5")
    assert (
        attempt(client, staff_a, PASSWORD, "7.7.7.7, 113.160.1.20, 172.16.0.5").status_code == 302
    )
