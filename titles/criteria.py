"""The life of a criteria version: a draft an administrator fills in, checked (every group
has indicators, the pass mark can be reached), then activated after a preview of what it
would have decided last year. Until activated it scores nobody (CriteriaSet.in_force)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count

from khuyenhoc.core.access.scope import require_administrator

from . import rules
from .metrics import CITIZEN_GROUPS
from .models import CriteriaSet, Evaluation, Score

Status = CriteriaSet.Status


def problems(criteria_set) -> list[str]:
    """Why the version cannot score anyone yet, in Vietnamese; empty when it can."""
    found = []
    groups = list(criteria_set.groups.annotate(n=Count("indicators")).order_by("order"))
    if not groups:
        found.append("Bộ tiêu chí chưa có nhóm tiêu chí nào.")
    for group in groups:
        if not group.n:
            found.append(f"Nhóm tiêu chí «{group}» chưa có chỉ số nào.")
    people = CITIZEN_GROUPS if criteria_set.title == "citizen" else {None: ""}
    for group, label in people.items():
        indicators = list(criteria_set.indicators(group))
        who = f" cho nhóm «{label}»" if label else ""
        if groups and not indicators:
            found.append(f"Bộ tiêu chí chưa có chỉ số nào{who}.")
        elif indicators and sum(i.max_points for i in indicators) < criteria_set.pass_mark:
            found.append(
                f"Tổng điểm tối đa{who} là {sum(i.max_points for i in indicators)}, thấp hơn "
                f"điểm đạt {criteria_set.pass_mark}: không ai đạt được."
            )
    return found


def _refuse_if_incomplete(criteria_set):
    found = problems(criteria_set)
    if found:
        raise ValidationError(found)


@transaction.atomic
def criteria_set_check(*, user, criteria_set) -> CriteriaSet:
    """draft → checked."""
    require_administrator(user, "kiểm tra bộ tiêu chí")
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    if criteria_set.status != Status.DRAFT:
        raise ValidationError(f"Bộ tiêu chí đang «{criteria_set.get_status_display()}».")
    _refuse_if_incomplete(criteria_set)
    criteria_set.status = Status.CHECKED
    criteria_set.save(update_fields=["status"])
    return criteria_set


@transaction.atomic
def criteria_set_activate(*, user, criteria_set) -> CriteriaSet:
    """checked → active: from now on it scores the years it covers."""
    require_administrator(user, "áp dụng bộ tiêu chí")
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    if criteria_set.status != Status.CHECKED:
        raise ValidationError(
            "Chỉ áp dụng được bộ tiêu chí đã kiểm tra; bộ này đang "
            f"«{criteria_set.get_status_display()}»."
        )
    _refuse_if_incomplete(criteria_set)  # indicators may have been removed since the check
    criteria_set.status = Status.ACTIVE
    criteria_set.save(update_fields=["status"])
    return criteria_set


@dataclass
class Preview:
    year: int
    evaluated: int = 0
    passed_before: int = 0
    would_pass: int = 0
    not_comparable: int = 0  # scored on indicators the new version does not have


def activation_preview(criteria_set) -> Preview:
    """How last year's evaluations of the title would come out under this version: each
    one's scores matched to the new indicators by code (capped at the new maximum).
    Two queries."""
    preview = Preview(year=criteria_set.effective_from.year - 1)
    evaluations = Evaluation.objects.filter(
        registration__title=criteria_set.title, registration__year=preview.year
    ).values_list(
        "id", "passed", "registration__citizen_group", "registration__commune__is_disadvantaged"
    )
    points: dict[int, dict[str, int]] = {}
    for evaluation_id, code, value in Score.objects.filter(
        evaluation__registration__title=criteria_set.title,
        evaluation__registration__year=preview.year,
    ).values_list("evaluation_id", "indicator__code", "points"):
        points.setdefault(evaluation_id, {})[code] = value
    indicators = {}
    for evaluation_id, passed, group, disadvantaged in evaluations:
        preview.evaluated += 1
        preview.passed_before += passed
        if group not in indicators:
            indicators[group] = list(criteria_set.indicators(group))
        mine, scored = indicators[group], points.get(evaluation_id, {})
        if not mine or any(i.code not in scored for i in mine):
            preview.not_comparable += 1
            continue
        outcome = rules.judge(
            criteria_set,
            mine,
            {i.id: min(scored[i.code], i.max_points) for i in mine},
            disadvantaged=disadvantaged,
        )
        preview.would_pass += outcome.passed
    return preview
