"""Writing a checked import: new subjects, their registrations, and the first history
rows of both.

On PostgreSQL every chunk of checked rows goes through COPY into a staging table and one
INSERT … RETURNING chain (the ORM's bulk_create spends seconds building 150,000 model
instances), and it goes on a second thread: the database inserts chunk n while Python
checks chunk n+1, so a 50,000-row import costs about the larger of the two halves instead
of their sum. All or nothing still holds, because every chunk is written in the caller's
transaction: a caller that meets a wrong row stops sending and raises, and the rollback
takes back the chunks already inserted. Elsewhere (SQLite, for a first look) the ORM's
bulk helpers write each chunk in turn."""

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from django.db import connection
from django.db.models import BigIntegerField, CharField, DateTimeField, Value
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from .models import SUBJECT_MODELS, Clan, Registration

SUBJECT_COLUMNS = {
    "household": ["village_id", "head_name", "members", "name_folded"],
    "citizen": ["village_id", "full_name", "birth_year", "sex", "group", "name_folded"],
    "clan": ["name", "name_folded"],
    "unit": ["name", "kind", "name_folded"],
    "village": [],
}
CHANGE_REASON = "Nhập từ Excel"
CHUNK_ROWS = 5000
STAGING = "titles_import_staging"


def uses_copy() -> bool:
    """PostgreSQL takes the COPY chain on a second thread; other databases the ORM."""
    return connection.vendor == "postgresql"


class RegistrationWriter:
    """with RegistrationWriter(...) as writer: writer.add(existing id or None, fields).

    Call add() only while every row so far was right; raise inside the block to discard
    everything. Leaving the block normally writes the rest and waits for the database."""

    def __init__(self, *, user, commune, year, title):
        self.user, self.commune, self.year, self.title = user, commune, year, title
        self.model = SUBJECT_MODELS.get(title)
        self.pending = []
        self.clan_villages = []
        self.written = 0
        self.on_postgresql = uses_copy()

    def __enter__(self):
        if self.on_postgresql:
            connection.ensure_connection()
            self.raw = connection.connection  # psycopg's own: Django's wrapper is per thread
            self.sql, self.params = _chain(self)
            with self.raw.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
                cursor.execute(
                    f"CREATE TEMP TABLE {STAGING} ({_staging_columns(self)}) ON COMMIT DROP"
                )
            self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import")
            self.futures = []
        return self

    def add(self, existing_id, fields):
        self.pending.append((existing_id, fields))
        if len(self.pending) >= CHUNK_ROWS:
            self._send()

    def _send(self):
        chunk, self.pending = self.pending, []
        if not chunk:
            return
        self.written += len(chunk)
        if self.title == "clan":
            self.clan_villages.extend(f for _, f in chunk)
        if self.on_postgresql:
            for done in (f for f in self.futures if f.done()):
                done.result()  # a failed chunk stops the import at once
            self.futures.append(self.executor.submit(self._copy_and_insert, chunk))
        else:
            _write_with_orm(self, chunk)

    def _copy_and_insert(self, chunk):
        columns = SUBJECT_COLUMNS[self.title]
        data = "".join(
            "\t".join([_text(existing), *(_text(fields[c]) for c in columns)]) + "\n"
            for existing, fields in chunk
        )
        with self.raw.cursor() as cursor:
            cursor.execute(f"TRUNCATE {STAGING}")
            with cursor.copy(f"COPY {STAGING} FROM STDIN") as copy:
                copy.write(data)
            cursor.execute(self.sql, self.params)

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self._send()
        finally:
            if self.on_postgresql:
                # the connection must be idle again before the caller commits or rolls back
                self.executor.shutdown(wait=True)
                if exc_type is None:
                    for future in self.futures:
                        future.result()
                    with self.raw.cursor() as cursor:
                        cursor.execute(f"DROP TABLE {STAGING}")
        if exc_type is None and self.title == "clan":
            _link_clan_villages(self.commune, self.clan_villages)
        return False


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


