"""The commune's review of what households sent: accept (a registration and an
evaluation in the lists, whose public figures follow), return with a reason the
household reads and fixes, refuse; many at once; everything in the history."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from khuyenhoc.figures import selectors as figures_api
from tests.factories import login
from titles.models import HouseholdCode, Registration, SelfRegistration
from titles.selfservice import services

from .conftest import YEAR, open_with, sent_directly

pytestmark = pytest.mark.django_db


def _figures(commune):
    return figures_api.of_commune(commune.code, YEAR)


def test_accepting_registers_and_evaluates_and_the_public_figures_follow(
    staff_a, commune_a, village_a, issued
):
    row, _ = issued[0]
    citizen = sent_directly(row, village_a)
    household = sent_directly(row, village_a, title="household", name="Lò Văn Sơn")
    before = _figures(commune_a)

    services.submission_accept(user=staff_a, submission=citizen)
    services.submission_accept(user=staff_a, submission=household)

    after = _figures(commune_a)
    for metric in ("titles.citizen.registered", "titles.household.evaluated"):
        assert after.get(metric, 0) == before.get(metric, 0) + 1, metric
    citizen.refresh_from_db()
    registration = citizen.registration
    assert registration.citizen.full_name == "Lò Thị Hoa"
    assert registration.citizen_group == 1
    assert registration.evaluation.total == sum(citizen.answers.values())
    assert registration.evaluation.passed
    assert HouseholdCode.objects.get(pk=row.pk).household.head_name == "Lò Văn Sơn"
    reasons = list(citizen.history.values_list("history_change_reason", flat=True))
    assert "Người dân gửi" in reasons and "Xã tiếp nhận" in reasons


def test_the_evaluation_page_of_an_accepted_registration_links_what_was_sent(
    client, staff_a, village_a, issued
):
    sent = sent_directly(issued[0][0], village_a)
    services.submission_accept(user=staff_a, submission=sent)
    sent.refresh_from_db()
    login(client, staff_a)
    page = client.get(reverse("titles:evaluate", args=[sent.registration_id])).content.decode()
    assert reverse("titles:self_detail", args=[sent.pk]) in page


def test_next_year_the_code_registers_the_same_household_again(
    staff_a, commune_a, village_a, issued
):
    row, _ = issued[0]
    first = sent_directly(row, village_a, title="household", name="Lò Văn Sơn")
    services.submission_accept(user=staff_a, submission=first)
    first.refresh_from_db()
    household = first.registration.household
    row.refresh_from_db()
    assert row.household == household


def test_a_returned_submission_shows_its_reason_and_is_fixed_and_sent_again(
    client, staff_a, village_a, issued
):
    row, code = issued[0]
    sent = sent_directly(row, village_a, points=3)
    with pytest.raises(ValidationError, match="lý do"):
        services.submission_return(user=staff_a, submission=sent, reason=" ")
    services.submission_return(user=staff_a, submission=sent, reason="Thiếu ảnh giấy khen")

    cache.clear()
    open_with(client, code)
    page = client.get(reverse("selfservice:home")).content.decode()
    assert "Thiếu ảnh giấy khen" in page and f"?sua={sent.pk}" in page
    form = client.get(f"{reverse('selfservice:register')}?sua={sent.pk}").content.decode()
    assert 'value="Lò Thị Hoa"' in form
    data = {
        "full_name": "Lò Thị Hoa",
        "birth_year": 1990,
        "sex": "nu",
        "village": village_a.pk,
        "consent": "on",
        **{f"i{k}": 10 for k in sent.answers},
    }
    response = client.post(f"{reverse('selfservice:register')}?sua={sent.pk}", data)
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.state == "sent" and set(sent.answers.values()) == {10}
    assert SelfRegistration.objects.count() == 1


def test_another_household_cannot_open_a_returned_submission(client, staff_a, village_a, issued):
    (row, _), (_, other_code) = issued
    sent = sent_directly(row, village_a)
    services.submission_return(user=staff_a, submission=sent, reason="Thiếu minh chứng")
    cache.clear()
    open_with(client, other_code)
    response = client.get(f"{reverse('selfservice:register')}?sua={sent.pk}")
    assert response.status_code == 404
    assert "Lò Thị Hoa" not in response.content.decode()


def test_staff_accept_many_at_once_and_reject_one_with_a_reason(
    client, staff_a, commune_a, village_a, issued
):
    row, _ = issued[0]
    people = [sent_directly(row, village_a, name=f"Người Thứ {n}") for n in "ABC"]
    login(client, staff_a)
    reject = client.post(
        reverse("titles:self_detail", args=[people[2].pk]),
        {"action": "reject", "reason": "Không ở thôn này"},
    )
    assert reject.status_code == 302
    response = client.post(
        reverse("titles:self_accept_many", args=[commune_a.code]),
        {"chon": [str(p.pk) for p in people]},
        follow=True,
    )
    assert "Đã tiếp nhận 2 hồ sơ" in response.content.decode()
    assert Registration.objects.filter(commune=commune_a, title="citizen").count() == 2
    assert SelfRegistration.objects.get(pk=people[2].pk).state == "rejected"


def test_the_queue_flags_a_possible_duplicate_typed_without_diacritics(
    client, staff_a, commune_a, village_a, issued
):
    from titles import services as title_services

    title_services.citizen_create(
        user=staff_a,
        commune=commune_a,
        village=village_a,
        full_name="Lò Thị Hoa",
        birth_year=1990,
        sex="nu",
        group=1,
    )
    (row, _), (other, _) = issued
    sent_directly(row, village_a, name="lo thi hoa")
    twin = sent_directly(other, village_a, name="Lò Thị Hoa")
    sent_directly(other, village_a, name="Quàng Văn Khác")
    login(client, staff_a)
    page = client.get(reverse("titles:self_detail", args=[twin.pk])).content.decode()
    assert "Có thể trùng" in page
    assert "Trùng với công dân đã có" in page
    assert "Cùng họ tên, năm sinh, thôn với một hồ sơ khác năm nay" in page
    queue = client.get(reverse("titles:self_queue", args=[commune_a.code])).content.decode()
    assert queue.count("có thể trùng") == 2


def test_reviewers_read_the_queue_but_cannot_decide(client, reviewer, commune_a, village_a, issued):
    row, _ = issued[0]
    sent = sent_directly(row, village_a)
    login(client, reviewer)
    assert client.get(reverse("titles:self_queue", args=[commune_a.code])).status_code == 200
    response = client.post(reverse("titles:self_detail", args=[sent.pk]), {"action": "accept"})
    assert response.status_code == 403
    with pytest.raises(ValidationError):
        services.submission_accept(user=reviewer, submission=sent)
    assert SelfRegistration.objects.get().state == "sent"


def test_staff_of_another_commune_see_neither_queue_nor_submission(
    client, staff_b, commune_a, village_a, issued
):
    row, _ = issued[0]
    sent = sent_directly(row, village_a)
    login(client, staff_b)
    assert client.get(reverse("titles:self_queue", args=[commune_a.code])).status_code == 404
    assert client.get(reverse("titles:self_detail", args=[sent.pk])).status_code == 404
    response = client.post(reverse("titles:self_detail", args=[sent.pk]), {"action": "accept"})
    assert response.status_code == 404
    assert SelfRegistration.objects.get().state == "sent"


@pytest.mark.parametrize("reason", ["\x00\u202e", "x" * 5000, "", "   "])
def test_a_hostile_or_empty_reason_is_a_form_error_and_changes_nothing(
    client, staff_a, village_a, issued, reason
):
    sent = sent_directly(issued[0][0], village_a)
    login(client, staff_a)
    url = reverse("titles:self_detail", args=[sent.pk])
    for action in ("return", "reject"):
        response = client.post(url, {"action": action, "reason": reason})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Cần ghi lý do" in html or "tối đa 2000" in html
    response = client.post(url, {"action": "nonsense", "reason": reason})
    assert "Hãy bấm một trong các nút" in response.content.decode()
    assert SelfRegistration.objects.get().state == "sent"
