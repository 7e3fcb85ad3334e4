import pytest
from django.core.exceptions import ValidationError

from titles import rules
from titles.models import CriteriaSet

pytestmark = pytest.mark.django_db


def citizen_set():
    criteria_set = CriteriaSet.objects.in_force(title="citizen", year=2026)
    return criteria_set, list(criteria_set.indicators())


def test_the_citizen_set_of_324_ships_with_ten_indicators_of_ten_points_split_4_4_2():
    criteria_set, indicators = citizen_set()
    assert "324/QĐ-KHVN" in criteria_set.decision_reference
    assert (criteria_set.pass_mark, criteria_set.pass_mark_disadvantaged) == (80, 70)
    assert criteria_set.min_per_indicator == 5
    assert [g.indicators.count() for g in criteria_set.groups.order_by("order")] == [4, 4, 2]
    assert {i.max_points for i in indicators} == {10}
    for group in (1, 2, 3, 4):  # each group of people is scored out of 100
        assert sum(i.max_points for i in criteria_set.indicators(group)) == 100
    assert not criteria_set.to_be_checked


def test_every_other_title_has_a_100_point_set_marked_to_be_checked():
    for title in ("household", "clan", "village", "commune", "unit"):
        criteria_set = CriteriaSet.objects.in_force(title=title, year=2026)
        assert sum(i.max_points for i in criteria_set.indicators()) == 100
        assert criteria_set.to_be_checked
    household = CriteriaSet.objects.in_force(title="household", year=2026)
    first = household.groups.get(order=1)
    assert first.name.startswith("Học tập của trẻ em trong gia đình")
    assert sum(i.max_points for i in first.indicators.all()) == 30


def test_a_total_under_80_fails_with_the_total_in_the_reason():
    criteria_set, indicators = citizen_set()
    points = {i.id: 8 for i in indicators}
    points[indicators[0].id] = 4
    points[indicators[1].id] = 8
    outcome = rules.judge(criteria_set, indicators, points, disadvantaged=False)
    assert outcome.total == 76
    assert not outcome.passed
    assert "Tổng 76 điểm, dưới ngưỡng 80" in outcome.reason
    assert "chỉ đạt 4 điểm, dưới mức tối thiểu 5" in outcome.reason


def test_a_disadvantaged_commune_passes_at_70():
    criteria_set, indicators = citizen_set()
    points = {i.id: 7 for i in indicators}
    assert rules.judge(criteria_set, indicators, points, disadvantaged=True).passed
    outcome = rules.judge(criteria_set, indicators, points, disadvantaged=False)
    assert not outcome.passed
    assert outcome.reason == "Tổng 70 điểm, dưới ngưỡng 80"


def test_one_indicator_under_5_fails_even_with_a_high_total():
    criteria_set, indicators = citizen_set()
    points = {i.id: 10 for i in indicators}
    points[indicators[9].id] = 4
    outcome = rules.judge(criteria_set, indicators, points, disadvantaged=False)
    assert outcome.total == 94
    assert not outcome.passed
    assert "Chỉ số 3.2" in outcome.reason


def test_a_score_above_the_maximum_is_refused():
    _, indicators = citizen_set()
    with pytest.raises(ValidationError, match="tối đa 10 điểm, không thể chấm 11 điểm"):
        rules.check_points(indicators[0], 11)
    with pytest.raises(ValidationError, match="số nguyên"):
        rules.check_points(indicators[0], "7,5")
    assert rules.check_points(indicators[0], "7") == 7
    with pytest.raises(ValidationError, match="tối đa 10 điểm"):
        rules.check_points(indicators[0], "9" * 10_000)  # int() itself would refuse it


def test_a_newer_version_added_as_data_applies_from_its_effective_date():
    import datetime

    old = CriteriaSet.objects.in_force(title="household", year=2026)
    new = CriteriaSet.objects.create(
        title="household",
        version=2,
        name="Tiêu chí Gia đình học tập (mới)",
        decision_reference="Quyết định mới",
        effective_from=datetime.date(2026, 1, 1),
        pass_mark=85,
    )
    old.effective_to = datetime.date(2025, 12, 31)
    old.save()
    assert CriteriaSet.objects.in_force(title="household", year=2026) == new
    assert CriteriaSet.objects.in_force(title="household", year=2025) == old
