import pytest
from django.urls import reverse

from khuyenhoc.areas.models import Denominator, Figure
from tests.factories import login

pytestmark = pytest.mark.django_db

GOOD = {
    "population": "17000",
    "adults": "11500",
    "households": "4500",
    "clans": "40",
    "villages": "12",
    "units": "20",
}


@pytest.fixture
def staff_client(client, staff_a):
    login(client, staff_a)
    return client


def url(commune):
    return reverse("areas:denominator", args=[commune.code, 2026])


def test_it_saves_denominators_and_their_summary_figures(staff_client, commune_a):
    response = staff_client.post(url(commune_a), GOOD)
    assert response.status_code == 302
    row = Denominator.objects.get(commune=commune_a, year=2026)
    assert row.population == 17000 and row.households == 4500
    assert (
        Figure.objects.get(commune=commune_a, year=2026, metric="areas.population").value == 17000
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("population", "-5", "Không được là số âm."),
        ("households", "nhiều", "Hãy nhập một số nguyên không âm."),
        ("adults", "20000", "Số người trưởng thành không thể lớn hơn dân số."),
        ("households", "17001", "Số hộ gia đình không thể lớn hơn dân số."),
    ],
)
def test_it_refuses_bad_numbers_with_a_vietnamese_message(
    staff_client, commune_a, field, value, message
):
    response = staff_client.post(url(commune_a), {**GOOD, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Denominator.objects.filter(commune=commune_a).exists()
    assert not Figure.objects.filter(commune=commune_a).exists()


def test_a_correction_replaces_the_year_and_keeps_other_years(staff_client, commune_a):
    staff_client.post(url(commune_a), GOOD)
    staff_client.post(reverse("areas:denominator", args=[commune_a.code, 2025]), GOOD)
    staff_client.post(url(commune_a), {**GOOD, "population": "18000"})
    years = dict(Denominator.objects.filter(commune=commune_a).values_list("year", "population"))
    assert years == {2025: 17000, 2026: 18000}
