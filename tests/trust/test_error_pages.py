"""Every error page is Vietnamese, for visitors and for staff, as production answers it
(DEBUG off): 400, 403 (and the CSRF failure), 404, 405, 500."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from khuyenhoc.public import urls as public_urls
from tests.factories import login

pytestmark = pytest.mark.django_db

ENGLISH = ["Forbidden", "Not Found", "Bad Request", "Method Not Allowed", "Server Error"]


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def client_for(request, who):
    client = Client(raise_request_exception=False)
    if who:
        login(client, request.getfixturevalue(who))
    return client


def assert_vietnamese(response, status, phrase):
    page = response.content.decode()
    assert response.status_code == status
    assert phrase in page and 'lang="vi"' in page
    assert not [word for word in ENGLISH if word in page]


def break_home(monkeypatch, error):
    def broken(request):
        raise error

    home = next(p for p in public_urls.urlpatterns if p.name == "home")
    monkeypatch.setattr(home, "callback", broken)


@pytest.mark.parametrize("who", [None, "staff_a", "reviewer"])
def test_a_request_for_another_host_gets_a_vietnamese_400(request, who, units):
    response = client_for(request, who).get("/", HTTP_HOST="gia-mao.example")
    assert_vietnamese(response, 400, "Yêu cầu không hợp lệ")


@pytest.mark.parametrize("who", [None, "staff_a"])
def test_a_refused_permission_gets_a_vietnamese_403(request, who, monkeypatch, units):
    break_home(monkeypatch, PermissionDenied())
    assert_vietnamese(client_for(request, who).get("/"), 403, "Không có quyền truy cập")


def test_commune_staff_opening_the_province_report_get_a_vietnamese_403(client, staff_a):
    login(client, staff_a)
    year = timezone.localdate().year
    response = client.get(reverse("reports:province", args=[year]))
    assert_vietnamese(response, 403, "Chỉ cán bộ Hội tỉnh xem được báo cáo toàn tỉnh.")


def test_a_reviewer_refused_by_the_admin_gets_a_vietnamese_403(client, reviewer):
    login(client, reviewer)
    response = client.get(reverse("admin:auth_user_add"))
    assert_vietnamese(response, 403, "Không có quyền truy cập")


@pytest.mark.parametrize("who", [None, "staff_a"])
def test_a_form_sent_without_its_csrf_token_gets_a_vietnamese_403(request, who, units):
    client = client_for(request, who)
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert_vietnamese(response, 403, "Không gửi được biểu mẫu")


@pytest.mark.parametrize(
    "who, path",
    [
        (None, "/khong-co/"),
        ("staff_a", "/quan-ly/khong-co/"),
        ("staff_a", "/quan-ly/danh-hieu/dang-ky/999999/danh-gia/"),
        ("reviewer", "/quan-tri/khong-co/"),
    ],
)
def test_a_missing_page_gets_a_vietnamese_404(request, who, path, units):
    assert_vietnamese(client_for(request, who).get(path), 404, "Không tìm thấy trang")


def test_a_visitor_using_a_wrong_method_gets_a_vietnamese_405(client, units):
    response = client.delete(reverse("logout"))
    assert_vietnamese(response, 405, "Không thực hiện được")
    assert "POST" in response["Allow"]


def test_staff_opening_a_post_only_address_get_a_vietnamese_405(client, staff_a, commune_a):
    login(client, staff_a)
    year = timezone.localdate().year
    response = client.get(reverse("reports:submit", args=[commune_a.code, year]))
    assert_vietnamese(response, 405, "chỉ dùng cho nút bấm")
    assert response["Allow"] == "POST"


def test_a_reviewer_opening_the_admins_logout_address_gets_a_vietnamese_405(client, reviewer):
    login(client, reviewer)
    assert_vietnamese(client.get(reverse("admin:logout")), 405, "Không thực hiện được")
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize("who", [None, "staff_a"])
def test_a_bug_gets_a_vietnamese_500(request, who, monkeypatch, units):
    break_home(monkeypatch, RuntimeError("lỗi lập trình"))
    response = client_for(request, who).get("/")
    assert_vietnamese(response, 500, "Xin lỗi, hệ thống đang gặp sự cố")
