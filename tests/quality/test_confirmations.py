"""Closing a fund's year asks first: the page says what will happen, and only the
confirmed POST closes it."""

from django.urls import reverse

from funds.models import FundYear
from tests.factories import login


def test_closing_a_year_shows_what_will_happen_before_it_closes(client, reviewer, fund_a):
    year = fund_a.opening_year
    url = reverse("funds:statement", args=[fund_a.pk, year])
    login(client, reviewer)
    asked = client.post(url)
    assert asked.status_code == 200
    assert "Sổ đã khóa không mở lại được." in asked.content.decode()
    assert not FundYear.objects.filter(fund=fund_a, year=year, closed_at__isnull=False).exists()
    assert client.post(url, {"xac_nhan": "1"}).status_code == 302
    assert FundYear.objects.get(fund=fund_a, year=year).is_closed
