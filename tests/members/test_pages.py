from datetime import date

import pytest
from django.urls import reverse

from members.models import Member
from tests.factories import login, once
from tests.members.conftest import add_member

pytestmark = pytest.mark.django_db


def member_urls(commune, member, branch):
    code = commune.code
    return [
        reverse("members:list", args=[code]),
        reverse("members:create", args=[code]),
        reverse("members:edit", args=[code, member.pk]),
        reverse("members:leave", args=[code, member.pk]),
        reverse("members:erase", args=[code, member.pk]),
        reverse("members:import", args=[code]),
        reverse("members:template", args=[code]),
        reverse("members:export", args=[code]),
        reverse("members:branches", args=[code]),
        reverse("members:branch_create", args=[code]),
        reverse("members:branch_edit", args=[code, branch.pk]),
        reverse("members:branch_dissolve", args=[code, branch.pk]),
    ]


def test_anonymous_users_are_sent_to_the_login_page(client, staff_a, commune_a, branch_a):
    member = add_member(staff_a, branch_a)
    for url in member_urls(commune_a, member, branch_a):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))


def test_staff_of_another_commune_gets_404_on_every_members_url(
    client, staff_a, staff_b, commune_a, branch_a
):
    member = add_member(staff_a, branch_a, name="Lò Thị Bí Mật")
    login(client, staff_b)
    posted = {
        "full_name": "Kẻ Lạ",
        "gender": "nam",
        "birth_year": "1990",
        "branch": branch_a.pk,
        "joined_on": "2020-01-01",
        "left_on": "2024-01-01",
        "kind": "chi_hoi_thon",
        "name": "Chi hội lạ",
        "dissolved_on": "2024-01-01",
    }
    for url in member_urls(commune_a, member, branch_a):
        assert client.get(url).status_code == 404, url
        assert client.post(url, posted).status_code == 404, url
    member.refresh_from_db()
    assert member.full_name == "Lò Thị Bí Mật" and member.left_on is None
    assert Member.objects.count() == 1
    assert not branch_a.children.exists() and branch_a.dissolved_on is None


def test_staff_cannot_reach_another_communes_member_through_their_own_commune(
    client, staff_a, staff_b, commune_b, branch_a, branch_b
):
    member = add_member(staff_a, branch_a)
    login(client, staff_b)
    url = reverse("members:edit", args=[commune_b.code, member.pk])
    assert client.get(url).status_code == 404
    response = client.get(reverse("members:export", args=[commune_b.code]))
    assert response.status_code == 200
    assert member.member_number.encode() not in response.content


@pytest.mark.parametrize("typed", ["nguyen van a", "NGUYỄN VĂN A", "van a", "Nguyen Văn"])
def test_search_finds_a_name_with_or_without_diacritics(client, staff_a, branch_a, typed):
    add_member(staff_a, branch_a, name="Nguyễn Văn A")
    add_member(staff_a, branch_a, name="Trần Thị Bình", gender="nu")
    login(client, staff_a)
    page = client.get(reverse("members:list", args=[branch_a.commune_id]), {"q": typed})
    text = page.content.decode()
    assert "Nguyễn Văn A" in text
    assert "Trần Thị Bình" not in text


def test_filters_by_status_and_year_joined(client, staff_a, branch_a):
    gone = add_member(staff_a, branch_a, name="Đỗ Văn Đi", joined_on=date(2012, 1, 1))
    add_member(staff_a, branch_a, name="Hà Thị Ở", joined_on=date(2020, 1, 1), gender="nu")
    from members import services

    services.member_leave(user=staff_a, member=gone, left_on=date(2021, 1, 1))
    login(client, staff_a)
    url = reverse("members:list", args=[branch_a.commune_id])
    left = client.get(url, {"status": "roi"}).content.decode()
    assert "Đỗ Văn Đi" in left and "Hà Thị Ở" not in left
    joined_2020 = client.get(url, {"year": "2020"}).content.decode()
    assert "Hà Thị Ở" in joined_2020 and "Đỗ Văn Đi" not in joined_2020


def test_staff_adds_a_member_through_the_form_and_sees_vietnamese_errors(client, staff_a, branch_a):
    login(client, staff_a)
    url = reverse("members:create", args=[branch_a.commune_id])
    data = {
        "full_name": "Vi Thị Hoa",
        "gender": "nu",
        "birth_year": "1890",
        "branch": branch_a.pk,
        "joined_on": "2020-05-01",
    }
    response = client.post(url, once(data))
    assert "Năm sinh không thể trước năm" in response.content.decode()
    assert not Member.objects.exists()
    response = client.post(url, once({**data, "birth_year": "1990"}))
    assert response.status_code == 302
    assert Member.objects.get().full_name == "Vi Thị Hoa"


def test_erasing_through_the_page_keeps_the_row(client, staff_a, branch_a):
    member = add_member(staff_a, branch_a, name="Cầm Văn Riêng")
    login(client, staff_a)
    url = reverse("members:erase", args=[branch_a.commune_id, member.pk])
    assert "nhật ký trang quản trị, ghi chú của xã" in client.get(url).content.decode()
    client.post(url)
    member.refresh_from_db()
    assert member.is_erased and member.full_name == ""
    page = client.get(reverse("members:list", args=[branch_a.commune_id])).content.decode()
    assert "Cầm Văn Riêng" not in page and "đã xoá thông tin cá nhân" in page


def test_the_list_uses_the_same_number_of_queries_whatever_the_page_size(
    client, staff_a, branch_a, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from members import views

    for i in range(60):
        add_member(staff_a, branch_a, name=f"Hội Viên {i}")
    login(client, staff_a)
    url = reverse("members:list", args=[branch_a.commune_id])
    counts = {}
    for size in (5, 50):
        monkeypatch.setattr(views, "PAGE_SIZE", size)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"q": "hoi vien"})
        assert response.content.decode().count("Hội Viên") >= size
        counts[size] = len(queries)
    assert counts[5] == counts[50] <= 15


def test_the_staff_home_links_to_members_and_branches(client, staff_a, commune_a):
    login(client, staff_a)
    page = client.get(reverse("areas:staff_home")).content.decode()
    assert reverse("members:list", args=[commune_a.code]) in page
    assert reverse("members:branches", args=[commune_a.code]) in page
