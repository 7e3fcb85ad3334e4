"""Bulk INSERT of plain rows, for databases without COPY (SQLite, in the quick start).

The bulk writers already know each row as a tuple of column values. bulk_create would
turn every tuple into a model instance and prepare every value through its field again:
on SQLite that was 40 of the demo's 56 seconds. Here a batch is one multi-row INSERT,
with ids returned in row order (the order bulk_create itself relies on). Callers pass
values the database takes as they are: numbers, text, booleans, None, and datetimes
already adapted with `db_datetime`."""

from django.db import connection


def db_datetime(value):
    """A datetime as this database stores it (SQLite: text in UTC)."""
    return connection.ops.adapt_datetimefield_value(value)


def insert_rows(model, attnames, rows, *, extra_columns=(), returning_id=False):
    """INSERT `rows` (tuples in the order of `attnames`, then `extra_columns`, which are
    column names such as a history table's) into the model's table. Returns the new ids
    in row order when `returning_id`."""
    quote = connection.ops.quote_name
    columns = [quote(model._meta.get_field(name).column) for name in attnames]
    columns += [quote(name) for name in extra_columns]
    width = len(columns)
    limit = connection.features.max_query_params or 30000
    batch = max(1, min(2000, limit // width))
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(columns)}) VALUES "
    tail = f" RETURNING {quote(model._meta.pk.column)}" if returning_id else ""
    placeholder = "(" + ", ".join(["%s"] * width) + ")"
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            part = rows[start : start + batch]
            params = [value for row in part for value in row]
            cursor.execute(head + ", ".join([placeholder] * len(part)) + tail, params)
            if returning_id:
                ids += [pk for (pk,) in cursor.fetchall()]
    return ids
