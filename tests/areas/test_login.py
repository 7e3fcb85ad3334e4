import pytest
from django.urls import reverse

from tests.factories import PASSWORD, login

pytestmark = pytest.mark.django_db

GENERIC = "Tên đăng nhập hoặc mật khẩu không đúng."


def test_the_login_page_is_in_vietnamese(client):
    page = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in page and "Mật khẩu" in page and 'lang="vi"' in page


def test_a_wrong_password_does_not_say_which_part_was_wrong(client, staff_a):
    wrong_password = client.post(reverse("login"), {"username": staff_a.username, "password": "x"})
    unknown_user = client.post(reverse("login"), {"username": "khong-co", "password": PASSWORD})
    for response in (wrong_password, unknown_user):
        assert response.status_code == 200
        assert GENERIC in response.content.decode()


def test_a_good_login_lands_on_the_staff_home(client, staff_a):
    response = client.post(reverse("login"), {"username": staff_a.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("areas:staff_home")


def test_logout_is_a_post_and_ends_the_session(client, staff_a):
    login(client, staff_a)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("areas:staff_home")).status_code == 302
