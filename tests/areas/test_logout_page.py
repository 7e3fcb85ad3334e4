import pytest
from django.urls import reverse

from tests.factories import login

pytestmark = pytest.mark.django_db


def test_opening_the_logout_address_asks_with_a_button_and_keeps_the_session(client, staff_a):
    login(client, staff_a)
    response = client.get(reverse("logout"))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<form method="post" action="{reverse("logout")}">' in page
    assert '<button type="submit" class="primary">Đăng xuất</button>' in page
    assert "_auth_user_id" in client.session


def test_the_logout_page_tells_a_visitor_they_are_not_signed_in(client, units):
    response = client.get(reverse("logout"))
    assert response.status_code == 200
    assert "Bạn chưa đăng nhập" in response.content.decode()


def test_the_button_logs_out(client, staff_a):
    login(client, staff_a)
    assert client.post(reverse("logout"))["Location"] == reverse("public:home")
    assert "_auth_user_id" not in client.session
