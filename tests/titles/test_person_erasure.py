"""A citizen or a household's head may ask to be erased (Luật Bảo vệ dữ liệu cá nhân):
the personal fields go, in the subject and in its history; the registrations, the
evaluations and so every year's figures stay, even on a decided list."""

import datetime

import pytest
from django.urls import reverse

from khuyenhoc.figures import selectors as summary_figures
from tests.factories import login
from titles import corrections, figures, recognition, selectors, services
from titles.models import Citizen, Household

from .conftest import YEAR, approve, citizen_data, full_points

pytestmark = pytest.mark.django_db

ERASED = "(đã xoá thông tin cá nhân)"


def erase_url(registration):
    return reverse("titles:erase", args=[registration.pk])


@pytest.fixture
def citizen_registration(staff_a, commune_a, village_a):
    return services.subject_register(
        user=staff_a,
        commune=commune_a,
        year=YEAR,
        title="citizen",
        data=citizen_data(village_a, group=2),
    )


@pytest.fixture
def recognised_citizen(staff_a, reviewer, commune_a, citizen_registration):
    services.registration_evaluate(
        user=staff_a, registration=citizen_registration, points=full_points("citizen")
    )
    rlist = recognition.list_propose(user=staff_a, commune=commune_a, year=YEAR, title="citizen")
    approve(reviewer, rlist)
    citizen_registration.refresh_from_db()
    return citizen_registration


def test_the_confirmation_page_says_what_goes_and_what_stays(client, staff_a, citizen_registration):
    login(client, staff_a)
    page = client.get(erase_url(citizen_registration)).content.decode()
    assert "Xoá thông tin cá nhân của Lò Thị Hoa?" in page
    assert "họ tên, năm sinh và giới tính" in page
    assert "nhật ký trang quản trị, ghi chú của xã" in page  # where else the name goes
    assert Citizen.objects.get().full_name == "Lò Thị Hoa"  # a GET erases nothing


def test_erasing_a_recognised_citizen_blanks_the_history_and_keeps_the_figures(
    client, staff_a, commune_a, recognised_citizen
):
    before = summary_figures.of_communes(year=YEAR, communes=[commune_a.code])
    login(client, staff_a)
    response = client.post(erase_url(recognised_citizen))
    assert response.status_code == 302
    citizen = Citizen.objects.get()
    assert (citizen.full_name, citizen.name_folded, citizen.birth_year, citizen.sex) == (
        "",
        "",
        None,
        "",
    )
    assert citizen.erased_on == datetime.date.today()
    assert citizen.group == 2 and citizen.village_id is not None
    assert set(citizen.history.values_list("full_name", "birth_year", "sex")) == {("", None, "")}
    assert citizen.history.first().history_change_reason == "Xoá thông tin cá nhân theo yêu cầu"
    recognised_citizen.refresh_from_db()
    assert recognised_citizen.state == "recognised"
    assert summary_figures.of_communes(year=YEAR, communes=[commune_a.code]) == before
    counted_again = figures.compute(communes=[commune_a.code], years=[YEAR])
    for metric, value in counted_again[(commune_a.code, YEAR)].items():
        assert before[commune_a.code][metric] == value, metric
    listed = client.get(response["Location"]).content.decode()
    assert "Đã xoá thông tin cá nhân; số liệu các năm được giữ nguyên." in listed
    assert ERASED in listed and "Lò Thị Hoa" not in listed
    decision = reverse("titles:decision", args=[commune_a.code, YEAR, "citizen"])
    printed = client.get(decision).content.decode()
    assert ERASED in printed and "Lò Thị Hoa" not in printed
    certificate = reverse("titles:certificate", args=[recognised_citizen.pk])
    assert client.get(certificate).status_code == 404


def test_an_erased_household_is_no_longer_found_by_its_name(
    client, staff_a, commune_a, registration, household
):
    login(client, staff_a)
    client.post(erase_url(registration))
    household.refresh_from_db()
    assert household.is_erased and household.head_name == "" and household.members == 5
    found, _ = selectors.subject_search(staff_a, commune_a, "household", "lo van son", YEAR + 1)
    assert found == []
    page = client.get(reverse("titles:correct", args=[registration.pk])).content.decode()
    assert "đã được xoá theo yêu cầu" in page and "Lưu thông tin" not in page


def test_erasing_twice_and_correcting_after_are_refused(client, staff_a, registration, household):
    corrections.person_erase(user=staff_a, registration=registration)
    with pytest.raises(Exception, match="đã được xoá"):
        corrections.person_erase(user=staff_a, registration=registration)
    with pytest.raises(Exception, match="không sửa được"):
        corrections.subject_correct(
            user=staff_a,
            registration=registration,
            data={"head_name": "Lò Văn Sơn", "members": 5, "village": household.village},
        )
    assert Household.objects.get().head_name == ""


def test_clans_units_and_villages_have_no_erasure(client, staff_a, commune_a, village_a):
    clan = services.subject_register(
        user=staff_a, commune=commune_a, year=YEAR, title="clan", data={"name": "Lò"}
    )
    login(client, staff_a)
    assert client.get(erase_url(clan)).status_code == 404
    assert client.post(erase_url(clan)).status_code == 404


def test_staff_of_another_commune_cannot_erase(client, staff_b, registration, household):
    login(client, staff_b)
    assert client.get(erase_url(registration)).status_code == 404
    assert client.post(erase_url(registration)).status_code == 404
    assert Household.objects.get().head_name == "Lò Văn Sơn"
    with pytest.raises(Exception, match="không có quyền"):
        corrections.person_erase(user=staff_b, registration=registration)
