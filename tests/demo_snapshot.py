"""The demo province seeded once per test run and put back by COPY wherever a test needs
it: seeding takes about eight seconds, putting its rows back well under one, and a dozen
modules need the province.

The snapshot holds the whole content of every table the seed changed. `restore_demo()`
runs inside the caller's transaction, which rolls it back as it would roll back a seed.
Triggers and foreign-key checks are off while the rows go in (session_replication_role):
the rows are the ones the seed wrote and checked, and the funds' closed-year guards would
refuse the entries of the years the seed closed."""

import io
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

from tests.trust.db_counts import row_counts, table_checksums, tables_changed


@dataclass(frozen=True)
class Snapshot:
    tables: dict[str, bytes]  # table → its rows as COPY text, after the seed
    emptied: tuple[str, ...]  # tables that had rows before the seed, to empty first
    # the units and the migrations' rows the seed stands on, put back first when a browser
    # test's flush emptied them (its tests run in any order beside the others')
    base: "Snapshot | None" = None


def take_snapshot() -> Snapshot:
    """Seeds the province in a transaction, copies out what changed, rolls back."""
    with transaction.atomic():
        counts, before = row_counts(), table_checksums()
        call_command("seed_demo", force=True, stdout=io.StringIO())
        changed = tables_changed(before)
        with connection.cursor() as cursor:
            tables = {table: _copy_out(cursor, table) for table in changed}
        transaction.set_rollback(True)
    return Snapshot(tables=tables, emptied=tuple(t for t in changed if counts[t]))


def restore_demo(snapshot: Snapshot) -> None:
    """Puts the seeded province back into the current transaction."""
    if snapshot.base is not None:
        restore_base_if_flushed(snapshot.base)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        for table in snapshot.emptied:
            cursor.execute(f"DELETE FROM {quote(table)}")
        _copy_in(cursor, snapshot.tables)
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")
        for statement in _sequence_resets(snapshot.tables):
            cursor.execute(statement)
        _analyze(cursor, snapshot.tables)
    cache.clear()


def take_base_snapshot() -> Snapshot:
    """Every row the test database holds before any test: what the migrations ship and
    the official units. A browser test's flush empties them all."""
    with connection.cursor() as cursor:
        tables = {t: _copy_out(cursor, t) for t, count in row_counts().items() if count}
    return Snapshot(tables=tables, emptied=())


def restore_base_if_flushed(base: Snapshot) -> None:
    from khuyenhoc.areas.models import Province

    if not Province.objects.exists():
        restore_base(base)


def restore_base(snapshot: Snapshot) -> None:
    """Puts the base rows back into the tables a flush left empty: loading the units
    again takes seconds, copying them back a fraction of one. Tables the flush refilled
    itself (content types and permissions, made again after it) are left as they are."""
    counts = row_counts()
    empty = {t: rows for t, rows in snapshot.tables.items() if not counts[t]}
    # one transaction: the foreign keys are checked once every table is back
    with transaction.atomic(), connection.cursor() as cursor:
        _copy_in(cursor, empty)
        for statement in _sequence_resets(empty):
            cursor.execute(statement)
        # autovacuum may have analyzed them while the flush left them empty
        _analyze(cursor, empty)
    # pages cached before the flush describe rows that are gone, under a figures stamp
    # the emptied tables may give again
    cache.clear()


def _analyze(cursor, tables):
    """The planner would otherwise take freshly filled tables for empty ones and pick
    nested loops that turn a page into minutes (10.000 old communes joined to their
    old→new pairs). These tables only: a database-wide ANALYZE also takes the shared
    catalogs, and two xdist workers then wait on each other."""
    if tables:
        quote = connection.ops.quote_name
        cursor.execute("ANALYZE " + ", ".join(quote(t) for t in tables))


def _copy_in(cursor, tables):
    for table, rows in tables.items():
        with cursor.copy(f"COPY {connection.ops.quote_name(table)} FROM STDIN") as copy:
            copy.write(rows)


def _copy_out(cursor, table) -> bytes:
    buffer = io.BytesIO()
    with cursor.copy(f"COPY {connection.ops.quote_name(table)} TO STDOUT") as copy:
        for block in copy:
            buffer.write(block)
    return buffer.getvalue()


def _sequence_resets(tables):
    models = [m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in tables]
    return connection.ops.sequence_reset_sql(no_style(), models)


@pytest.fixture(scope="session")
def demo_snapshot(base_snapshot, django_db_blocker) -> Snapshot:
    with django_db_blocker.unblock():
        restore_base_if_flushed(base_snapshot)
        seeded = take_snapshot()
    return Snapshot(tables=seeded.tables, emptied=seeded.emptied, base=base_snapshot)
