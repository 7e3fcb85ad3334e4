"""The communes side by side for one year and title: reviewers see the province, commune
staff only their own communes, in the same few queries however many communes."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from khuyenhoc.areas.models import Commune
from khuyenhoc.areas.services import denominator_save
from tests.factories import login
from titles.selectors import progress_by_commune

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def compare(client, **params):
    return client.get(reverse("titles:compare"), {"nam": YEAR, "danhhieu": "household", **params})


def test_a_reviewer_sees_every_commune_of_the_province_with_counts_rates_and_list_state(
    client, reviewer, staff_a, commune_a, proposed_list
):
    denominator_save(user=staff_a, commune=commune_a, year=YEAR, values={"households": 4})
    login(client, reviewer)
    response = compare(client)
    rows = response.context["rows"]
    assert len(rows) == Commune.objects.filter(province_id=settings.PROVINCE_CODE).count()
    [mine] = [row for row in rows if row.commune == commune_a]
    assert (mine.registered, mine.evaluated, mine.recognised, mine.denominator) == (1, 1, 0, 4)
    assert "25 %" in response.text
    review_url = reverse("titles:review", args=[commune_a.code, YEAR, "household"])
    assert f'<a href="{review_url}">Đã đề nghị, chờ thẩm định</a>' in response.text
    assert "Đã đề nghị, chờ thẩm định: <b>1</b>" in response.text


def test_commune_staff_see_only_their_own_communes(client, staff_a, commune_a, commune_b):
    login(client, staff_a)
    response = compare(client)
    assert [row.commune for row in response.context["rows"]] == [commune_a]
    assert commune_b.name not in response.text


def test_ordering_by_registration_rate_puts_the_highest_first_and_the_unknown_last(
    client, reviewer, staff_a, staff_b, commune_a, commune_b, registration
):
    denominator_save(user=staff_a, commune=commune_a, year=YEAR, values={"households": 4})
    login(client, reviewer)
    rows = compare(client, xep="dang-ky").context["rows"]
    assert rows[0].commune == commune_a
    assert rows[-1].registered_rate is None


def test_the_comparison_takes_the_same_queries_for_one_commune_or_the_whole_province(
    staff_a, reviewer
):
    with CaptureQueriesContext(connection) as one:
        assert len(progress_by_commune(staff_a, YEAR, "household")) == 1
    with CaptureQueriesContext(connection) as province:
        assert len(progress_by_commune(reviewer, YEAR, "household")) > 50
    assert len(province) == len(one)


def test_an_unknown_title_or_year_falls_back_or_is_not_found(client, reviewer):
    login(client, reviewer)
    assert compare(client, danhhieu="khong-co").context["title"] == "citizen"
    assert compare(client, nam=1900).status_code == 404


def test_the_sections_own_address_opens_the_comparison(client, reviewer):
    login(client, reviewer)
    response = client.get("/quan-ly/danh-hieu/")
    assert response.status_code == 302
    assert response["Location"] == reverse("titles:compare")
