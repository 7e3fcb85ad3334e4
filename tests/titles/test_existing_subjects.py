"""The register page finds a subject the commune already has (last year's household,
citizen, clan or unit) and registers it again instead of creating a duplicate."""

import unicodedata

import pytest
from django.urls import reverse

from tests.factories import login, once
from titles import selectors, services
from titles.models import Citizen, Household, Registration

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def register_url(commune, title="household", year=YEAR):
    return reverse("titles:register", args=[commune.code, year, title])


@pytest.fixture
def last_year(staff_a, commune_a, household):
    return services.registration_create(
        user=staff_a, commune=commune_a, year=YEAR - 1, title="household", subject=household
    )


@pytest.fixture
def other_household(staff_b, commune_b, village_b):
    return services.household_create(
        user=staff_b, commune=commune_b, village=village_b, head_name="Lò Văn Sơn", members=3
    )


def test_picking_last_years_household_registers_it_for_the_year_without_a_new_subject(
    client, staff_a, commune_a, household, last_year
):
    login(client, staff_a)
    page = client.get(register_url(commune_a), {"tim": "lo van son"}).content.decode()
    assert "Hộ ông/bà Lò Văn Sơn" in page
    assert "Thôn Nà Lếch · 5 nhân khẩu" in page
    assert f"Đã đăng ký: {YEAR - 1}" in page
    assert f"Đăng ký năm {YEAR}</button>" in page

    response = client.post(
        register_url(commune_a) + "?tim=lo+van+son", once({"subject": household.pk})
    )

    assert response.status_code == 302
    assert Household.objects.count() == 1
    assert sorted(household.registrations.values_list("year", flat=True)) == [YEAR - 1, YEAR]
    registration = household.registrations.get(year=YEAR)
    assert registration.created_by == staff_a
    assert registration.history.get().history_user == staff_a
    listing = client.get(response["Location"]).content.decode()
    assert "Đã đăng ký: Hộ ông/bà Lò Văn Sơn." in listing
    assert f"mã {registration.pk}" in listing


def test_a_subject_already_registered_for_the_year_is_refused_in_vietnamese_and_nothing_is_written(
    client, staff_a, commune_a, household, registration
):
    login(client, staff_a)
    page = client.get(register_url(commune_a), {"tim": "Sơn"}).content.decode()
    assert f"Đã đăng ký năm {YEAR}</p>" in page
    assert 'name="subject"' not in page
    histories = Registration.history.count()

    response = client.post(register_url(commune_a), once({"subject": household.pk}))

    assert response.status_code == 200
    assert (
        f"Hộ ông/bà Lò Văn Sơn đã đăng ký «Gia đình học tập» năm {YEAR}."
        in response.content.decode()
    )
    assert Registration.objects.get() == registration
    assert Registration.history.count() == histories
    assert Household.objects.count() == 1


def test_staff_cannot_register_another_communes_subject_by_posting_its_id(
    client, staff_a, commune_a, village_a, other_household
):
    login(client, staff_a)
    for value in (other_household.pk, "abc", "", "-1", "99999999999999999999"):
        response = client.post(register_url(commune_a), once({"subject": value}))
        assert response.status_code == 404, value
    assert not Registration.objects.exists()
    with pytest.raises(services.ValidationError, match="thuộc xã, phường khác"):
        services.registration_create(
            user=staff_a,
            commune=commune_a,
            year=YEAR,
            title="household",
            subject=other_household,
        )
    assert not Registration.objects.exists()


def test_a_subject_of_another_title_cannot_be_picked(client, staff_a, commune_a, household):
    login(client, staff_a)
    response = client.post(register_url(commune_a, "unit"), once({"subject": household.pk}))
    assert response.status_code == 404
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "Lò Văn Sơn",
        "lo van son",
        "LO VAN",
        "văn sơn",
        unicodedata.normalize("NFD", "Lò Văn Sơn"),
    ],
)
def test_search_finds_the_household_with_or_without_diacritics(
    client, staff_a, commune_a, household, other_household, text
):
    login(client, staff_a)
    page = client.get(register_url(commune_a), {"tim": text}).content.decode()
    assert page.count("<b>Hộ ông/bà Lò Văn Sơn</b>") == 1  # not the other commune's namesake
    assert f'name="subject" value="{household.pk}"' in page
    assert f'name="subject" value="{other_household.pk}"' not in page


def test_search_without_a_match_says_so_and_offers_the_new_subject_form(
    client, staff_a, commune_a, household
):
    login(client, staff_a)
    page = client.get(register_url(commune_a), {"tim": "Hà Thị"}).content.decode()
    assert "Không tìm thấy «Hà Thị» trong danh sách của xã." in page
    assert "Tạo mới và đăng ký" in page


def test_search_ignores_control_characters(client, staff_a, commune_a, household):
    login(client, staff_a)
    response = client.get(register_url(commune_a), {"tim": "lo\x00 van\x07 son"})
    assert response.status_code == 200
    assert "<b>Hộ ông/bà Lò Văn Sơn</b>" in response.content.decode()


def test_citizens_are_found_by_name_without_accents(client, staff_a, commune_a, village_a):
    services.citizen_create(
        user=staff_a,
        commune=commune_a,
        village=village_a,
        full_name="Nguyễn Văn A",
        birth_year=1980,
        sex="nam",
        group=1,
    )
    login(client, staff_a)
    page = client.get(register_url(commune_a, "citizen"), {"tim": "nguyen van a"}).content
    assert "Nguyễn Văn A" in page.decode()
    assert "sinh 1980 · Thôn Nà Lếch" in page.decode()


def test_search_takes_two_queries_however_many_subjects_match(
    staff_a, commune_a, village_a, django_assert_num_queries
):
    for n in range(30):
        household = services.household_create(
            user=staff_a, commune=commune_a, village=village_a, head_name=f"Lò Văn {n}", members=2
        )
        services.registration_create(
            user=staff_a, commune=commune_a, year=YEAR - 1, title="household", subject=household
        )
    with django_assert_num_queries(2):
        matches, more = selectors.subject_search(staff_a, commune_a, "household", "lo van", YEAR)
        assert [m.years for m in matches] == [[(YEAR - 1, False)]] * selectors.MATCHES_SHOWN
    assert more


def test_a_namesake_in_the_same_village_is_shown_before_a_second_subject_is_created(
    client, staff_a, commune_a, village_a, household, last_year
):
    login(client, staff_a)
    data = {"head_name": "lò văn sơn", "members": 4, "village": village_a.pk}

    response = client.post(register_url(commune_a), once(data))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Trong xã đã có 1 đối tượng trùng tên cùng thôn" in page
    assert f'name="subject" value="{household.pk}"' in page
    assert "Vẫn tạo mới" in page
    assert Household.objects.count() == 1

    response = client.post(register_url(commune_a), once({**data, "trung-ten": "1"}))

    assert response.status_code == 302
    assert Household.objects.count() == 2
    assert Registration.objects.filter(year=YEAR).count() == 1


def test_a_namesake_born_another_year_is_not_a_match(client, staff_a, commune_a, village_a):
    services.citizen_create(
        user=staff_a,
        commune=commune_a,
        village=village_a,
        full_name="Lò Thị Hoa",
        birth_year=1990,
        sex="nu",
        group=1,
    )
    login(client, staff_a)
    data = {
        "full_name": "Lò Thị Hoa",
        "birth_year": 1991,
        "sex": "nu",
        "group": 1,
        "village": village_a.pk,
    }
    response = client.post(register_url(commune_a, "citizen"), once(data))
    assert response.status_code == 302
    assert Citizen.objects.count() == 2
