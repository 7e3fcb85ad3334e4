"""The pass rules of a criteria set, applied to one subject's scores."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from khuyenhoc.core.numbers import number


@dataclass
class Outcome:
    total: int
    passed: bool
    reason: str


def pass_mark(criteria_set, *, disadvantaged: bool) -> int:
    if disadvantaged and criteria_set.pass_mark_disadvantaged is not None:
        return criteria_set.pass_mark_disadvantaged
    return criteria_set.pass_mark


def check_points(indicator, points) -> int:
    """Refuses a score that is not a whole number within 0…max of the indicator."""
    if points is None or points == "":
        raise ValidationError(f"Chưa nhập điểm chỉ số {indicator.code} «{indicator.name}».")
    value = points
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        if len(value.strip()) > 9:  # int() of thousands of digits is refused, and slow
            raise ValidationError(
                f"Chỉ số {indicator.code} «{indicator.name}» tối đa {indicator.max_points} điểm."
            )
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"Điểm chỉ số {indicator.code} phải là số nguyên.")
    if value < 0:
        raise ValidationError(f"Điểm chỉ số {indicator.code} không được âm.")
    if value > indicator.max_points:
        raise ValidationError(
            f"Chỉ số {indicator.code} «{indicator.name}» tối đa {indicator.max_points} điểm, "
            f"không thể chấm {value} điểm."
        )
    return value


def judge(criteria_set, indicators, points: dict[int, int], *, disadvantaged: bool) -> Outcome:
    """`points` maps indicator id → validated points, one for every indicator."""
    total = sum(points[i.id] for i in indicators)
    reasons = []
    mark = pass_mark(criteria_set, disadvantaged=disadvantaged)
    if total < mark:
        where = " (vùng khó khăn)" if mark != criteria_set.pass_mark else ""
        reasons.append(f"Tổng {number(total)} điểm, dưới ngưỡng {mark}{where}")
    minimum = criteria_set.min_per_indicator
    if minimum is not None:
        for indicator in indicators:
            if points[indicator.id] < minimum:
                reasons.append(
                    f"Chỉ số {indicator.code} «{indicator.name}» chỉ đạt {points[indicator.id]} "
                    f"điểm, dưới mức tối thiểu {minimum}"
                )
    return Outcome(total=total, passed=not reasons, reason="; ".join(reasons))
