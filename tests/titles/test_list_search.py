"""The staff list of a commune's registrations: found by name or code, narrowed by state
and village, shown page by page, and never wider than the staff member's commune."""

import pytest
from django.urls import reverse

from tests.factories import login, registered_households
from titles import services

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def list_url(commune, title="household"):
    return reverse("titles:list", args=[commune.code, YEAR, title])


def register_households(staff, commune, village, names):
    registrations = []
    for name in names:
        household = services.household_create(
            user=staff, commune=commune, village=village, head_name=name, members=4
        )
        registrations.append(
            services.registration_create(
                user=staff, commune=commune, year=YEAR, title="household", subject=household
            )
        )
    return registrations


def shown(response):
    return [r.pk for r in response.context["page"].object_list]


def test_a_name_typed_without_diacritics_finds_the_household(client, staff_a, commune_a, village_a):
    son, _ = register_households(staff_a, commune_a, village_a, ["Lò Văn Sơn", "Quàng Thị Hoa"])
    login(client, staff_a)
    response = client.get(list_url(commune_a), {"q": "lo van son"})
    assert shown(response) == [son.pk]
    assert "Tìm thấy 1 đăng ký" in response.text


def test_a_registration_code_finds_that_registration(client, staff_a, commune_a, village_a):
    _, hoa = register_households(staff_a, commune_a, village_a, ["Lò Văn Sơn", "Quàng Thị Hoa"])
    login(client, staff_a)
    assert shown(client.get(list_url(commune_a), {"q": f"mã {hoa.pk}"})) == [hoa.pk]


def test_the_village_and_state_narrow_the_list(client, staff_a, commune_a, village_a):
    other = commune_a.villages.create(name="Bản Phiêng Ngùa", name_folded="ban phieng ngua")
    [here] = register_households(staff_a, commune_a, village_a, ["Lò Văn Sơn"])
    [there] = register_households(staff_a, commune_a, other, ["Lò Văn Sáng"])
    services.registration_withdraw(user=staff_a, registration=there)
    login(client, staff_a)
    assert shown(client.get(list_url(commune_a), {"village": other.pk})) == [there.pk]
    assert shown(client.get(list_url(commune_a), {"state": "registered"})) == [here.pk]


def test_the_list_is_shown_fifty_at_a_time_in_the_order_of_names(
    client, staff_a, commune_a, village_a
):
    registered_households(commune_a, village_a, range(120, 0, -1), YEAR)
    login(client, staff_a)
    first = client.get(list_url(commune_a))
    last = client.get(list_url(commune_a), {"trang": 3})
    names = [r.household.head_name for r in last.context["page"].object_list]
    assert len(shown(first)) == 50
    assert names == [f"Hộ {n:03}" for n in range(101, 121)]
    assert "trang 3/3" in last.text


def test_another_communes_village_is_refused_in_vietnamese_and_shows_nothing_of_it(
    client, staff_a, staff_b, commune_a, commune_b, village_a, village_b
):
    [theirs] = register_households(staff_b, commune_b, village_b, ["Lò Văn Sơn"])
    [ours] = register_households(staff_a, commune_a, village_a, ["Lò Văn Sơn"])
    login(client, staff_a)
    response = client.get(list_url(commune_a), {"village": village_b.pk, "q": "lo van"})
    assert response.status_code == 200
    assert "Điều kiện tìm không hợp lệ" in response.text
    assert shown(response) == [ours.pk]  # the name still applies, in this commune only
    by_code = client.get(list_url(commune_a), {"q": str(theirs.pk)})
    assert shown(by_code) == []
    assert client.get(list_url(commune_b), {"q": "lo van"}).status_code == 404
