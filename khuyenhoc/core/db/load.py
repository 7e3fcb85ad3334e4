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

import threading
from dataclasses import dataclass

from django.db import connection, transaction


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


@dataclass
class Dropped:
    """Indexes and unique constraints taken off tables for a load. A constraint is built
    again as its index (CREATE UNIQUE INDEX, which builds beside the table's other
    indexes, where ALTER TABLE … ADD CONSTRAINT locks the table for its whole build) and
    then made the constraint again (ADD CONSTRAINT … USING INDEX: no second build)."""

    # (name, table, CREATE [UNIQUE] INDEX …, the constraint's kind or "" for an index)
    entries: list[tuple[str, str, str, str]]

    def of(self, models=None):
        """The entries of the models' tables (all without)."""
        if models is None:
            return self.entries
        tables = {_regclass(m) for m in models}
        return [entry for entry in self.entries if entry[1] in tables]

    def creations(self, models=None) -> list[tuple[str, str, str]]:
        """(table, index name, CREATE INDEX …) of the models' tables (all without)."""
        return [(table, name, create) for name, table, create, _ in self.of(models)]

    def build(self, models=None):
        """Builds again those of the models' tables (all without) that are not there, in
        the caller's transaction: after a failure, some were built in transactions that
        committed."""
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            for _, name, create in self.creations(models):
                _create_missing(cursor, name, create)
        self.constrain(models)

    def constrain(self, models=None):
        """Makes the constraints of the models' tables (all without) from their indexes,
        built by then; in the caller's transaction."""
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for name, table, _, kind in self.of(models):
                if not kind:
                    continue
                cursor.execute(
                    "SELECT 1 FROM pg_constraint WHERE conname = %s AND conrelid = %s::regclass",
                    [name, table],
                )
                if not cursor.fetchone():
                    cursor.execute(
                        f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {kind} "
                        f"USING INDEX {quote(name)}"
                    )


def _create_missing(cursor, name, create):
    cursor.execute("SELECT to_regclass(%s)", [name])
    if cursor.fetchone()[0] is None:
        cursor.execute(create)


def _regclass(model):
    """The table's name as regclass::text writes it (quoted where it must be)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT %s::regclass::text", [connection.ops.quote_name(model._meta.db_table)]
        )
        return cursor.fetchone()[0]


def drop_indexes(models) -> Dropped:
    """Drops the indexes of the models' tables, in the caller's transaction; returns
    what builds them again."""
    tables = [model._meta.db_table for model in models]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT c.conname, c.conrelid::regclass::text, pg_get_indexdef(c.conindid),
                      CASE c.contype WHEN 'p' THEN 'PRIMARY KEY' ELSE 'UNIQUE' END
                      || CASE WHEN c.condeferrable THEN ' DEFERRABLE' ELSE '' END
                      || CASE WHEN c.condeferred THEN ' INITIALLY DEFERRED' ELSE '' END
               FROM pg_constraint c
               WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('p', 'u')
                 AND NOT EXISTS (SELECT 1 FROM pg_constraint f
                                 WHERE f.contype = 'f' AND f.conindid = c.conindid)""",
            [tables],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            """SELECT i.indexrelid::regclass::text, i.indrelid::regclass::text,
                      pg_get_indexdef(i.indexrelid), ''
               FROM pg_index i
               WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
                 AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                                 WHERE c.conindid = i.indexrelid)""",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, table, _, _ in constraints:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
        for name, _, _, _ in indexes:
            cursor.execute(f"DROP INDEX {name}")
    return Dropped(constraints + indexes)


def pause_autovacuum(models) -> list[str]:
    """Keeps autovacuum off the models' tables until resume_autovacuum (a setting of the
    tables, committed with the caller's transaction): while they are loaded, its workers
    analysed and vacuumed tables of millions of rows on the cores the load needed (the
    province's titles took 162,5 s with them at work, 146,5 s with them kept off, and
    each ADD CONSTRAINT at the end waited a second for a worker to give way). A table
    whose autovacuum someone set is left as it is. Returns the tables paused."""
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT oid::regclass::text FROM pg_class
               WHERE oid = ANY(%s::regclass[])
                 AND NOT coalesce(reloptions::text LIKE '%%autovacuum_enabled%%', false)""",
            [tables],
        )
        paused = [row[0] for row in cursor.fetchall()]
        for table in paused:
            cursor.execute(f"ALTER TABLE {table} SET (autovacuum_enabled = false)")
    return paused


def resume_autovacuum(tables):
    """Gives the tables paused back to autovacuum, which then vacuums and analyses them
    in the background as after any load."""
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ALTER TABLE {table} RESET (autovacuum_enabled)")


class BuildQueue:
    """Indexes to build after their tables' loads have committed, taken by whichever
    connection is free, the biggest table's first, each in a transaction of its own (an
    index made in its transaction is written without WAL under minimal WAL). Two
    connections keep both cores busy where one build at a time left one idle while its
    leader merged and wrote the index alone."""

    def __init__(self, dropped: Dropped):
        self._dropped = dropped
        self._lock = threading.Lock()
        self._pending: list[tuple[int, str, str]] = []

    def add(self, models):
        """The models' tables' indexes, once their loads have committed."""
        creations = self._dropped.creations(models)
        with connection.cursor() as cursor:
            sized = []
            for table, name, create in creations:
                cursor.execute("SELECT pg_relation_size(%s::regclass)", [table])
                sized.append((cursor.fetchone()[0], name, create))
        with self._lock:
            self._pending = sorted(self._pending + sized, key=lambda entry: -entry[0])

    def work(self):
        """Builds on this thread's connection until none is left."""
        while True:
            with self._lock:
                if not self._pending:
                    return
                _, name, create = self._pending.pop(0)
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
                _create_missing(cursor, name, create)
