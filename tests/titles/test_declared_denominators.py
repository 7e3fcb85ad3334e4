"""A declared count is never above its denominator, from the denominators' side too:
lowering (or emptying) a denominator below a count declared without a named list is
refused by denominator_save, whatever the door, even with the configurable validation
rule switched off; a title counted from named lists follows that rule (blocking by
default)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from khuyenhoc.areas import services as area_services
from khuyenhoc.areas.models import Denominator
from khuyenhoc.figures import selectors as figures_api
from khuyenhoc.quality.models import ValidationRule
from tests.factories import login
from titles.declared_services import Count, declared_counts_save

from .conftest import YEAR, household_registered

pytestmark = pytest.mark.django_db

VALUES = {"population": 1000, "adults": 700, "households": 250, "clans": 6, "villages": 3}


@pytest.fixture
def declared(staff_a, commune_a, village_a):
    area_services.denominator_save(user=staff_a, commune=commune_a, year=YEAR, values=VALUES)
    declared_counts_save(
        user=staff_a,
        commune=commune_a,
        year=YEAR,
        title="household",
        counts={village_a.pk: Count(200, 150)},
    )


@pytest.fixture
def rule_off():
    """The configurable rule switched off: the declared counts' floor holds without it."""
    ValidationRule.objects.filter(kind=ValidationRule.Kind.WITHIN_DENOMINATOR).update(
        is_active=False
    )


def households(commune):
    return Denominator.objects.get(commune=commune, year=YEAR).households


def test_lowering_a_denominator_below_a_declared_count_is_refused_naming_title_and_count(
    staff_a, commune_a, declared, rule_off
):
    with pytest.raises(ValidationError) as caught:
        area_services.denominator_save(
            user=staff_a, commune=commune_a, year=YEAR, values={**VALUES, "households": 199}
        )
    text = " ".join(caught.value.messages)
    assert "Gia đình học tập" in text and "200 hộ gia đình đăng ký" in text
    assert "không thể nhỏ hơn 200 (đang nhập 199)" in text
    assert households(commune_a) == 250
    assert figures_api.of_commune(commune_a.code, YEAR)["areas.households"] == 250


def test_emptying_the_denominator_of_a_declared_title_is_refused(
    staff_a, commune_a, declared, rule_off
):
    with pytest.raises(ValidationError, match="không thể để trống số hộ gia đình"):
        area_services.denominator_save(
            user=staff_a, commune=commune_a, year=YEAR, values={**VALUES, "households": None}
        )
    assert households(commune_a) == 250


def test_a_denominator_equal_to_the_declared_count_is_accepted(
    staff_a, commune_a, declared, rule_off
):
    area_services.denominator_save(
        user=staff_a, commune=commune_a, year=YEAR, values={**VALUES, "households": 200}
    )
    assert households(commune_a) == 200


def test_a_title_counted_from_a_named_list_is_held_by_the_validation_rule(
    staff_a, commune_a, village_a
):
    area_services.denominator_save(user=staff_a, commune=commune_a, year=YEAR, values=VALUES)
    for head in ("Lò Văn Sơn", "Cà Thị Lả"):
        household_registered(staff_a, commune_a, village_a, head)
    with pytest.raises(ValidationError, match="là 2, lớn hơn mẫu số 1"):
        area_services.denominator_save(
            user=staff_a,
            commune=commune_a,
            year=YEAR,
            values={**VALUES, "households": 1, "clans": 1},
        )
    assert households(commune_a) == 250


def test_the_staff_form_shows_the_refusal_and_writes_nothing(
    client, staff_a, commune_a, declared, rule_off
):
    login(client, staff_a)
    url = reverse("areas:denominator", args=[commune_a.code, YEAR])
    response = client.post(url, {**VALUES, "households": 120, "units": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gia đình học tập" in html and "không thể nhỏ hơn 200 (đang nhập 120)" in html
    assert households(commune_a) == 250


def test_the_admin_offers_no_way_to_write_a_denominator(client, administrator, commune_a, declared):
    login(client, administrator)
    row = Denominator.objects.get(commune=commune_a, year=YEAR)
    change = reverse("admin:areas_denominator_change", args=[row.pk])
    assert client.post(change, {**VALUES, "households": 1}).status_code == 403
    version = row.history.order_by("history_id").first()
    revert = reverse("admin:areas_denominator_simple_history", args=[row.pk, version.history_id])
    assert client.post(revert, {**VALUES, "households": 1}).status_code == 403
    assert client.post(reverse("admin:areas_denominator_add"), {}).status_code == 403
    assert households(commune_a) == 250
