"""Registration codes: issued by the commune, hard to guess, one household each,
revocable, and limited per address when guessed."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import login, once
from titles.models import HouseholdCode
from titles.selfservice import codes

from .conftest import open_with, sent_directly

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_throttle_left():
    cache.clear()
    yield
    cache.clear()


def test_issued_codes_are_random_numbered_and_stored_only_as_digests(issued, commune_a):
    (first, code_1), (second, code_2) = issued
    assert code_1 != code_2
    for code in (code_1, code_2):
        assert len(code) == 10 and set(code) <= set(codes.ALPHABET)
    assert [first.number, second.number] == [1, 2]
    stored = HouseholdCode.objects.get(pk=first.pk)
    assert stored.digest == codes.digest(code_1)
    assert code_1 not in str(HouseholdCode.objects.filter(pk=first.pk).values().get())


def test_staff_print_a_village_sheet_of_codes_once_after_issuing_them(
    client, staff_a, commune_a, village_a
):
    login(client, staff_a)
    url = reverse("titles:self_codes", args=[commune_a.code])
    response = client.post(url, once({"village": village_a.pk, "count": 3}))
    assert response.status_code == 302
    sheet = client.get(response["Location"]).content.decode()
    assert sheet.count('class="slip"') == 3
    assert "Phiếu số 3" in sheet and village_a.name in sheet
    assert reverse("selfservice:commune", args=[commune_a.code]) in sheet
    assert HouseholdCode.objects.filter(commune=commune_a).count() == 3


def test_a_code_typed_in_lower_case_with_a_dash_opens_its_household_only(client, issued, village_a):
    (first, code_1), (second, code_2) = issued
    sent_directly(first, village_a, name="Lò Thị Hoa")
    sent_directly(second, village_a, name="Quàng Văn Minh")

    typed = codes.shown(code_2).lower()
    response = open_with(client, typed)
    assert response.status_code == 302
    page = client.get(reverse("selfservice:home")).content.decode()
    assert "Quàng Văn Minh" in page
    assert "Lò Thị Hoa" not in page, "another household's submission showed"


def test_wrong_codes_are_limited_per_address_with_a_vietnamese_message(client, issued, settings):
    settings.SELF_SERVICE_CODE_FAILURES = 3
    for _ in range(3):
        response = open_with(client, "AAAAA-BBBBB")
        assert "Mã không đúng" in response.content.decode()
    (_, good_code) = issued[0]
    response = open_with(client, good_code)
    assert response.status_code == 429, "even a right code waits once the address is limited"
    assert "nhập sai mã quá nhiều lần" in response.content.decode()

    elsewhere = client.post(
        reverse("selfservice:enter"), {"code": good_code}, REMOTE_ADDR="10.9.9.9"
    )
    assert elsewhere.status_code == 302, "another address is not limited"


def test_a_revoked_code_no_longer_opens_its_page_even_in_an_open_session(client, staff_a, issued):
    row, code = issued[0]
    open_with(client, code)
    staff = client.__class__()
    login(staff, staff_a)
    assert staff.post(reverse("titles:self_code_revoke", args=[row.pk])).status_code == 302

    page = client.get(reverse("selfservice:home")).content.decode()
    assert "Mở hồ sơ của hộ" in page, "the session's household page must close"
    assert "Mã không đúng" in open_with(client, code).content.decode()


def test_staff_of_another_commune_and_reviewers_cannot_issue_or_revoke(
    client, staff_b, reviewer, commune_a, village_a, issued
):
    row, _ = issued[0]
    login(client, staff_b)
    url = reverse("titles:self_codes", args=[commune_a.code])
    assert client.post(url, once({"village": village_a.pk, "count": 1})).status_code == 404
    assert client.post(reverse("titles:self_code_revoke", args=[row.pk])).status_code == 404
    client.logout()
    login(client, reviewer)
    assert client.post(url, once({"village": village_a.pk, "count": 1})).status_code == 403
    assert HouseholdCode.objects.count() == 2
    assert not HouseholdCode.objects.filter(revoked_at__isnull=False).exists()
