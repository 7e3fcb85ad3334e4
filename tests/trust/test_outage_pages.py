import pytest
from django.db.utils import OperationalError
from django.test import Client

from khuyenhoc.public import urls as public_urls

pytestmark = pytest.mark.django_db


def home_pattern():
    return next(p for p in public_urls.urlpatterns if p.name == "home")


def test_a_database_outage_gives_a_vietnamese_503_not_a_stack_trace(monkeypatch, units):
    def database_down(request):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(home_pattern(), "callback", database_down)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Hệ thống tạm thời gián đoạn" in page and "Traceback" not in page


def test_any_other_error_gives_a_vietnamese_500(monkeypatch, units):
    def broken(request):
        raise RuntimeError("bug")

    monkeypatch.setattr(home_pattern(), "callback", broken)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "Xin lỗi, hệ thống đang gặp sự cố" in response.content.decode()
