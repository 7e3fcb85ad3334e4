"""Writing a checked import: new subjects, their registrations and the registrations'
first history rows. On PostgreSQL the rows go through COPY into a staging table and one
INSERT … RETURNING chain (the ORM's bulk_create spends seconds building 150,000 model
instances); elsewhere (SQLite for a first look) the ORM's bulk helpers do it."""

from datetime import datetime

from django.db import connection
from django.db.models import BigIntegerField, CharField, DateTimeField, Value
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from .models import Citizen, Clan, Household, Registration, Unit

MODELS = {"household": Household, "citizen": Citizen, "clan": Clan, "unit": Unit}
SUBJECT_COLUMNS = {
    "household": ["village_id", "head_name", "members", "name_folded"],
    "citizen": ["village_id", "full_name", "birth_year", "sex", "group", "name_folded"],
    "clan": ["name", "name_folded"],
    "unit": ["name", "kind", "name_folded"],
    "village": [],
}
CHANGE_REASON = "Nhập từ Excel"


def write_registrations(*, user, commune, year, title, parsed) -> int:
    """`parsed` is a list of (existing subject id or None, subject fields)."""
    if connection.vendor == "postgresql":
        _write_with_copy(user, commune, year, title, parsed)
    else:
        _write_with_orm(user, commune, year, title, parsed)
    if title == "clan":
        _link_clan_villages(commune, parsed)
    return len(parsed)


def _q(name):
    return connection.ops.quote_name(name)


def _column(model, attname):
    return _q(model._meta.get_field(attname).column)


def _text(value) -> str:
    """A value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _write_with_copy(user, commune, year, title, parsed):
    columns = SUBJECT_COLUMNS[title]
    model = MODELS.get(title)
    types = [model._meta.get_field(c).db_type(connection) for c in columns] if model else []
    staging = "titles_import_staging"
    definition = ", ".join(
        ["existing_id bigint", *(f"{_q(c)} {t}" for c, t in zip(columns, types, strict=True))]
    )
    data = "".join(
        "\t".join([_text(existing), *(_text(fields[c]) for c in columns)]) + "\n"
        for existing, fields in parsed
    )
    now = timezone.now()
    user_id = getattr(user, "pk", None)
    subject_fk = "village_id" if title == "village" else f"{title}_id"
    reg_table = _q(Registration._meta.db_table)
    history = Registration.history.model
    reg_columns = [f.attname for f in Registration._meta.concrete_fields]
    if model is None:
        subjects = f"subjects AS (SELECT existing_id AS id FROM {staging})"
    else:
        names = ", ".join(_column(model, c) for c in columns)
        subjects = (
            f"new_subjects AS (INSERT INTO {_q(model._meta.db_table)} "
            f"(commune_id, {names}) SELECT %(commune)s, {names} FROM {staging} "
            f"WHERE existing_id IS NULL RETURNING id), "
            f"subjects AS (SELECT id FROM new_subjects UNION ALL "
            f"SELECT existing_id FROM {staging} WHERE existing_id IS NOT NULL)"
        )
    sql = (
        f"WITH {subjects}, "
        f"regs AS (INSERT INTO {reg_table} (commune_id, year, title, {_q(subject_fk)}, state, "
        f"created_at, created_by_id) SELECT %(commune)s, %(year)s, %(title)s, id, 'registered', "
        f"%(now)s, %(user)s FROM subjects RETURNING *) "
        f"INSERT INTO {_q(history._meta.db_table)} "
        f"({', '.join(_column(history, c) for c in reg_columns)}, history_date, history_type, "
        f"history_change_reason, history_user_id) "
        f"SELECT {', '.join(_column(Registration, c) for c in reg_columns)}, %(now)s, '+', "
        f"%(reason)s, %(user)s FROM regs"
    )
    params = {
        "commune": commune.code,
        "year": year,
        "title": title,
        "now": now,
        "user": user_id,
        "reason": CHANGE_REASON,
    }
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {staging}")
        cursor.execute(f"CREATE TEMP TABLE {staging} ({definition}) ON COMMIT DROP")
        with cursor.copy(f"COPY {staging} FROM STDIN") as copy:
            copy.write(data)
        cursor.execute(sql, params)
        cursor.execute(f"DROP TABLE {staging}")


def _write_with_orm(user, commune, year, title, parsed):
    model = MODELS.get(title)
    subject_ids = [existing for existing, _ in parsed]
    if model is not None:
        new = [
            model(commune=commune, **{c: fields[c] for c in SUBJECT_COLUMNS[title]})
            for existing, fields in parsed
            if existing is None
        ]
        created = iter(model.objects.bulk_create(new, batch_size=2000))
        subject_ids = [sid if sid is not None else next(created).pk for sid in subject_ids]
    field = "village_id" if title == "village" else f"{title}_id"
    registrations = [
        Registration(commune=commune, year=year, title=title, created_by=user, **{field: sid})
        for sid in subject_ids
    ]
    bulk_create_with_history(
        registrations,
        Registration,
        batch_size=2000,
        default_user=user,
        default_change_reason=CHANGE_REASON,
    )


def _link_clan_villages(commune, parsed):
    through = Clan.villages.through
    ids = dict(Clan.objects.filter(commune=commune).values_list("name_folded", "id").order_by("id"))
    through.objects.bulk_create(
        [
            through(clan_id=ids[fields["name_folded"]], village_id=fields["village_id"])
            for _, fields in parsed
        ],
        ignore_conflicts=True,
    )


def set_state(queryset, state, *, user, reason="") -> int:
    """Moves every registration of `queryset` to `state` in one UPDATE and writes one
    history row each in one INSERT … SELECT, instead of 5,000 saves."""
    ids = list(queryset.values_list("id", flat=True))
    if not ids:
        return 0
    moved = Registration.objects.filter(id__in=ids)
    moved.update(state=state)
    history = Registration.history.model
    columns = [f.attname for f in Registration._meta.concrete_fields]
    select = moved.annotate(
        h_date=Value(timezone.now(), output_field=DateTimeField()),
        h_type=Value("~", output_field=CharField()),
        h_reason=Value(reason, output_field=CharField()),
        h_user=Value(getattr(user, "pk", None), output_field=BigIntegerField()),
    ).values_list(*columns, "h_date", "h_type", "h_reason", "h_user")
    sql, params = select.query.sql_with_params()
    names = ", ".join(_column(history, c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_q(history._meta.db_table)} ({names}, history_date, history_type, "
            f"history_change_reason, history_user_id) {sql}",
            params,
        )
    return len(ids)
