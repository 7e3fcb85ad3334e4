"""The printed lists: what the commune proposed, to sign and send, and what was decided."""

import pytest
from django.urls import reverse

from khuyenhoc.areas.models import Village
from tests.factories import login
from titles import corrections, recognition, services

from .conftest import YEAR, approve, full_points, household_registered

pytestmark = pytest.mark.django_db


def proposal_url(commune):
    return reverse("titles:proposal", args=[commune.code, YEAR, "household"])


def test_the_proposal_prints_every_entry_with_its_result_and_the_number_passing(
    client, staff_a, commune_a, village_a, registration
):
    services.registration_evaluate(
        user=staff_a, registration=registration, points=full_points("household")
    )
    failing = household_registered(staff_a, commune_a, village_a, "Hà Văn Tú")
    services.registration_evaluate(
        user=staff_a, registration=failing, points={k: 0 for k in full_points("household")}
    )
    login(client, staff_a)
    assert client.get(proposal_url(commune_a)).status_code == 404  # not proposed yet
    recognition.list_propose(user=staff_a, commune=commune_a, year=YEAR, title="household")
    page = client.get(proposal_url(commune_a)).text
    assert f"DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN GIA ĐÌNH HỌC TẬP NĂM {YEAR}" in page
    assert "Hộ ông/bà Lò Văn Sơn</td><td>Thôn Nà Lếch" in page
    assert "<td>Đạt</td>" in page and "Không đạt: " in page
    assert "Tổng cộng: 2, trong đó 1 đạt." in page
    listed = client.get(reverse("titles:list", args=[commune_a.code, YEAR, "household"])).text
    assert proposal_url(commune_a) in listed


def test_the_proposal_still_prints_after_the_decision(
    client, staff_a, reviewer, commune_a, proposed_list
):
    approve(reviewer, proposed_list)
    login(client, staff_a)
    assert "Tổng cộng: 1, trong đó 1 đạt." in client.get(proposal_url(commune_a)).text


def test_staff_of_another_commune_cannot_print_it(client, staff_b, commune_a, proposed_list):
    login(client, staff_b)
    assert client.get(proposal_url(commune_a)).status_code == 404


def test_a_name_corrected_after_the_decision_leaves_the_signed_documents_as_signed(
    client, staff_a, reviewer, commune_a, village_a, household
):
    """Recognised last year as «Lò Văn Sơn», corrected this year through the open list:
    last year's decision and certificate still print what was signed."""
    last_year = services.registration_create(
        user=staff_a, commune=commune_a, year=YEAR - 1, title="household", subject=household
    )
    services.registration_evaluate(
        user=staff_a, registration=last_year, points=full_points("household", YEAR - 1)
    )
    rlist = recognition.list_propose(
        user=staff_a, commune=commune_a, year=YEAR - 1, title="household"
    )
    approve(reviewer, rlist)
    this_year = services.registration_create(
        user=staff_a, commune=commune_a, year=YEAR, title="household", subject=household
    )
    moved_to = Village.objects.create(commune=commune_a, name="Bản Có", name_folded="ban co")
    corrections.subject_correct(
        user=staff_a,
        registration=this_year,
        data={"head_name": "Lò Văn Sơm", "members": 5, "village": moved_to},
    )
    login(client, staff_a)
    decision = reverse("titles:decision", args=[commune_a.code, YEAR - 1, "household"])
    printed = client.get(decision).text
    assert "Hộ ông/bà Lò Văn Sơn</td><td>Thôn Nà Lếch</td>" in printed
    assert "Sơm" not in printed
    certificate = client.get(reverse("titles:certificate", args=[last_year.pk])).text
    assert "Hộ ông/bà Lò Văn Sơn" in certificate and "Thôn Nà Lếch" in certificate
    listed = client.get(reverse("titles:list", args=[commune_a.code, YEAR - 1, "household"])).text
    assert "Hộ ông/bà Lò Văn Sơm" in listed  # the working list shows the subject as it is
