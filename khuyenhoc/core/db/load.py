"""Loading many rows into tables at once (the province demo): their indexes are built
after the load instead of entry by entry, PostgreSQL only.

An index built once over 30 million rows costs a sort; kept during the load, each row
costs a descent in every index of its table, most of the load's time. The indexes and
unique constraints are put back exactly as they were (pg_get_indexdef, pg_get_constraintdef),
names included, so Django's migrations find what they made. The primary keys stay
(their ids come in order: rebuilding them cost more than it saved), and so does any
index a foreign key of another table relies on."""

from contextlib import contextmanager

from django.db import connection


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
               WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype = 'u'
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
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for name, table, definition in constraints:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")
        for _, definition in indexes:
            cursor.execute(definition)
