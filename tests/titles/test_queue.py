"""The reviewer's queue: every proposed list in the province, oldest proposal first,
filtered by title and a page at a time, each with its entries counted."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from khuyenhoc.areas.models import Commune
from tests.factories import login
from titles import views_review
from titles.models import RecognitionList

from .conftest import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed_lists(units):
    """Five communes' household lists and two citizen lists, proposed a day apart."""
    communes = Commune.objects.filter(province_id=settings.PROVINCE_CODE).order_by("code")[:5]
    start = timezone.now() - datetime.timedelta(days=10)
    lists = []
    for n, commune in enumerate(communes):
        for title in ("household", "citizen") if n < 2 else ("household",):
            lists.append(
                RecognitionList.objects.create(
                    commune=commune,
                    year=YEAR,
                    title=title,
                    state="proposed",
                    proposed_at=start + datetime.timedelta(days=len(lists)),
                )
            )
    return lists


def test_the_queue_counts_the_lists_of_each_title_and_filters_by_one(
    client, reviewer, proposed_lists
):
    login(client, reviewer)
    page = client.get(reverse("titles:queue")).text
    assert "Tất cả: <b>7</b>" in page
    assert "Gia đình học tập: <b>5</b>" in page
    assert "Công dân học tập: <b>2</b>" in page
    page = client.get(reverse("titles:queue"), {"danhhieu": "citizen"}).text
    assert page.count('class="entry"') == 2
    assert f"Gia đình học tập {YEAR}</a>" not in page


def test_the_queue_pages_through_many_lists_oldest_first(
    client, reviewer, proposed_lists, monkeypatch
):
    monkeypatch.setattr(views_review, "PAGE_SIZE", 3)
    login(client, reviewer)
    first = client.get(reverse("titles:queue")).text
    assert "7 danh sách · trang 1/3" in first
    oldest = proposed_lists[0]
    assert first.index(oldest.commune.name) < first.index(proposed_lists[2].commune.name)
    last = client.get(reverse("titles:queue"), {"trang": 3}).text
    assert last.count('class="entry"') == 1
    assert proposed_lists[-1].commune.name in last


def test_an_unknown_title_shows_every_list(client, reviewer, proposed_lists):
    login(client, reviewer)
    page = client.get(reverse("titles:queue"), {"danhhieu": "<script>"}).text
    assert page.count('class="entry"') == 7
