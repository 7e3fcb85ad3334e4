"""A criteria version goes draft → checked → active: it scores nobody before, activation
is refused while a group has no indicators, and a preview says what it would have decided
last year."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from titles import criteria, services
from titles.models import CriteriaGroup, CriteriaSet, Indicator

from .conftest import YEAR, full_points

pytestmark = pytest.mark.django_db


def new_version(*, codes=None, pass_mark=80):
    """A household version for next year, its indicators copied from this year's (or
    one group with the given codes, 10 points each)."""
    current = CriteriaSet.objects.in_force(title="household", year=YEAR)
    version = CriteriaSet.objects.create(
        title="household",
        version=current.version + 1,
        name="Bộ tiêu chí Gia đình học tập (thử)",
        decision_reference="Dự thảo",
        effective_from=datetime.date(YEAR + 1, 1, 1),
        pass_mark=pass_mark,
        status=CriteriaSet.Status.DRAFT,
    )
    if codes is None:
        for group in current.groups.all():
            copy = CriteriaGroup.objects.create(
                criteria_set=version, order=group.order, name=group.name
            )
            for i in group.indicators.all():
                Indicator.objects.create(
                    group=copy, order=i.order, code=i.code, name=i.name, max_points=i.max_points
                )
    else:
        group = CriteriaGroup.objects.create(criteria_set=version, order=1, name="Nhóm 1")
        for order, code in enumerate(codes, start=1):
            Indicator.objects.create(group=group, order=order, code=code, name=code, max_points=10)
    return version  # fmt: skip


def test_a_version_without_indicators_cannot_be_checked_or_activated(administrator, units):
    version = new_version(codes=[])
    with pytest.raises(ValidationError) as caught:
        criteria.criteria_set_check(user=administrator, criteria_set=version)
    assert "chưa có chỉ số nào" in " ".join(caught.value.messages)
    with pytest.raises(ValidationError) as caught:
        criteria.criteria_set_activate(user=administrator, criteria_set=version)
    assert "Chỉ áp dụng được bộ tiêu chí đã kiểm tra" in caught.value.messages[0]


def test_a_pass_mark_nobody_can_reach_is_refused(administrator, units):
    version = new_version(codes=["1.1", "1.2"])  # 20 points at most, pass at 80
    with pytest.raises(ValidationError) as caught:
        criteria.criteria_set_check(user=administrator, criteria_set=version)
    assert "không ai đạt được" in caught.value.messages[0]


def test_a_checked_version_scores_nobody_until_activated_after_its_preview(
    administrator, staff_a, registration
):
    services.registration_evaluate(
        user=staff_a, registration=registration, points=full_points("household")
    )
    version = new_version()
    criteria.criteria_set_check(user=administrator, criteria_set=version)
    assert CriteriaSet.objects.in_force(title="household", year=YEAR + 1) != version
    preview = criteria.activation_preview(version)
    assert (preview.year, preview.evaluated, preview.passed_before) == (YEAR, 1, 1)
    assert preview.would_pass == 1 and preview.not_comparable == 0
    criteria.criteria_set_activate(user=administrator, criteria_set=version)
    assert CriteriaSet.objects.in_force(title="household", year=YEAR + 1) == version


def test_the_preview_counts_evaluations_it_cannot_compare(administrator, staff_a, registration):
    services.registration_evaluate(
        user=staff_a, registration=registration, points=full_points("household")
    )
    version = new_version(codes=[f"9.{n}" for n in range(10)])
    assert criteria.activation_preview(version).not_comparable == 1


def test_a_reviewer_cannot_activate_a_version(reviewer, administrator, units):
    version = new_version()
    criteria.criteria_set_check(user=administrator, criteria_set=version)
    with pytest.raises(ValidationError):
        criteria.criteria_set_activate(user=reviewer, criteria_set=version)
