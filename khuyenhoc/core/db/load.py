"""Loading many rows into tables at once (the province demo): their indexes are built
after the load instead of entry by entry, PostgreSQL only.

An index built once over 30 million rows costs a sort; kept during the load, each row
costs a descent in every index of its table, most of the load's time. The indexes and
unique constraints are put back exactly as they were (pg_get_indexdef, pg_get_constraintdef),
names included, so Django's migrations find what they made. So are the primary keys no
other table's key refers to (the scores' and the history's: 33 million scores went in
in 37 s with their primary key and in 18 s without it, whose build then took 8 s); an
index a foreign key of another table relies on stays.

Under wal_level=minimal (the throwaway cluster of scripts/with-postgres.sh), rows written
into a table whose file was made in the same transaction go without WAL: the file is
synced at commit instead (a no-op with fsync off). fresh_files gives empty tables such a
file by TRUNCATE, which halves what a load of tens of millions of rows writes."""

from contextlib import contextmanager

from django.db import connection


def fresh_files(models):
    """Truncates the models' tables, and those whose keys refer to them, when all are
    empty and the cluster logs minimally; otherwise does nothing. In the caller's
    transaction, whose end the tables stay locked until."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW wal_level")
        if cursor.fetchone()[0] != "minimal":
            return
        quote = connection.ops.quote_name
        cursor.execute(
            """WITH RECURSIVE referring(rel) AS (
                 SELECT unnest(%s::regclass[])
                 UNION SELECT c.conrelid FROM pg_constraint c
                       JOIN referring r ON c.confrelid = r.rel AND c.contype = 'f')
               SELECT rel::regclass::text FROM referring ORDER BY 1""",
            [[quote(model._meta.db_table) for model in models]],
        )
        everything = [row[0] for row in cursor.fetchall()]
        for table in everything:
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table})")
            if cursor.fetchone()[0]:
                return
        cursor.execute(f"TRUNCATE {', '.join(everything)}")


@contextmanager
def indexes_built_after(models):
    """Drops the indexes of the models' tables, runs the block, builds them again; in
    the caller's transaction (a failure takes the drops back too)."""
    tables = [model._meta.db_table for model in models]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT c.conname, c.conrelid::regclass::text, pg_get_constraintdef(c.oid)
               FROM pg_constraint c
               WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('p', 'u')
                 AND NOT EXISTS (SELECT 1 FROM pg_constraint f
                                 WHERE f.contype = 'f' AND f.conindid = c.conindid)""",
            [tables],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
               FROM pg_index i
               WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
                 AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                                 WHERE c.conindid = i.indexrelid)""",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, table, _ in constraints:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        for name, table, definition in constraints:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")
        for _, definition in indexes:
            cursor.execute(definition)
