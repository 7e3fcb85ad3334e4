"""The one bulk writer of new records and their first history rows (imports, demo).

On PostgreSQL, COPY straight into a model's table and its django-simple-history table,
on the request's own connection and in its transaction (a caller that raises takes
everything back), with ids reserved from the table's sequence first; values are put in
COPY's text format here, several times faster than psycopg's write_row() for each row.
Elsewhere (SQLite, for a first look) the same rows go in as multi-row INSERTs
(khuyenhoc.core.db.inserts). titles.bulk and members.bulk describe their rows; this
module writes them."""

from datetime import date, datetime

from django.db import connection

from .inserts import insert_rows

# What a history row adds to its record's values, in this order.
HISTORY_COLUMNS = ["history_date", "history_type", "history_change_reason", "history_user_id"]


def uses_copy() -> bool:
    """PostgreSQL takes the COPY path; other databases plain INSERTs."""
    return connection.vendor == "postgresql"


def copy_text(value) -> str:
    """A value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, str):
        if value.isprintable() and "\\" not in value:
            return value  # most text: one pass in C instead of four replaces
        return (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def copy_line(values) -> str:
    return "\t".join(map(copy_text, values))


def sequence_of(model) -> str:
    """SQL naming the sequence of the model's id."""
    return f"pg_get_serial_sequence('{model._meta.db_table}', '{model._meta.pk.column}')"


def reserve_ids(cursor, model, count: int) -> list[int]:
    # The sequence is looked up once, not once per id: nextval() of a name casts it to
    # the sequence on every row, which made 5,000 ids cost 80 ms of the database's time
    # instead of 7.
    cursor.execute(
        f"WITH s AS MATERIALIZED (SELECT {sequence_of(model)}::regclass AS seq) "
        "SELECT nextval(s.seq) FROM s, generate_series(1, %s)",
        [count],
    )
    return [pk for (pk,) in cursor.fetchall()]


def history_tail(*, when, user, reason=None) -> str:
    """The history columns of a new record's first history row, as COPY text that follows
    the record's line; `reason` None leaves the change reason empty (NULL)."""
    return "\t" + copy_line([when, "+", reason, getattr(user, "pk", None)])


def copy_into(model, attnames, extra_columns=()) -> str:
    quote = connection.ops.quote_name
    columns = [quote(model._meta.get_field(name).column) for name in attnames]
    columns += [quote(name) for name in extra_columns]
    return f"COPY {quote(model._meta.db_table)} ({', '.join(columns)}) FROM STDIN"


def copy_statements(model, attnames, own=()) -> tuple[str, str]:
    """COPY into the model's table (`attnames`, then `own`: the columns its history
    leaves out) and into its history table (`attnames`, then HISTORY_COLUMNS)."""
    return (
        copy_into(model, [*attnames, *own]),
        copy_into(model.history.model, attnames, HISTORY_COLUMNS),
    )


def with_history(statements, lines, tail, own_lines=None) -> list[tuple[str, str]]:
    """The two COPYs of copy_statements with their data: each line (the values of
    `attnames` in COPY's text format) into the table, followed by its `own_lines`
    values if any, and into the history followed by `tail` (history_tail)."""
    table, history = statements
    rows = lines if own_lines is None else map("\t".join, zip(lines, own_lines, strict=True))
    return [
        (table, "\n".join(rows) + "\n"),
        (history, f"{tail}\n".join(lines) + tail + "\n"),
    ]


def run_copies(copies) -> None:
    with connection.cursor() as cursor:
        for sql, data in copies:
            with cursor.copy(sql) as copy:
                copy.write(data)


def insert_history(model, attnames, rows, ids, history) -> None:
    """The INSERT path's first history row of each new record: its id, its values (in
    the order of `attnames`), then `history` (date, type, reason, user id)."""
    insert_rows(
        model.history.model,
        ["id", *attnames],
        [(pk, *row, *history) for pk, row in zip(ids, rows, strict=True)],
        extra_columns=HISTORY_COLUMNS,
    )
