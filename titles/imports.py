"""Excel imports of registration lists and evaluation scores: every row is checked
first; if any row is wrong nothing is written and each error names its row."""

from functools import lru_cache, partial

from django.db import transaction

from khuyenhoc.areas.metrics import CITIZEN_GROUPS
from khuyenhoc.areas.models import Village
from khuyenhoc.core.access.scope import require_writable
from khuyenhoc.core.sheets.spreadsheets import (
    ImportRejected,
    ImportResult,
    RowError,
    clean_text,
    iter_sheet,
    parse_int,
    read_sheet,
    workbook_bytes,
)
from khuyenhoc.core.text import fold
from khuyenhoc.jobs import progress
from khuyenhoc.submissions.previews import DuplicateRow, ImportNeedsChoice, ImportOutcome

from . import bulk, import_preview, rules, services
from .models import (
    SUBJECT_MODELS,
    Citizen,
    CriteriaSet,
    Evaluation,
    Household,
    Registration,
    Score,
    Unit,
)
from .models.registrations import VILLAGE_TITLES

VILLAGE = "Thôn, bản, tổ"
REGISTRATION_HEADERS = {
    "household": {"head_name": "Chủ hộ", "village": VILLAGE, "members": "Số nhân khẩu"},
    "citizen": {
        "full_name": "Họ và tên",
        "birth_year": "Năm sinh",
        "sex": "Giới tính",
        "group": "Nhóm",
        "village": VILLAGE,
    },
    "clan": {"name": "Tên dòng họ", "village": VILLAGE},
    "unit": {"name": "Tên đơn vị", "kind": "Loại"},
    "village": {"village": VILLAGE},
}
SEXES = {"nam": "nam", "nu": "nu"}
UNIT_KINDS = {fold(label): value for value, label in Unit.Kind.choices}


class RowInvalid(Exception):
    pass


def _text(values, key, *, max_length=120, required=True):
    try:
        text = clean_text(values.get(key), max_length=max_length)
    except ValueError as exc:
        raise RowInvalid(str(exc)) from exc
    if required and not text:
        raise RowInvalid("thiếu dữ liệu")
    return text


def _number(values, key, minimum, maximum):
    try:
        number = parse_int(values.get(key), minimum=minimum, maximum=maximum)
    except ValueError as exc:
        raise RowInvalid(str(exc)) from exc
    if number is None:
        raise RowInvalid("thiếu dữ liệu")
    return number


@lru_cache(maxsize=4096)
def _fold_short(text):
    """Village names, sexes and kinds repeat on every row: fold each once."""
    return fold(text)


def _fold_name(text):
    """fold() word by word: names repeat their words, so each word is folded once."""
    return " ".join(filter(None, map(_fold_short, text.split())))


class VillageLookup:
    """Village id of a cell, by the folded name; a list repeats the same few village
    names on every row, so each distinct cell is cleaned and looked up once."""

    def __init__(self, commune):
        active = Village.objects.filter(commune=commune, is_active=True)
        rows = list(active.values_list("id", "name_folded", "name"))
        self.ids = {folded: pk for pk, folded, _ in rows}
        self.names = {pk: name for pk, _, name in rows}
        self.cells = {}

    def __call__(self, values):
        cell = values.get("village")
        try:
            return self.cells[cell]
        except (KeyError, TypeError):  # TypeError: a cell type that cannot be a key
            pass
        name = _text(values, "village")
        village_id = self.ids.get(_fold_short(name))
        if village_id is None:
            raise RowInvalid(f"không có thôn, bản, tổ «{name}» trong xã, phường này")
        if isinstance(cell, str):
            self.cells[cell] = village_id
        return village_id


def _parse_row(title, values, villages, this_year):
    """(identity key, model fields) of one row; RowInvalid names the column."""
    fields = {}
    column = ""
    try:
        if "village" in REGISTRATION_HEADERS[title]:
            column = VILLAGE
            village_id = fields["village_id"] = villages(values)
        if title == "household":
            column = "Chủ hộ"
            fields["head_name"] = _text(values, "head_name")
            column = "Số nhân khẩu"
            fields["members"] = _number(values, "members", 1, 50)
            fields["name_folded"] = _fold_name(fields["head_name"])
            return (village_id, fields["name_folded"]), fields
        if title == "citizen":
            column = "Họ và tên"
            fields["full_name"] = _text(values, "full_name")
            column = "Năm sinh"
            fields["birth_year"] = _number(values, "birth_year", this_year - 110, this_year - 15)
            column = "Giới tính"
            sex = SEXES.get(_fold_short(_text(values, "sex")))
            if sex is None:
                raise RowInvalid("ghi «Nam» hoặc «Nữ»")
            fields["sex"] = sex
            column = "Nhóm"
            fields["group"] = _number(values, "group", 1, 4)
            fields["name_folded"] = _fold_name(fields["full_name"])
            key = (village_id, fields["name_folded"], fields["birth_year"])
            return key, fields
        if title in ("clan", "unit"):
            column = "Tên dòng họ" if title == "clan" else "Tên đơn vị"
            limit = SUBJECT_MODELS[title].name_max_length()
            fields["name"] = _text(values, "name", max_length=limit)
            if title == "unit":
                column = "Loại"
                kind = UNIT_KINDS.get(_fold_short(_text(values, "kind")))
                if kind is None:
                    raise RowInvalid("ghi một trong: Cơ quan, Trường học, Doanh nghiệp, Khác")
                fields["kind"] = kind
            fields["name_folded"] = _fold_name(fields["name"])
            return (fields["name_folded"],), fields
        return (village_id,), fields
    except RowInvalid as exc:
        raise RowInvalid(column, str(exc)) from exc