def _staging_columns(writer):
    columns = SUBJECT_COLUMNS[writer.title]
    model = writer.model
    types = [model._meta.get_field(c).db_type(connection) for c in columns] if model else []
    return ", ".join(
        ["existing_id bigint", *(f"{_q(c)} {t}" for c, t in zip(columns, types, strict=True))]
    )


def _history_insert(model, source):
    """INSERT of the first ('+') history row of each row of `source`, a CTE returning
    the model's columns."""
    history = model.history.model
    columns = [
        f.attname
        for f in model._meta.concrete_fields
        if any(h.attname == f.attname for h in history._meta.concrete_fields)
    ]
    return (
        f"INSERT INTO {_q(history._meta.db_table)} "
        f"({', '.join(_column(history, c) for c in columns)}, history_date, history_type, "
        f"history_change_reason, history_user_id) "
        f"SELECT {', '.join(_column(model, c) for c in columns)}, %(now)s, '+', "
        f"%(reason)s, %(user)s FROM {source}"
    )


def _chain(writer):
    """One statement per chunk: new subjects, their history, the registrations, theirs."""
    title, model = writer.title, writer.model
    subject_fk = "village_id" if title == "village" else f"{title}_id"
    if model is None:
        subjects = f"subjects AS (SELECT existing_id AS id FROM {STAGING})"
    else:
        names = ", ".join(_column(model, c) for c in SUBJECT_COLUMNS[title])
        subjects = (
            f"new_subjects AS (INSERT INTO {_q(model._meta.db_table)} "
            f"(commune_id, {names}) SELECT %(commune)s, {names} FROM {STAGING} "
            f"WHERE existing_id IS NULL RETURNING *), "
            f"subjects_history AS ({_history_insert(model, 'new_subjects')}), "
            f"subjects AS (SELECT id FROM new_subjects UNION ALL "
            f"SELECT existing_id FROM {STAGING} WHERE existing_id IS NOT NULL)"
        )
    sql = (
        f"WITH {subjects}, "
        f"regs AS (INSERT INTO {_q(Registration._meta.db_table)} (commune_id, year, title, "
        f"{_q(subject_fk)}, state, created_at, created_by_id) SELECT %(commune)s, %(year)s, "
        f"%(title)s, id, 'registered', %(now)s, %(user)s FROM subjects RETURNING *) "
        f"{_history_insert(Registration, 'regs')}"
    )
    params = {
        "commune": writer.commune.code,
        "year": writer.year,
        "title": title,
        "now": timezone.now(),
        "user": getattr(writer.user, "pk", None),
        "reason": CHANGE_REASON,
    }
    return sql, params


def _write_with_orm(writer, chunk):
    model, title, user = writer.model, writer.title, writer.user
    subject_ids = [existing for existing, _ in chunk]
    if model is not None:
        new = [
            model(commune=writer.commune, **{c: fields[c] for c in SUBJECT_COLUMNS[title]})
            for existing, fields in chunk
            if existing is None
        ]
        created = iter(
            bulk_create_with_history(
                new, model, batch_size=2000, default_user=user, default_change_reason=CHANGE_REASON
            )
        )
        subject_ids = [sid if sid is not None else next(created).pk for sid in subject_ids]
    field = "village_id" if title == "village" else f"{title}_id"
    registrations = [
        Registration(
            commune=writer.commune, year=writer.year, title=title, created_by=user, **{field: sid}
        )
        for sid in subject_ids
    ]
    bulk_create_with_history(
        registrations,
        Registration,
        batch_size=2000,
        default_user=user,
        default_change_reason=CHANGE_REASON,
    )


def _link_clan_villages(commune, rows):
    through = Clan.villages.through
    ids = dict(Clan.objects.filter(commune=commune).values_list("name_folded", "id").order_by("id"))
    through.objects.bulk_create(
        [
            through(clan_id=ids[fields["name_folded"]], village_id=fields["village_id"])
            for fields in rows
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
