"""Commune staff correct a subject's details (a misspelt name, a household's members, a
village) from one of its registrations: recorded in the history with who and why, never
on a locked list, never with another commune's village; a citizen's new group moves the
open years' registrations and figures, never a decided year's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from khuyenhoc.areas.models import Village
from khuyenhoc.figures.selectors import of_communes as figures_of
from tests.factories import login
from tests.metric_names import citizen_group_metric
from titles import corrections, recognition, selectors, services
from titles.models import Citizen, Household, Registration

from .conftest import YEAR, approve, full_points

pytestmark = pytest.mark.django_db


def correct_url(registration):
    return reverse("titles:correct", args=[registration.pk])


def household_post(household, **changes):
    return {"head_name": household.head_name, "members": household.members,
            "village": household.village_id, **changes}  # fmt: skip


def test_the_form_shows_the_subjects_current_details(client, staff_a, registration):
    login(client, staff_a)
    page = client.get(correct_url(registration)).content.decode()
    assert 'value="Lò Văn Sơn"' in page
    assert 'value="5"' in page
    assert "Lưu thông tin" in page


def test_the_page_lists_the_years_the_subject_registered_for_the_title_newest_first(
    client, staff_a, commune_a, registration, household
):
    for year in (YEAR - 2, YEAR - 1):
        services.registration_create(
            user=staff_a, commune=commune_a, year=year, title="household", subject=household
        )
    withdrawn = Registration.objects.get(year=YEAR - 2)
    services.registration_withdraw(user=staff_a, registration=withdrawn)
    login(client, staff_a)
    page = client.get(correct_url(registration)).content.decode()
    assert f"<b>{YEAR}</b>: Đã đăng ký" in page
    assert page.index(f"<b>{YEAR}</b>") < page.index(f"<b>{YEAR - 1}</b>")
    assert f"<b>{YEAR - 2}</b>" not in page


def test_the_years_are_read_through_the_subjects_index(registration):
    """The query explained with sequential scans priced out: it must be able to use the
    (subject, year) index, or it would read a province's registrations whole."""
    with CaptureQueriesContext(connection) as queries:
        assert [r.pk for r in selectors.years_of(registration)] == [registration.pk]
    (query,) = queries.captured_queries
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + query["sql"])
        plan = "\n".join(line for (line,) in cursor.fetchall())
    assert "uniq_registration_household_year" in plan


def test_staff_correct_a_household_and_the_history_says_who_and_why(
    client, staff_a, registration, household
):
    login(client, staff_a)
    response = client.post(
        correct_url(registration), household_post(household, head_name="Lò Văn Sơm", members=6)
    )
    assert response.status_code == 302
    household.refresh_from_db()
    assert (household.head_name, household.members, household.name_folded) == (
        "Lò Văn Sơm",
        6,
        "lo van som",
    )
    latest = household.history.first()
    assert (latest.history_type, latest.history_user, latest.history_change_reason) == (
        "~",
        staff_a,
        "Sửa thông tin đối tượng",
    )
    assert latest.prev_record.head_name == "Lò Văn Sơn"
    listed = client.get(response["Location"]).content.decode()
    assert "Đã lưu thông tin của Hộ ông/bà Lò Văn Sơm." in listed


def test_saving_unchanged_details_writes_no_history(client, staff_a, registration, household):
    login(client, staff_a)
    before = household.history.count()
    assert client.post(correct_url(registration), household_post(household)).status_code == 302
    assert household.history.count() == before


def test_a_village_of_another_commune_is_refused_and_nothing_changes(
    client, staff_a, registration, household, village_b
):
    login(client, staff_a)
    response = client.post(
        correct_url(registration), household_post(household, village=village_b.pk)
    )
    assert response.status_code == 200
    assert "Lựa chọn này không có trong danh sách; hãy chọn lại." in response.content.decode()
    household.refresh_from_db()
    assert household.village_id != village_b.pk
    with pytest.raises(Exception, match="xã, phường khác"):
        corrections.subject_correct(
            user=staff_a,
            registration=registration,
            data=household_post(household, village=village_b),
        )
    household.refresh_from_db()
    assert household.village_id != village_b.pk


def test_out_of_range_members_get_a_vietnamese_error_and_nothing_is_written(
    client, staff_a, registration, household
):
    login(client, staff_a)
    response = client.post(correct_url(registration), household_post(household, members=0))
    assert response.status_code == 200
    assert "Giá trị phải lớn hơn hoặc bằng 1." in response.content.decode()
    household.refresh_from_db()
    assert household.members == 5


def test_a_proposed_list_shows_the_details_locked_and_refuses_a_correction(
    client, staff_a, registration, household, proposed_list
):
    login(client, staff_a)
    page = client.get(correct_url(registration)).content.decode()
    assert "chờ thẩm định" in page
    assert "Lưu thông tin" not in page
    client.post(correct_url(registration), household_post(household, head_name="Đổi tên"))
    household.refresh_from_db()
    assert household.head_name == "Lò Văn Sơn"


