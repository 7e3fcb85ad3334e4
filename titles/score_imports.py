"""Excel import of evaluation scores: the sheet staff download with one row per
registration still to be scored, and its reading back: every row is checked first; if
any row is wrong nothing is written and each error names its row and indicator."""

from django.db import transaction

from khuyenhoc.core.access.scope import require_writable
from khuyenhoc.core.sheets.spreadsheets import (
    ImportRejected,
    ImportResult,
    RowError,
    parse_int,
    read_sheet,
    workbook_bytes,
)

from . import rules, services
from .imports import VILLAGE
from .metrics import CITIZEN_GROUPS
from .models import CriteriaSet, Evaluation, Registration, Score
from .models.registrations import VILLAGE_TITLES

SCORE_ID = "Mã đăng ký"
SCORES_REASON = "Nhập điểm từ Excel"
NOT_FOR_THE_GROUP = "chỉ số này không dùng cho nhóm đối tượng của đăng ký; hãy để trống"
AWAITING_SCORES = ["registered", "evaluated"]


def scores_workbook(*, commune, year, title) -> bytes:
    """The sheet scores_import reads back: one row per registration of the list that can
    still be scored, with its id, its subject and one column per indicator code, filled
    in where scores were already entered (a citizen's row only under the codes of the
    year's group of people); a second sheet names each indicator. Staff fill it in Excel
    instead of typing ids and codes by hand. The caller checks scope."""
    criteria_set = CriteriaSet.objects.in_force(title=title, year=year)
    if criteria_set is None:
        raise ImportRejected(f"Chưa có bộ tiêu chí áp dụng cho năm {year}.")
    codes = criteria_set.codes()
    field = title if title in VILLAGE_TITLES else None
    registrations = (
        Registration.objects.filter(commune=commune, year=year, title=title)
        .filter(state__in=AWAITING_SCORES)
        .select_related("citizen", "household", "clan", "village", "unit", "commune")
        .order_by("id")
    )
    if field:
        registrations = registrations.select_related(f"{field}__village")
    scored: dict[int, dict[int, int]] = {}
    for registration_id, indicator_id, points in Score.objects.filter(
        evaluation__registration__in=registrations
    ).values_list("evaluation__registration_id", "indicator_id", "points"):
        scored.setdefault(registration_id, {})[indicator_id] = points
    by_group = {}
    rows = []
    for r in registrations.iterator(chunk_size=2000):
        if r.citizen_group not in by_group:
            by_group[r.citizen_group] = criteria_set.indicators_by_code(r.citizen_group)
        applicable, points = by_group[r.citizen_group], scored.get(r.pk, {})
        cells = [points.get(applicable[c].id) if c in applicable else None for c in codes]
        where = [getattr(r, field).village.name] if field else []
        group = [CITIZEN_GROUPS.get(r.citizen_group, "")] if title == "citizen" else []
        rows.append([r.pk, r.subject_name, *where, *group, *cells])
    headers = [
        SCORE_ID,
        "Đối tượng",
        *([VILLAGE] if field else []),
        *(["Nhóm đối tượng"] if title == "citizen" else []),
        *codes,
    ]
    indicators = criteria_set.indicators().select_related("group")
    guide = [
        [i.code, i.name, i.group.name, i.max_points, criteria_set.min_per_indicator,
         CITIZEN_GROUPS.get(i.citizen_group, "Mọi nhóm")]
        for i in indicators
    ]  # fmt: skip
    guide_headers = [
        "Mã chỉ số", "Chỉ số", "Nhóm", "Điểm tối đa", "Điểm tối thiểu", "Áp dụng cho",
    ]  # fmt: skip
    return workbook_bytes([("Bảng điểm", headers, rows), ("Các chỉ số", guide_headers, guide)])


@transaction.atomic
def scores_import(*, user, commune, year, title, data: bytes) -> ImportResult:
    """One row per registration: its id (Mã đăng ký) and one column per indicator code."""
    require_writable(user, commune)
    criteria_set = CriteriaSet.objects.in_force(title=title, year=year)
    if criteria_set is None:
        raise ImportRejected(f"Chưa có bộ tiêu chí áp dụng cho năm {year}.")
    column_of = {code: f"c{n}" for n, code in enumerate(criteria_set.codes())}
    headers = {"id": SCORE_ID, **{key: code for code, key in column_of.items()}}
    by_group = {}  # {citizen group: {code: indicator}}
    rows = read_sheet(data, headers=headers)
    rlist = services.recognition_list(commune=commune, year=year, title=title, lock=True)
    services.require_editable(rlist)
    registrations = {
        r.pk: r
        for r in Registration.objects.filter(
            commune=commune, year=year, title=title, state__in=AWAITING_SCORES
        ).select_related("commune")
    }
    errors, checked_rows, seen = [], [], {}
    for number, values in rows:
        if all(values[key] in ("", None) for key in column_of.values()):
            continue  # not scored yet: the downloaded sheet lists the whole list
        try:
            pk = parse_int(values["id"], minimum=1)
        except ValueError as exc:
            errors.append(RowError(number, str(exc), SCORE_ID))
            continue
        registration = registrations.get(pk)
        if registration is None:
            errors.append(
                RowError(number, f"không có đăng ký số {pk} chờ đánh giá trong danh sách này")
            )
            continue
        if pk in seen:
            errors.append(RowError(number, f"trùng với dòng {seen[pk]} trong tệp"))
            continue
        seen[pk] = number
        group = registration.citizen_group
        if group not in by_group:
            try:
                by_group[group] = criteria_set.indicators_by_code(group)
            except services.ValidationError as exc:
                raise ImportRejected(exc.messages[0]) from exc
        applicable, points = by_group[group], {}
        for code, key in column_of.items():
            if code not in applicable:
                if values[key] not in ("", None):
                    errors.append(RowError(number, NOT_FOR_THE_GROUP, code))
                continue
            try:
                points[applicable[code].id] = rules.check_points(applicable[code], values[key])
            except services.ValidationError as exc:
                errors.append(RowError(number, exc.messages[0], code))
        if len(points) == len(applicable):
            checked_rows.append((registration, points, list(applicable.values())))
    if errors:
        raise ImportRejected(errors)
    if not checked_rows:
        raise ImportRejected("Chưa có dòng nào được chấm điểm: hãy điền điểm các chỉ số.")
    already_evaluated = set(
        Evaluation.objects.filter(
            registration__commune=commune, registration__year=year, registration__title=title
        ).values_list("registration_id", flat=True)
    )
    first_time = []
    for registration, points, indicators in checked_rows:
        outcome = rules.judge(
            criteria_set, indicators, points, disadvantaged=commune.is_disadvantaged
        )
        if registration.pk not in already_evaluated:
            first_time.append((registration.pk, outcome, points))
            continue
        services.store_evaluation(
            user=user,
            registration=registration,
            criteria_set=criteria_set,
            outcome=outcome,
            points=points,
        )
    # A first evaluation of thousands of citizens is written in bulk; scoring again is
    # rare and goes through the same save as the evaluation form.
    services.first_evaluations_add(
        user=user,
        criteria_set=criteria_set,
        results=first_time,
        entries=Registration.objects.filter(commune=commune, year=year, title=title),
        reason=SCORES_REASON,
    )
    services.refresh_figures(commune, year)
    return ImportResult(created=len(checked_rows))
