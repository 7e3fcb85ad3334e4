"""The reviewer's page of one list: the entries that fail come first, a filter shows only
passes or failures, and a long list is read page by page."""

import pytest
from django.urls import reverse

from tests.factories import login, registered_households
from titles import services

from .conftest import YEAR, full_points

pytestmark = pytest.mark.django_db


def review_url(commune):
    return reverse("titles:review", args=[commune.code, YEAR, "household"])


def evaluated(staff, commune, village, name, **overrides):
    household = services.household_create(
        user=staff, commune=commune, village=village, head_name=name, members=4
    )
    registration = services.registration_create(
        user=staff, commune=commune, year=YEAR, title="household", subject=household
    )
    services.registration_evaluate(
        user=staff, registration=registration, points=full_points("household", **overrides)
    )
    return registration


def shown(response):
    return [r.pk for r in response.context["page"].object_list]


def test_failures_come_first_and_the_filter_shows_passes_or_failures(
    client, staff_a, reviewer, commune_a, village_a
):
    passes = evaluated(staff_a, commune_a, village_a, "Lò Văn Sơn")
    fails = evaluated(
        staff_a, commune_a, village_a, "Quàng Thị Hoa", **{"1_1": 0, "1_2": 0, "1_3": 0}
    )
    login(client, reviewer)
    everything = client.get(review_url(commune_a))
    assert shown(everything) == [fails.pk, passes.pk]
    assert everything.context["results"] == {"total": 2, "passed": 1, "failed": 1}
    assert shown(client.get(review_url(commune_a), {"ketqua": "dat"})) == [passes.pk]
    assert shown(client.get(review_url(commune_a), {"ketqua": "khong-dat"})) == [fails.pk]
    assert "Không đạt: <b>1</b>" in everything.text


def test_a_long_list_is_read_fifty_entries_a_page(client, reviewer, commune_a, village_a):
    registered_households(commune_a, village_a, range(75), YEAR)
    login(client, reviewer)
    second = client.get(review_url(commune_a), {"trang": 2})
    assert len(shown(second)) == 25
    assert "Trang 2/2" in second.text
