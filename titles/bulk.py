"""Writing a checked import: new subjects, their registrations, and the first history
row of each.

On PostgreSQL every chunk of checked rows is written by COPY straight into the four
tables, with ids reserved from the tables' sequences first (the ORM's bulk_create spends
seconds building 150,000 model instances), on the request's own connection and in its
transaction: a caller that meets a wrong row stops sending and raises, and the rollback
takes back the chunks already written, so all or nothing holds. (An earlier version
wrote on a second thread sharing the connection to overlap the database's work with
Python's; a connection is not for two threads, and a failure on one left the other's
state unclear.) Foreign keys are checked at the end of each COPY instead of all at
commit. Elsewhere (SQLite, for a first look) each chunk is written in turn by multi-row
INSERTs of the same rows. The writing itself, with the history rows, is the one bulk
writer's (khuyenhoc.core.db.copy); this module says which rows."""

from django.db import connection
from django.db.models import BigIntegerField, CharField, DateTimeField, Value
from django.db.models.expressions import RawSQL
from django.utils import timezone

from khuyenhoc.core import progress
from khuyenhoc.core.db.copy import (
    copy_into,
    copy_line,
    copy_statements,
    copy_text,
    history_tail,
    insert_history,
    reserve_ids,
    run_copies,
    uses_copy,
    with_history,
)
from khuyenhoc.core.db.inserts import db_datetime, insert_rows
from khuyenhoc.core.db.statistics import analyze_if_grown

from .models import SUBJECT_MODELS, Clan, Evaluation, Registration, Score

SUBJECT_COLUMNS = {
    "household": ["village_id", "head_name", "members", "name_folded"],
    "citizen": ["village_id", "full_name", "birth_year", "sex", "group", "name_folded"],
    "clan": ["name", "name_folded"],
    "unit": ["name", "kind", "name_folded"],
    "village": [],
}
CHANGE_REASON = "Nhập từ Excel"
CHUNK_ROWS = 5000


class RegistrationWriter:
    """with RegistrationWriter(...) as writer: writer.add(existing id or None, fields).

    Call add() only while every row so far was right; raise inside the block to discard
    everything. Leaving the block normally writes the rest and waits for the database."""

    def __init__(self, *, user, commune, year, title, when=None):
        self.user, self.commune, self.year, self.title = user, commune, year, title
        self.when = when or timezone.now()  # the demo dates its past years' lists
        self.model = SUBJECT_MODELS.get(title)
        self.pending = []
        self.clan_villages = []
        self.written = 0
        self.on_postgresql = uses_copy()

    def __enter__(self):
        if self.on_postgresql:
            self.copy = _CopyStatements(self)
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
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
            run_copies(self.copy.prepare(chunk))
        else:
            _write_with_inserts(self, chunk)
        progress.written(len(chunk))

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            return False
        self._send()
        if self.on_postgresql:
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's default
                tables = [Registration, self.model] if self.model else [Registration]
                analyze_if_grown(tables, self.written)
        if self.title == "clan":
            _link_clan_villages(self.commune, self.clan_villages)
        return False


class _CopyStatements:
    """The COPY statement of each table, and the parts of a line that every row shares."""

    def __init__(self, writer):
        title, model = writer.title, writer.model
        user = copy_text(getattr(writer.user, "pk", None))
        now = copy_text(writer.when)
        self.commune = copy_text(writer.commune.code)
        # A history row is its record's line followed by the history columns.
        self.history_tail = history_tail(when=writer.when, user=writer.user, reason=CHANGE_REASON)
        subject_fk = "village_id" if title == "village" else f"{title}_id"
        columns = ["id", "commune_id", "year", "title", subject_fk, "state"]
        columns += ["created_at", "created_by_id"]
        # a citizen's registration keeps the group the sheet gives for this year
        self.with_group = title == "citizen"
        self.registration = copy_statements(
            Registration, [*columns, "citizen_group"] if self.with_group else columns
        )
        self.registration_head = f"\t{self.commune}\t{writer.year}\t{title}\t"
        self.registration_tail = f"\tregistered\t{now}\t{user}"
        self.subject_model = model
        self.subject_columns = SUBJECT_COLUMNS[title] if model else []
        if model is not None:
            self.subject = copy_statements(model, ["id", "commune_id", *self.subject_columns])

    def prepare(self, chunk) -> list[tuple[str, str]]:
        """Each COPY of the chunk with its data."""
        new = [fields for existing, fields in chunk if existing is None]
        with connection.cursor() as cursor:
            registration_ids = reserve_ids(cursor, Registration, len(chunk))
            subject_ids = reserve_ids(cursor, self.subject_model, len(new)) if new else []
        copies = []
        if new:
            lines = [
                "\t".join([str(pk), self.commune, *(copy_text(f[c]) for c in self.subject_columns)])
                for pk, f in zip(subject_ids, new, strict=True)
            ]
            copies += with_history(self.subject, lines, self.history_tail)
        new_ids = iter(subject_ids)
        lines = [
            f"{pk}{self.registration_head}"
            f"{existing if existing is not None else next(new_ids)}{self.registration_tail}"
            for pk, (existing, _) in zip(registration_ids, chunk, strict=True)
        ]
        if self.with_group:
            lines = [
                f"{line}\t{fields['group']}" for line, (_, fields) in zip(lines, chunk, strict=True)
            ]
        return copies + with_history(self.registration, lines, self.history_tail)


