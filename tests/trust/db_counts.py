"""Exact row counts of every table of the project, in one statement: the check behind
"a refused submission writes nothing" in the hostile-input tests."""

from django.apps import apps
from django.db import connection

# Tables a refused submission may legitimately change: each request saves its session.
UNWATCHED = {"django_session"}
TABLES = sorted(
    {
        m._meta.db_table
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    }
    - UNWATCHED
)


def row_counts():
    """Exact row counts of every table but the unwatched, in one UNION ALL: every write
    to this project's data adds a row somewhere, at least to a history table."""
    sql = " UNION ALL ".join(
        f"SELECT %s, count(*) FROM {connection.ops.quote_name(table)}" for table in TABLES
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, TABLES)
        return dict(cursor.fetchall())


def changed_since(before):
    """{table: (rows before, rows now)} for every table whose count moved."""
    after = row_counts()
    return {t: (before[t], after[t]) for t in TABLES if before[t] != after[t]}


def table_checksums():
    """{table: digest of its whole content} for every table but the unwatched, in one
    statement: a write that changes a value without adding a row (an amount edited, a
    year reopened) changes the digest where row_counts() would not see it. PostgreSQL
    only: it digests each row's text form."""
    sql = " UNION ALL ".join(
        f"SELECT %s, md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) "
        f"FROM {connection.ops.quote_name(table)} t"
        for table in TABLES
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, TABLES)
        return dict(cursor.fetchall())


def tables_changed(before):
    """The tables whose content differs from the table_checksums() taken before."""
    after = table_checksums()
    return sorted(t for t in TABLES if before[t] != after[t])
