"""A NUL byte in a query string is dropped before any view sees it: PostgreSQL refuses
it in any text, and the admin's filters hand their values to a query as they come."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from khuyenhoc.core.web.middleware import query_without_nul
from tests.factories import login


def test_nul_bytes_leave_every_key_and_value():
    seen = {}

    def view(request):
        seen.update(request.GET.lists())

    query_without_nul(view)(RequestFactory().get("/", {"q": "Lò\x00 Thị", "a\x00b": ["1", "\x00"]}))
    assert seen == {"q": ["Lò Thị"], "ab": ["1", ""]}


@pytest.mark.django_db
def test_an_admin_filter_given_a_nul_byte_shows_its_page(client, administrator):
    login(client, administrator)
    url = reverse("admin:titles_registration_changelist")
    assert client.get(url, {"state__exact": "\x00"}).status_code == 200
