"""The household's phone form: a self-assessment for every indicator, evidence checked
by content and stripped of metadata, consent, a checked ID number; small pages."""

import io
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from titles.models import SelfEvidence, SelfRegistration
from titles.selfservice import services

from .conftest import answers_for, open_with, photo_bytes, send_citizen

pytestmark = pytest.mark.django_db

PAGE_LIMIT = 50 * 1024


@pytest.fixture
def household_client(client, issued):
    cache.clear()
    open_with(client, issued[0][1])
    return client


def _weight(html: str) -> int:
    """The page and the styles and script it links, as a phone downloads them before
    images."""
    total = len(html.encode())
    for sheet in ("css/site.css", "css/selfservice.css", "js/selfservice.js"):
        if sheet in html:
            total += Path(finders.find(sheet)).stat().st_size
    return total


def test_every_page_of_the_household_weighs_under_50_kb_with_its_styles(
    household_client, client, commune_a
):
    urls = [
        reverse("selfservice:home"),
        f"{reverse('selfservice:register')}?loai=citizen&nhom=1",
        f"{reverse('selfservice:register')}?loai=household",
    ]
    for url in urls:
        response = household_client.get(url)
        assert response.status_code == 200, url
        assert _weight(response.content.decode()) < PAGE_LIMIT, url
    anonymous = client.__class__()
    entry = anonymous.get(reverse("selfservice:commune", args=[commune_a.code]))
    assert commune_a.name in entry.content.decode()
    assert _weight(entry.content.decode()) < PAGE_LIMIT


def test_the_form_asks_a_score_for_every_indicator_of_the_group(household_client):
    html = household_client.get(
        f"{reverse('selfservice:register')}?loai=citizen&nhom=4"
    ).content.decode()
    for field in answers_for("citizen", group=4):
        assert f'name="{field}"' in html
    assert "Nghị định 13/2023/NĐ-CP" in html
    assert 'enctype="multipart/form-data"' in html


def test_a_citizen_sends_a_self_assessment_with_a_photo_kept_without_its_metadata(
    household_client, village_a
):
    photo = SimpleUploadedFile("anh.jpg", photo_bytes(), content_type="image/jpeg")
    response = send_citizen(household_client, village_a, files=[photo], full_name="lo thi hoa")
    assert response.status_code == 302, response.content.decode()[:3000]

    sent = SelfRegistration.objects.get()
    assert sent.full_name == "lo thi hoa" and sent.state == "sent"
    assert sum(sent.answers.values()) == sum(answers_for("citizen").values())
    kept = SelfEvidence.objects.get()
    assert kept.content_type == "image/jpeg"
    assert b"Canon serial" not in bytes(kept.content)
    assert not Image.open(io.BytesIO(bytes(kept.content))).getexif()
    page = household_client.get(reverse("selfservice:home")).content.decode()
    assert "lo thi hoa" in page and "Đã gửi, chờ xã xem xét" in page


def test_a_file_that_is_no_photo_or_pdf_is_refused_whatever_its_name(household_client, village_a):
    fake = SimpleUploadedFile("anh.jpg", b"<html><script>alert(1)</script>", "image/jpeg")
    response = send_citizen(household_client, village_a, files=[fake])
    assert response.status_code == 200
    assert "không phải ảnh (JPG, PNG, WebP) hay PDF" in response.content.decode()
    assert not SelfRegistration.objects.exists()


def test_consent_is_required_and_nothing_is_kept_without_it(household_client, village_a):
    response = send_citizen(household_client, village_a, consent="")
    assert "Cần đánh dấu đồng ý" in response.content.decode()
    assert not SelfRegistration.objects.exists()


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("0141900123", "đúng 12 chữ số"),
        ("099190012345", "không phải mã tỉnh"),
        ("014085012345", "không khớp năm sinh 1990"),
        ("014090012345", "không khớp giới tính"),
    ],
)
def test_an_id_number_of_the_wrong_form_is_refused_with_the_reason(
    household_client, village_a, number, message
):
    response = send_citizen(household_client, village_a, id_number=number)
    assert message in response.content.decode()
    assert not SelfRegistration.objects.exists()


def test_a_well_formed_id_number_is_kept_without_spaces(household_client, village_a):
    response = send_citizen(household_client, village_a, id_number="014 190 012 345")
    assert response.status_code == 302
    assert SelfRegistration.objects.get().id_number == "014190012345"


def test_a_score_above_the_indicator_s_maximum_is_refused(household_client, village_a):
    field = next(iter(answers_for("citizen")))
    response = send_citizen(household_client, village_a, **{field: 99})
    assert response.status_code == 200
    assert not SelfRegistration.objects.exists()


def test_the_same_person_twice_from_one_household_is_refused(household_client, village_a):
    assert send_citizen(household_client, village_a).status_code == 302
    again = send_citizen(household_client, village_a, full_name="LÒ THỊ HOA")
    assert "đã được gửi đăng ký năm nay" in again.content.decode()
    assert SelfRegistration.objects.count() == 1


def test_a_household_sends_its_registration_once_a_year(household_client, village_a):
    data = {
        "full_name": "Quàng Văn Minh",
        "village": village_a.pk,
        "members": 4,
        "consent": "on",
        **answers_for("household"),
    }
    url = f"{reverse('selfservice:register')}?loai=household"
    assert household_client.post(url, data).status_code == 302
    assert "đã gửi đăng ký Gia đình học tập" in household_client.post(url, data).content.decode()
    page = household_client.get(reverse("selfservice:home")).content.decode()
    assert "Chủ hộ đăng ký Gia đình học tập" not in page


def test_without_a_code_the_form_shows_only_the_code_box(client):
    response = client.get(f"{reverse('selfservice:register')}?loai=citizen&nhom=1")
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()
    assert 'name="full_name"' not in response.content.decode()


def test_the_service_refuses_a_revoked_code(issued, staff_a, village_a):
    row, _ = issued[0]
    services.code_revoke(user=staff_a, code=row)
    from django.core.exceptions import ValidationError

    from .conftest import sent_directly

    with pytest.raises(ValidationError, match="thu hồi"):
        sent_directly(row, village_a)
