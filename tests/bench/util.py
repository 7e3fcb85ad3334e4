"""Helpers for `make bench`: each figure prints one line `BENCH <name> key=value ...`."""

import resource
import time
from contextlib import contextmanager

from django.db import connection


def bench_line(name: str, **values) -> str:
    parts = []
    for key, value in values.items():
        if isinstance(value, float):
            value = f"{value:.3f}" if value < 100 else f"{value:.1f}"
        parts.append(f"{key}={value}")
    line = f"BENCH {name} " + " ".join(parts)
    # on a line of its own: pytest's progress dots would hide it from `grep '^BENCH'`
    print(f"\n{line}", flush=True)
    return line


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def stopwatch():
    """with stopwatch() as t: ...; then t() is the elapsed seconds."""
    start = time.perf_counter()
    elapsed = None

    def read():
        return elapsed if elapsed is not None else time.perf_counter() - start

    try:
        yield read
    finally:
        elapsed = time.perf_counter() - start


def run_commit_checks():
    """Run the checks a COMMIT would: Django's foreign keys are checked at commit, and a
    benchmark's transaction never commits, so a write is timed with this inside."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