def _id_list(ids):
    """`ids` for an `id__in` filter. On PostgreSQL one array parameter: as an IN list of
    10,000 placeholders, psycopg spent 30 ms splitting each query in Python and the
    server as long parsing it, twice per move (the UPDATE and the history's SELECT)."""
    if uses_copy():
        return RawSQL("SELECT unnest(%s::bigint[])", (ids,))
    return ids


def _q(name):
    return connection.ops.quote_name(name)


def _column(model, attname):
    return _q(model._meta.get_field(attname).column)


def _write_with_inserts(writer, chunk):
    """The COPY path's rows as multi-row INSERTs, for SQLite."""
    model, title = writer.model, writer.title
    now, user, commune = (
        db_datetime(writer.when),
        getattr(writer.user, "pk", None),
        writer.commune,
    )
    history = (now, "+", CHANGE_REASON, user)
    subject_ids = [existing for existing, _ in chunk]
    if model is not None:
        columns = ["commune", *SUBJECT_COLUMNS[title]]
        rows = [
            (commune.code, *(fields[c] for c in SUBJECT_COLUMNS[title]))
            for existing, fields in chunk
            if existing is None
        ]
        created = insert_rows(model, columns, rows, returning_id=True)
        insert_history(model, columns, rows, created, history)
        new_ids = iter(created)
        subject_ids = [sid if sid is not None else next(new_ids) for sid in subject_ids]
    field = "village" if title == "village" else title
    columns = ["commune", "year", "title", field, "state", "created_at", "created_by"]
    rows = [(commune.code, writer.year, title, sid, "registered", now, user) for sid in subject_ids]
    if title == "citizen":
        columns.append("citizen_group")
        rows = [(*row, fields["group"]) for row, (_, fields) in zip(rows, chunk, strict=True)]
    created = insert_rows(Registration, columns, rows, returning_id=True)
    insert_history(Registration, columns, rows, created, history)


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


EVALUATION_COLUMNS = [
    "id",
    "registration_id",
    "criteria_set_id",
    "total",
    "passed",
    "reason",
    "evaluated_at",
    "evaluated_by_id",
]


def add_evaluations(*, user, criteria_set, results, reason, when=None) -> int:
    """Writes the first evaluation of many registrations, each with its first history row
    and its scores: `results` holds (registration id, rules.Outcome, points by indicator
    id). By COPY on PostgreSQL, where a commune's 10,000 citizens saved one by one would
    outlast the request. services.first_evaluations_add also moves their state. `when`
    (default now) is the moment recorded, for the demo's past years."""
    if not results:
        return 0
    if not uses_copy():
        return _add_evaluations_with_inserts(user, criteria_set, results, reason, when)
    now, user_id = when or timezone.now(), getattr(user, "pk", None)
    with connection.cursor() as cursor:
        ids = reserve_ids(cursor, Evaluation, len(results))
        lines, score_lines = [], []
        for pk, (registration_id, outcome, points) in zip(ids, results, strict=True):
            lines.append(
                copy_line(
                    [pk, registration_id, criteria_set.pk]
                    + [outcome.total, outcome.passed, outcome.reason, now, user_id]
                )
            )
            score_lines += [  # the table's own default numbers scores: nothing refers to them
                copy_line([pk, indicator_id, value]) for indicator_id, value in points.items()
            ]
        tail = history_tail(when=now, user=user, reason=reason)
        copies = with_history(copy_statements(Evaluation, EVALUATION_COLUMNS), lines, tail)
        if score_lines:
            score_columns = ["evaluation", "indicator", "points"]
            copies.append((copy_into(Score, score_columns), "\n".join(score_lines) + "\n"))
        run_copies(copies)
        analyze_if_grown([Evaluation, Score], len(results))
    return len(results)


def _add_evaluations_with_inserts(user, criteria_set, results, reason, when):
    now, user_id = db_datetime(when or timezone.now()), getattr(user, "pk", None)
    columns = EVALUATION_COLUMNS[1:]
    rows = [
        (
            registration_id,
            criteria_set.pk,
            outcome.total,
            outcome.passed,
            outcome.reason,
            now,
            user_id,
        )
        for registration_id, outcome, _ in results
    ]
    ids = insert_rows(Evaluation, columns, rows, returning_id=True)
    insert_history(Evaluation, columns, rows, ids, (now, "+", reason, user_id))
    scores = [
        (pk, indicator_id, value)
        for pk, (_, _, points) in zip(ids, results, strict=True)
        for indicator_id, value in points.items()
    ]
    insert_rows(Score, ["evaluation", "indicator", "points"], scores)
    return len(results)


def set_state(queryset, state, *, user, reason="", when=None) -> int:
    """Moves every registration of `queryset` to `state` in one UPDATE and writes one
    history row each in one INSERT … SELECT, instead of 5,000 saves. `when` (default
    now) is the moment the history records, for the demo's past years."""
    ids = list(queryset.values_list("id", flat=True))
    if not ids:
        return 0
    moved = Registration.objects.filter(id__in=_id_list(ids))
    moved.update(state=state)
    history = Registration.history.model
    columns = [f.attname for f in Registration._meta.concrete_fields if not f.generated]
    select = moved.annotate(
        h_date=Value(when or timezone.now(), output_field=DateTimeField()),
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
