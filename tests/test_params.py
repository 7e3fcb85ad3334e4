"""Numbers read from a request (khuyenhoc/core/web/params.py): only ASCII digits, bounded, in
range; anything else is the page's default or a 404 that says, in Vietnamese, what
there is."""

import pytest
from django.test import RequestFactory
from django.urls import Resolver404, resolve
from django.utils import timezone

from khuyenhoc.core.web import params
from khuyenhoc.core.web.errors import NotFound
from tests.factories import login

NEXT_YEAR = timezone.localdate().year + 1
NOT_NUMBERS = ["²", "٣", "①", "٣٠", "-1", "", " ", "\x00", "1e3", "0x1F", "12a", "9" * 10_000]


def _get(**query):
    return RequestFactory().get("/", query)


@pytest.mark.parametrize("text", NOT_NUMBERS, ids=repr)
def test_only_ascii_digits_make_a_number(text):
    assert params.whole(text) is None


def test_a_number_is_bounded_before_it_is_read():
    assert params.whole(" 42 ") == 42
    assert params.whole("9" * 19) is None  # over the largest bigint
    assert params.whole(str(params.BIGINT)) == params.BIGINT
    assert params.whole("9" * 20, maximum=9999) is None
    assert params.whole("0", minimum=1) is None
    assert params.whole(None) is None


@pytest.mark.parametrize("raw", [*NOT_NUMBERS, "9" * 20, "20261"], ids=repr)
def test_a_year_that_is_no_year_gives_the_default_even_when_strict(raw):
    assert params.query_year(_get(nam=raw), default=2026, strict=True) == 2026


def test_a_year_in_range_is_taken_and_one_outside_is_the_default_or_a_404():
    assert params.query_year(_get(nam="2015"), default=2026) == 2015
    assert params.query_year(_get(nam=str(NEXT_YEAR)), default=2026) == NEXT_YEAR
    assert params.query_year(_get(nam="2014"), default=2026) == 2026
    assert params.query_year(_get(), default=2026, strict=True) == 2026
    with pytest.raises(NotFound, match=f"Không có năm 9999: chỉ các năm từ 2015 đến {NEXT_YEAR}."):
        params.query_year(_get(nam="9999"), default=2026, strict=True)


def test_a_year_among_the_years_with_figures():
    years = [2023, 2024, 2026]
    assert params.query_year(_get(nam="2024"), default=2026, years=years) == 2024
    assert params.query_year(_get(nam="2025"), default=2026, years=years) == 2026
    with pytest.raises(NotFound, match="Không có số liệu năm 2025."):
        params.query_year(_get(nam="2025"), default=2026, years=years, strict=True)


def test_a_year_of_an_address_is_checked_against_its_range():
    assert params.url_year(2015) == 2015
    with pytest.raises(NotFound, match="chỉ các năm từ 2025 đến 2026"):
        params.url_year(2024, first=2025, last=2026)


@pytest.mark.parametrize(("raw", "page"), [("3", 3), ("0", 1), ("1000001", 1), ("²", 1)])
def test_a_page_number_is_from_one_to_a_million(raw, page):
    assert params.query_page(_get(trang=raw)) == page


def test_an_address_takes_a_year_of_four_digits_at_most():
    assert resolve("/quan-ly/bao-cao/tinh/2026/").kwargs == {"year": 2026}
    for year in ("99999", "9" * 20, "٢٠٢٦"):
        with pytest.raises(Resolver404):
            resolve(f"/quan-ly/bao-cao/tinh/{year}/")


@pytest.mark.django_db
def test_the_404_page_says_what_there_is_and_keeps_djangos_english_to_itself(
    client, staff_a, commune_a
):
    response = client.get("/thong-ke/?nam=1999")
    assert response.status_code == 404
    assert "Không có số liệu năm 1999." in response.content.decode()

    login(client, staff_a)
    response = client.get(f"/quan-ly/hoi-vien/{commune_a.code}/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Trang bạn tìm không tồn tại hoặc bạn không có quyền xem." in page
    assert "matches the given query" not in page
