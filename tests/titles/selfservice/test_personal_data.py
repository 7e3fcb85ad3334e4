"""What households send is personal data: evidence only to the commune's staff, erased
with the person, purged after the retention period; the status page and certificate
show a household only its own."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import login
from titles import corrections, recognition
from titles.models import Registration, SelfEvidence, SelfRegistration
from titles.selfservice import evidence, services

from .conftest import YEAR, open_with, photo_bytes, sent_directly

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_photo(issued, village_a):
    upload = SimpleUploadedFile("anh.jpg", photo_bytes(), content_type="image/jpeg")
    return sent_directly(issued[0][0], village_a, files=[evidence.kept(upload)])


def test_evidence_answers_404_to_everyone_but_the_commune_s_staff(
    client, with_photo, staff_a, staff_b, reviewer, administrator
):
    url = reverse("titles:self_evidence", args=[with_photo.evidence.get().pk])
    response = client.get(url)
    assert response.status_code == 404, "no login page either: it would tell a file is there"
    assert b"\xff\xd8\xff" not in response.content
    for outsider in (staff_b, reviewer, administrator):
        login(client, outsider)
        response = client.get(url)
        assert response.status_code == 404, outsider.username
        assert b"\xff\xd8\xff" not in response.content
        client.logout()
    login(client, staff_a)
    response = client.get(url)
    assert response.status_code == 200 and response.content[:3] == b"\xff\xd8\xff"
    assert "no-store" in response["Cache-Control"]


def test_evidence_stays_closed_to_every_household_s_code(client, with_photo, issued):
    url = reverse("titles:self_evidence", args=[with_photo.evidence.get().pk])
    for _, code in issued:  # its own household's code, then another's
        cache.clear()
        open_with(client, code)
        response = client.get(url)
        assert response.status_code == 404
        assert b"\xff\xd8\xff" not in response.content


def test_erasing_the_person_deletes_what_they_sent_with_its_history(staff_a, with_photo, commune_a):
    services.submission_accept(user=staff_a, submission=with_photo)
    registration = Registration.objects.get(commune=commune_a, title="citizen")
    corrections.person_erase(user=staff_a, registration=registration)
    assert not SelfRegistration.objects.exists()
    assert not SelfEvidence.objects.exists()
    assert not SelfRegistration.history.filter(full_name__icontains="Hoa").exists()
    assert Registration.objects.filter(pk=registration.pk).exists(), "the figures' row stays"


def test_the_purge_deletes_what_is_older_than_the_retention_period(
    staff_a, village_a, issued, settings
):
    settings.SELF_SERVICE_RETENTION_DAYS = 30
    row, _ = issued[0]
    old = sent_directly(row, village_a, name="Người Cũ")
    services.submission_accept(user=staff_a, submission=old)
    SelfRegistration.objects.filter(pk=old.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=31)
    )
    recent = sent_directly(row, village_a, name="Người Mới")
    out = io.StringIO()
    call_command("purge_self_service", stdout=out)
    assert "Đã xoá 1 hồ sơ tự đăng ký quá 30 ngày" in out.getvalue()
    assert list(SelfRegistration.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not SelfRegistration.history.filter(id=old.pk).exists()
    assert Registration.objects.filter(title="citizen").count() == 1


def test_the_household_prints_its_certificate_once_recognised_and_no_other_can(
    client, staff_a, reviewer, commune_a, village_a, issued
):
    (row, code), (_, other_code) = issued
    sent = sent_directly(row, village_a)
    services.submission_accept(user=staff_a, submission=sent)
    cache.clear()
    open_with(client, code)
    assert "In giấy chứng nhận" not in client.get(reverse("selfservice:home")).content.decode()

    rlist = recognition.list_propose(user=staff_a, commune=commune_a, year=YEAR, title="citizen")
    recognition.list_approve(
        user=reviewer,
        rlist=rlist,
        decision_number="15/QĐ-UBND",
        decision_date=timezone.localdate(),
        signer="Lường Văn Thắng",
    )
    page = client.get(reverse("selfservice:home")).content.decode()
    assert "Được công nhận" in page and "In giấy chứng nhận" in page
    url = f"{reverse('selfservice:certificate')}?so={sent.pk}"
    certificate = client.get(url).content.decode()
    assert "GIẤY CHỨNG NHẬN" in certificate and "Lò Thị Hoa" in certificate
    assert "15/QĐ-UBND" in certificate

    cache.clear()
    open_with(client, other_code)
    assert client.get(url).status_code == 404


def test_staff_erase_a_waiting_submission_on_request_and_nothing_of_it_stays(
    client, staff_a, with_photo
):
    login(client, staff_a)
    response = client.post(reverse("titles:self_detail", args=[with_photo.pk]), {"action": "erase"})
    assert response.status_code == 302
    assert not SelfRegistration.objects.exists() and not SelfEvidence.objects.exists()
    assert not SelfRegistration.history.exists()


def test_an_accepted_submission_is_erased_with_the_person_not_alone(staff_a, with_photo):
    services.submission_accept(user=staff_a, submission=with_photo)
    with pytest.raises(ValidationError, match="xoá thông tin cá nhân ở trang đăng ký"):
        services.submission_erase(user=staff_a, submission=with_photo)
