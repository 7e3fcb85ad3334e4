"""A commune's recognition list (one per title and year) is made by the first write to
it, never by a page that shows it: the list page, the review page and the printed pages
of a year nobody wrote to show an open, empty list and leave no row behind. Years in an
address are four digits at most, and out of range they are a 404 that says which years
there are."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import login, once
from titles import recognition
from titles.models import RecognitionList
from titles.services import check_year

from .conftest import YEAR

pytestmark = pytest.mark.django_db

LIST_PAGES = ["titles:list", "titles:review", "titles:decision", "titles:proposal"]


def test_the_list_page_of_a_year_nobody_wrote_to_shows_an_open_list_and_makes_none(
    client, staff_a, commune_a
):
    login(client, staff_a)
    response = client.get(reverse("titles:list", args=[commune_a.code, YEAR, "household"]))
    assert response.status_code == 200
    assert "Đang lập danh sách" in response.content.decode()
    assert not RecognitionList.objects.exists()
    assert not RecognitionList.history.exists()


def test_the_first_registration_makes_the_list(client, staff_a, commune_a, village_a):
    login(client, staff_a)
    client.post(
        reverse("titles:register", args=[commune_a.code, YEAR, "household"]),
        once({"head_name": "Lò Văn Sơn", "members": 4, "village": village_a.pk}),
    )
    (made,) = RecognitionList.objects.all()
    assert (made.commune_id, made.year, made.title, made.state) == (
        commune_a.code,
        YEAR,
        "household",
        "open",
    )


@pytest.mark.parametrize("name", LIST_PAGES)
def test_no_page_of_a_list_makes_one_even_for_a_reviewer(client, reviewer, commune_a, name):
    login(client, reviewer)
    response = client.get(reverse(name, args=[commune_a.code, YEAR, "household"]))
    assert response.status_code in (200, 404)
    assert not RecognitionList.objects.exists()


def test_approving_a_list_nobody_proposed_leaves_it_open_and_unmade(client, reviewer, commune_a):
    login(client, reviewer)
    response = client.post(
        reverse("titles:review", args=[commune_a.code, YEAR, "household"]),
        {
            "action": "approve",
            "decision_number": "12/QĐ-UBND",
            "decision_date": timezone.localdate().isoformat(),
            "signer": "Lò Văn Minh",
        },
    )
    assert response.status_code == 200
    assert f"{commune_a.name} · Đang lập danh sách" in response.content.decode()
    assert "Công nhận danh sách" not in response.content.decode()
    assert not RecognitionList.objects.exists()


def test_a_blank_list_cannot_be_returned_or_reopened_by_the_service(reviewer, commune_a):
    blank = RecognitionList(commune=commune_a, year=YEAR, title="household")
    for move in (recognition.list_return, recognition.list_reopen):
        with pytest.raises(ValidationError, match="Đang lập danh sách"):
            move(user=reviewer, rlist=blank, reason="Thiếu minh chứng")
    assert not RecognitionList.objects.exists()


@pytest.mark.parametrize("name", LIST_PAGES)
@pytest.mark.parametrize("year", [9999, 2014])
def test_a_year_out_of_range_in_the_address_is_a_vietnamese_404(
    client, reviewer, commune_a, name, year
):
    login(client, reviewer)
    response = client.get(reverse(name, args=[commune_a.code, year, "household"]))
    assert response.status_code == 404
    assert f"Không có năm {year}: chỉ các năm từ 2015 đến" in response.content.decode()
    assert not RecognitionList.objects.exists()


def test_a_year_of_twenty_digits_in_the_address_is_no_page(client, reviewer, commune_a):
    login(client, reviewer)
    response = client.get(f"/quan-ly/danh-hieu/{commune_a.code}/{'9' * 20}/household/tham-dinh/")
    assert response.status_code == 404


def test_the_service_and_the_pages_take_the_same_years():
    check_year(2015)
    with pytest.raises(ValidationError, match="từ 2015 đến"):
        check_year(2014)
