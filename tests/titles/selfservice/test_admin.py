"""The province reads self-service in the admin, without what only the commune's staff
see: the self-assessment, the ID number, the evidence, the code itself."""

import pytest
from django.urls import reverse

from tests.factories import login
from titles.models import SelfRegistration
from titles.selfservice import services

from .conftest import sent_directly

pytestmark = pytest.mark.django_db


def test_a_reviewer_reads_self_service_in_the_admin_without_codes_id_numbers_or_answers(
    client, reviewer, staff_a, village_a, issued
):
    row, plain = issued[0]
    sent = sent_directly(row, village_a, points=7)
    SelfRegistration.objects.filter(pk=sent.pk).update(id_number="014190001234")
    login(client, reviewer)

    page = client.get(reverse("admin:titles_selfregistration_change", args=[sent.pk]))

    html = page.content.decode()
    assert page.status_code == 200 and "Lò Thị Hoa" in html
    assert "Số tệp minh chứng" in html and "Phiếu mã của hộ" in html
    assert "014190001234" not in html and "tự đánh giá" not in html.lower()
    assert "Lưu" not in html, "no save button: the admin writes nothing here"
    codes = client.get(reverse("admin:titles_householdcode_changelist")).content.decode()
    assert "Phiếu số" in codes and plain not in codes and row.digest not in codes
    lost = services.code_revoke(user=staff_a, code=issued[1][0])  # a row of history
    version = lost.history.get()
    for page in (
        reverse("admin:titles_householdcode_change", args=[lost.pk]),
        reverse("admin:titles_householdcode_history", args=[lost.pk]),
        reverse("admin:titles_householdcode_simple_history", args=[lost.pk, version.pk]),
    ):
        html = client.get(page).content.decode()
        assert "Phiếu số" in html and lost.digest not in html, page
