"""An administrator adds indicators in the admin: a code stays unique for each group of
people across the set, and only Công dân học tập has indicators for one group."""

import pytest
from django.urls import reverse

from tests.factories import login
from titles.models import CriteriaSet, Indicator

pytestmark = pytest.mark.django_db


def group_form(group, new_rows):
    """The change form of `group` as the admin posts it: its indicators, then new rows."""
    rows = [
        {"id": i.pk, "order": i.order, "code": i.code, "name": i.name,
         "max_points": i.max_points, "citizen_group": i.citizen_group or ""}
        for i in group.indicators.order_by("order")
    ] + new_rows  # fmt: skip
    data = {
        "criteria_set": group.criteria_set_id,
        "order": group.order,
        "name": group.name,
        "indicators-TOTAL_FORMS": len(rows),
        "indicators-INITIAL_FORMS": group.indicators.count(),
        "indicators-MIN_NUM_FORMS": 0,
        "indicators-MAX_NUM_FORMS": 1000,
    }
    for n, row in enumerate(rows):
        data.update({f"indicators-{n}-{k}": v for k, v in row.items()})
        data[f"indicators-{n}-group"] = group.pk
    return data


def new_row(code, citizen_group=""):
    return {"order": 9, "code": code, "name": "Chỉ số mới", "max_points": 10,
            "citizen_group": citizen_group}  # fmt: skip


def post(client, group, rows):
    url = reverse("admin:titles_criteriagroup_change", args=[group.pk])
    return client.post(url, group_form(group, rows))


@pytest.fixture
def citizen_group_three(client, administrator):
    login(client, administrator)
    return CriteriaSet.objects.in_force(title="citizen", year=2026).groups.get(order=3)


def test_a_pupils_own_indicator_is_saved(client, citizen_group_three):
    response = post(client, citizen_group_three, [new_row("3.3", 4)])
    assert response.status_code == 302
    assert Indicator.objects.get(code="3.3").citizen_group == 4


def test_a_code_already_used_for_everyone_in_another_group_is_refused(client, citizen_group_three):
    response = post(client, citizen_group_three, [new_row("1.1", 4)])
    assert response.status_code == 200
    assert "Mã 1.1 đã có trong bộ tiêu chí cho nhóm đối tượng này." in response.text
    assert not Indicator.objects.filter(name="Chỉ số mới").exists()


def test_one_code_for_two_different_groups_is_accepted_and_twice_for_one_is_not(
    client, citizen_group_three
):
    assert (
        post(client, citizen_group_three, [new_row("3.9", 2), new_row("3.9", 4)]).status_code == 302
    )
    response = post(client, citizen_group_three, [new_row("3.8", 4), new_row("3.8", 4)])
    assert "Mã 3.8 đã có trong bộ tiêu chí" in response.text


def test_a_household_set_has_no_indicator_for_one_group_of_people(client, administrator):
    login(client, administrator)
    group = CriteriaSet.objects.in_force(title="household", year=2026).groups.get(order=1)
    response = post(client, group, [new_row("1.9", 4)])
    assert "Chỉ bộ tiêu chí Công dân học tập có chỉ số riêng cho một nhóm." in response.text
    assert not Indicator.objects.filter(code="1.9").exists()