def test_the_village_a_household_moved_out_of_stays_choosable(
    client, staff_a, registration, household, village_a, commune_a
):
    """A village merged away (inactive) is still the household's until staff move it."""
    Village.objects.filter(pk=village_a.pk).update(is_active=False)
    login(client, staff_a)
    assert (
        client.post(correct_url(registration), household_post(household, members=7)).status_code
        == 302
    )
    household.refresh_from_db()
    assert (household.members, household.village_id) == (7, village_a.pk)


def citizen_post(citizen, **changes):
    fields = ["full_name", "birth_year", "sex", "group"]
    return {**{f: getattr(citizen, f) for f in fields}, "village": citizen.village_id, **changes}


def register(staff, commune, citizen, year):
    return services.registration_create(
        user=staff, commune=commune, year=year, title="citizen", subject=citizen
    )


def test_a_changed_group_moves_the_citizen_in_the_figures(client, staff_a, commune_a, citizen):
    registration = register(staff_a, commune_a, citizen, YEAR)
    login(client, staff_a)
    client.post(correct_url(registration), citizen_post(citizen, group=3))
    figures = figures_of(year=YEAR, communes=[commune_a.code])[commune_a.code]
    assert figures.get(citizen_group_metric(3, "registered")) == 1
    assert not figures.get(citizen_group_metric(1, "registered"))


def test_a_citizen_recognised_last_year_moves_group_this_year_only(
    client, staff_a, reviewer, commune_a, citizen
):
    """A pupil last year, a worker now: last year's decided figures keep the pupil."""
    last_year = YEAR - 1
    decided = register(staff_a, commune_a, citizen, last_year)
    services.registration_evaluate(
        user=staff_a, registration=decided, points=full_points("citizen", last_year)
    )
    rlist = recognition.list_propose(
        user=staff_a, commune=commune_a, year=last_year, title="citizen"
    )
    approve(reviewer, rlist)
    this_year = register(staff_a, commune_a, citizen, YEAR)
    login(client, staff_a)
    response = client.post(correct_url(this_year), citizen_post(citizen, group=2))
    assert response.status_code == 302
    assert Citizen.objects.get(pk=citizen.pk).group == 2
    this_year.refresh_from_db()
    decided.refresh_from_db()
    assert (this_year.citizen_group, decided.citizen_group) == (2, 1)
    assert this_year.history.first().history_user == staff_a
    figures = figures_of(year=last_year, communes=[commune_a.code])[commune_a.code]
    assert figures.get(citizen_group_metric(1, "recognised")) == 1
    assert not figures.get(citizen_group_metric(2, "registered"))
    figures = figures_of(year=YEAR, communes=[commune_a.code])[commune_a.code]
    assert figures.get(citizen_group_metric(2, "registered")) == 1


def test_a_clans_villages_are_corrected(client, staff_a, commune_a, village_a):
    other = Village.objects.create(commune=commune_a, name="Bản Có", name_folded="ban co")
    registration = services.subject_register(
        user=staff_a,
        commune=commune_a,
        year=YEAR,
        title="clan",
        data={"name": "Lò", "villages": [village_a]},
    )
    login(client, staff_a)
    response = client.post(
        correct_url(registration), {"name": "Lò", "villages": [village_a.pk, other.pk]}
    )
    assert response.status_code == 302
    assert set(registration.clan.villages.all()) == {village_a, other}


def test_villages_and_the_commune_itself_have_no_correction_page(
    client, staff_a, commune_a, village_a
):
    registration = services.subject_register(
        user=staff_a, commune=commune_a, year=YEAR, title="village", data={"village": village_a}
    )
    login(client, staff_a)
    assert client.get(correct_url(registration)).status_code == 404


def test_staff_of_another_commune_can_neither_read_nor_correct(
    client, staff_b, registration, household
):
    login(client, staff_b)
    assert client.get(correct_url(registration)).status_code == 404
    response = client.post(correct_url(registration), household_post(household, head_name="X"))
    assert response.status_code == 404
    assert Household.objects.get(pk=household.pk).head_name == "Lò Văn Sơn"
    with pytest.raises(Exception, match="không có quyền"):
        corrections.subject_correct(
            user=staff_b,
            registration=registration,
            data=household_post(household, head_name="X", village=household.village),
        )


def test_a_reviewer_is_led_from_the_subject_to_its_history(
    client, reviewer, staff_a, registration, household
):
    login(client, staff_a)
    client.post(correct_url(registration), household_post(household, members=6))
    client.logout()
    login(client, reviewer)
    page = client.get(correct_url(registration)).text
    history_url = reverse("areas:history", args=["titles.Household", household.pk])
    assert history_url in page
    history = client.get(history_url).text
    assert '<div class="muted">Sửa thông tin đối tượng</div>' in history
    assert "<strong>Số nhân khẩu</strong>: 5 → 6" in history
