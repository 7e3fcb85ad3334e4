"""The one-time token of the create forms (khuyenhoc/submissions/once.py), on the
village form: a refused submission gives its token back, a token is its user's own, and
tokens and held uploads are purged after a day."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from khuyenhoc.areas.models import Village
from khuyenhoc.submissions.models import HeldUpload, SubmissionToken, purge_expired
from khuyenhoc.submissions.once import ALREADY_SENT, STALE
from tests.factories import login, make_user, once

pytestmark = pytest.mark.django_db


def test_a_refused_submission_gives_its_token_back_for_the_corrected_one(
    client, staff_a, commune_a
):
    login(client, staff_a)
    url = reverse("areas:village_create", args=[commune_a.code])
    sent = once({"name": "", "kind": "ban"})
    assert client.post(url, sent).status_code == 200  # the name is missing
    assert not SubmissionToken.objects.exists()
    response = client.post(url, {**sent, "name": "Bản Mòng"})
    assert response.status_code == 302
    assert list(Village.objects.values_list("name", flat=True)) == ["Bản Mòng"]
    token = SubmissionToken.objects.get()
    assert (token.user, token.path, token.target) == (staff_a, url, response["Location"])


def test_a_repeat_is_sent_where_the_first_led_and_writes_nothing(client, staff_a, commune_a):
    login(client, staff_a)
    url = reverse("areas:village_create", args=[commune_a.code])
    sent = once({"name": "Bản Mòng", "kind": "ban"})
    first = client.post(url, sent)
    second = client.post(url, {**sent, "name": "Bản Khác"}, follow=True)
    assert second.redirect_chain[-1][0] == first["Location"]
    assert ALREADY_SENT in second.content.decode()
    assert Village.objects.count() == 1


def test_another_users_token_leads_nowhere_and_writes_nothing(client, staff_a, commune_a):
    login(client, staff_a)
    url = reverse("areas:village_create", args=[commune_a.code])
    sent = once({"name": "Bản Mòng", "kind": "ban"})
    first = client.post(url, sent)
    client.logout()
    login(client, make_user("canbo_a2", role="commune_staff", communes=[commune_a]))
    response = client.post(url, {**sent, "name": "Bản Khác"}, follow=True)
    assert response.redirect_chain[-1][0] == url != first["Location"]
    assert STALE in response.content.decode()
    assert Village.objects.count() == 1


def test_tokens_and_held_uploads_older_than_a_day_are_purged(staff_a):
    now = timezone.now()
    for age in (timedelta(hours=23), timedelta(hours=25)):
        SubmissionToken.objects.create(
            token=f"t{age.total_seconds():0>30}", user=staff_a, path="/", created_at=now - age
        )
        HeldUpload.objects.create(
            user=staff_a, path="/", kind="members", data=b"x", digest="0", preview={},
            created_at=now - age,
        )  # fmt: skip
    purge_expired(now)
    assert SubmissionToken.objects.count() == HeldUpload.objects.count() == 1
    assert SubmissionToken.objects.get().created_at == now - timedelta(hours=23)