def _existing_subjects(title, commune):
    """identity key → subject id, for the subjects the commune already has."""
    if title == "household":
        rows = Household.objects.filter(commune=commune).values_list(
            "id", "village_id", "name_folded"
        )
        return {(v, n): i for i, v, n in rows}
    if title == "citizen":
        rows = Citizen.objects.filter(commune=commune).values_list(
            "id", "village_id", "name_folded", "birth_year"
        )
        return {(v, n, y): i for i, v, n, y in rows}
    if title in ("clan", "unit"):
        subjects = SUBJECT_MODELS[title].objects.filter(commune=commune)
        rows = subjects.values_list("id", "name_folded")
        return {(n,): i for i, n in rows}
    return {}


def registrations_import(
    *, user, commune, year, title, data: bytes, skip_existing=False
) -> ImportOutcome:
    if title == "commune" or title not in REGISTRATION_HEADERS:
        raise ImportRejected("Danh hiệu này không nhập danh sách từ Excel.")
    require_writable(user, commune)
    services.check_year(year)
    # Rows are read as they are checked and written: the database starts on the first
    # chunk while the rest of the sheet is still being read.
    rows = iter_sheet(data, headers=REGISTRATION_HEADERS[title])
    return registration_rows_write(
        user=user, commune=commune, year=year, title=title, rows=rows, skip_existing=skip_existing
    )


@transaction.atomic
def registration_rows_write(
    *, user, commune, year, title, rows, when=None, skip_existing=False
) -> ImportOutcome:
    """Checks and writes (row number, cells by column key) pairs, all or none: a sheet's
    rows, or the demo's. The caller has checked the user's scope and the year. `when`
    (default now) is the moment recorded, for the demo's past years. Rows whose subject
    is registered this year already (import_preview.RULES) raise ImportNeedsChoice with
    the preview, unless skip_existing: then only the other rows are written."""
    rlist = services.recognition_list(commune=commune, year=year, title=title, lock=True)
    services.require_editable(rlist)
    villages = VillageLookup(commune)
    existing = _existing_subjects(title, commune)
    field = "village" if title == "village" else title
    registered = set(
        Registration.objects.filter(commune=commune, year=year, title=title)
        .exclude(state="withdrawn")
        .values_list(f"{field}_id", flat=True)
    )
    errors, seen, already = [], {}, []
    preview = import_preview.preview_for(title, year)
    writer = bulk.RegistrationWriter(user=user, commune=commune, year=year, title=title, when=when)
    with writer:
        for number, values in progress.checking(rows):
            try:
                key, fields = _parse_row(title, values, villages, year)
            except RowInvalid as exc:
                errors.append(RowError(number, exc.args[1], exc.args[0]))
                continue
            if key in seen:
                text = import_preview.describe(title, fields, villages.names)
                errors.append(DuplicateRow(number, text, first=seen[key]))
                continue
            seen[key] = number
            subject_id = fields["village_id"] if title == "village" else existing.get(key)
            if subject_id is not None and subject_id in registered:
                already.append((number, subject_id, fields))
                continue
            describe = partial(import_preview.describe, title, fields, villages.names)
            preview.add("new", number, describe)
            # once a row is wrong, or is already there unasked, the rest is only checked
            if not errors and (skip_existing or not already):
                writer.add(subject_id, fields)
        if errors:
            raise ImportRejected(errors)  # leaving the block this way writes nothing more
        import_preview.sort_registered(preview, title, already, villages.names)
        if already and not skip_existing:
            raise ImportNeedsChoice(preview)
    created = writer.written
    if created:
        services.refresh_figures(commune, year)
    return ImportOutcome(created=created, skipped=len(already))


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
