"""The reports read the summary table in a bounded number of queries, whatever the size
of the province."""

import pytest
from django.conf import settings
from django.urls import reverse

from khuyenhoc.areas.models import Commune
from tests.factories import login

from .conftest import SAMPLE, YEAR, put_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_communes(commune_a, units):
    communes = list(Commune.objects.filter(province_id=settings.PROVINCE_CODE)[:30])
    for commune in communes:
        put_figures(commune, YEAR, SAMPLE)
        put_figures(commune, YEAR - 1, SAMPLE)
    return communes


def test_the_province_report_costs_a_few_queries(
    client, reviewer, many_communes, django_assert_max_num_queries
):
    login(client, reviewer)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("reports:province", args=[YEAR]))
    assert response.status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("reports:province_xlsx", args=[YEAR])).status_code == 200


def test_the_commune_report_costs_a_few_queries(
    client, commune_a, staff_a, many_communes, django_assert_max_num_queries
):
    login(client, staff_a)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("reports:commune", args=[commune_a.code, YEAR]))
    assert response.status_code == 200
