"""The planner's statistics after a bulk write, on PostgreSQL.

PostgreSQL plans from statistics that autovacuum gathers only after commit, and not at
once: a table written wholesale is planned, until then, from guesses. A guess is not
harmless. After a fresh seed the summary tables had none, and the commune page's query
of the old communes' rows ran as a nested loop of 211,548 index probes: 271 ms instead
of 7 (measured 2026-12-04; a wider metric column had tipped the guess). So the writers
that fill or rewrite a table in bulk ANALYZE it themselves."""

from django.db import connection


def analyze(models, *, sample: int | None = None):
    """ANALYZE the models' tables now, inside the caller's transaction (it counts the
    transaction's own rows). `sample` lowers the statistics target for big tables whose
    plans need the row counts more than the fine distribution."""
    if connection.vendor != "postgresql" or not models:
        return
    names = sorted({model._meta.db_table for model in models})
    with connection.cursor() as cursor:
        if sample is not None:
            cursor.execute("SET LOCAL default_statistics_target = %s", [sample])
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(n) for n in names))


def analyze_database():
    """ANALYZE every table: after a seed, which writes the whole database at once (the
    demo's 250 people a commune: 0,2–0,4 s)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def analyze_if_grown(models, written: int):
    """ANALYZE the models' tables when this write grew them by more than a fifth.

    A first import of 10,000 citizens would otherwise have the same transaction's
    figures planned for an empty table, as nested loops that scan the table once per
    row; a first import of the old communes' reports, the public pages' query of them
    as the nested loop above."""
    if connection.vendor != "postgresql" or not written:
        return
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reltuples FROM pg_class WHERE relname = ANY(%s)", [tables])
        grown = {name for name, tuples in cursor.fetchall() if written > max(tuples, 0) / 5}
    # A tenth of the usual sample: a 50,000-row table is analyzed in 12 ms instead of
    # 120 ms. Autovacuum analyzes again with the full sample once the import is committed.
    analyze([model for model in models if model._meta.db_table in grown], sample=10)
