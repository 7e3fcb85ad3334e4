import pytest
from django.urls import reverse

from tests.factories import login

pytestmark = pytest.mark.django_db


def commune_urls(commune):
    return [
        reverse("areas:commune", args=[commune.code]),
        reverse("areas:denominator", args=[commune.code, 2026]),
        reverse("areas:village_create", args=[commune.code]),
    ]


def test_anonymous_users_are_sent_to_the_login_page(client, commune_a):
    for url in [reverse("areas:staff_home"), *commune_urls(commune_a)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_staff_sees_only_their_own_communes_on_the_home_page(client, staff_a, commune_a, commune_b):
    login(client, staff_a)
    page = client.get(reverse("areas:staff_home")).content.decode()
    assert commune_a.name in page
    assert commune_b.name not in page


def test_staff_of_another_commune_gets_404_on_every_commune_page(client, staff_b, commune_a):
    login(client, staff_b)
    for url in commune_urls(commune_a):
        assert client.get(url).status_code == 404
        assert client.post(url, {"population": "1", "name": "X", "kind": "thon"}).status_code == 404
    assert not commune_a.denominators.exists()
    assert not commune_a.villages.filter(name="X").exists()


def test_staff_of_the_commune_can_open_its_pages(client, staff_a, commune_a):
    login(client, staff_a)
    for url in commune_urls(commune_a):
        assert client.get(url).status_code == 200


def test_a_commune_outside_the_province_is_404_even_for_a_reviewer(client, reviewer):
    login(client, reviewer)
    hanoi_ward = 4  # Phường Ba Đình, Hà Nội: not in the demo province
    assert client.get(reverse("areas:commune", args=[hanoi_ward])).status_code == 404


def test_a_reviewer_can_open_any_commune_of_the_province(client, reviewer, commune_a, commune_b):
    login(client, reviewer)
    for commune in (commune_a, commune_b):
        assert client.get(reverse("areas:commune", args=[commune.code])).status_code == 200


def test_commune_staff_cannot_use_the_admin(client, staff_a):
    login(client, staff_a)
    for name in [
        "admin:index",
        "admin:areas_denominator_changelist",
        "admin:areas_village_changelist",
    ]:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert "/login/" in response["Location"]


def test_reviewer_admin_lists_only_the_province(client, reviewer, commune_a):
    login(client, reviewer)
    response = client.get(reverse("admin:areas_commune_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 75  # Sơn La's communes, not the country's
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_a_signed_in_users_role_is_read_with_the_user_and_costs_no_query_of_its_own(
    client, staff_a
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from khuyenhoc.areas.models import StaffProfile

    login(client, staff_a)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("areas:staff_home")).status_code == 200
    profile = connection.ops.quote_name(StaffProfile._meta.db_table)
    user = [q["sql"] for q in queries if "auth_user" in q["sql"].split(" WHERE ")[0]]
    assert user and profile in user[0], "the user is loaded with the staff profile"
    assert not [q["sql"] for q in queries if q["sql"].startswith(f"SELECT {profile}.")]
