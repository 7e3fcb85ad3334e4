"""Excel imports of registration lists: every row is checked first; if any row is wrong
nothing is written and each error names its row. The scores' import is score_imports.py."""

from functools import lru_cache, partial

from django.core.exceptions import ValidationError
from django.db import transaction

from khuyenhoc.areas.models import Village
from khuyenhoc.core import checks, progress
from khuyenhoc.core.access.scope import require_writable
from khuyenhoc.core.sheets.spreadsheets import (
    ImportRejected,
    RowError,
    clean_text,
    iter_sheet,
    parse_int,
)
from khuyenhoc.core.text import fold
from khuyenhoc.submissions.previews import DuplicateRow, ImportNeedsChoice, ImportOutcome

from . import bulk, import_preview, services
from .models import (
    SUBJECT_MODELS,
    Citizen,
    Household,
    Registration,
    Unit,
)

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
    warnings = []
    if created:
        services.refresh_figures(commune, year)
        try:
            warnings = checks.check_figures(
                commune=commune, year=year, stage=checks.IMPORT, titles=[title]
            )
        except ValidationError as exc:
            raise ImportRejected(exc.messages) from exc  # the rows written are undone
    return ImportOutcome(created=created, skipped=len(already), warnings=warnings)
