"""Progress of the running job, told by the code that reads, checks and writes rows.

An import runs in one transaction, so counters it saved on its own connection would be
seen by nobody until the end. On PostgreSQL the counters go out on a second connection
of their own (autocommit), at most once a second. SQLite takes its write lock for the
whole import: a second writer would wait for it, so there the counters are saved when
the import is over. Outside a job every call here is a no-op."""

import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections

FIELDS = ("rows_read", "rows_checked", "rows_written")
EVERY = 1.0  # seconds between two saves

_current: ContextVar["Reporter | None"] = ContextVar("job_progress", default=None)


class Reporter:
    def __init__(self, job_id: int):
        self.job_id = job_id
        self.counts = dict.fromkeys(FIELDS, 0)
        self._saved_at = time.monotonic()
        self._side = None

    def add(self, field: str, n: int = 1) -> None:
        self.counts[field] += n
        if time.monotonic() - self._saved_at >= EVERY:
            self.save()

    def save(self) -> None:
        self._saved_at = time.monotonic()
        side = self._connection()
        if side is None:
            return
        with side.cursor() as cursor:
            cursor.execute(
                "UPDATE jobs_job SET rows_read = %s, rows_checked = %s, rows_written = %s "
                "WHERE id = %s",
                [*(self.counts[f] for f in FIELDS), self.job_id],
            )

    def _connection(self):
        if connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
            return None
        if self._side is None:
            self._side = connections.create_connection(DEFAULT_DB_ALIAS)
        return self._side

    def close(self) -> None:
        if self._side is not None:
            self._side.close()


@contextmanager
def reporting(job_id: int):
    reporter = Reporter(job_id)
    token = _current.set(reporter)
    try:
        yield reporter
    finally:
        _current.reset(token)
        reporter.close()


def read(n: int = 1) -> None:
    """A row of the sheet was turned into values."""
    if (reporter := _current.get()) is not None:
        reporter.add("rows_read", n)


def checked(n: int = 1) -> None:
    """A row passed or failed its checks."""
    if (reporter := _current.get()) is not None:
        reporter.add("rows_checked", n)


def written(n: int = 1) -> None:
    """Rows went into the database (still inside the import's transaction)."""
    if (reporter := _current.get()) is not None:
        reporter.add("rows_written", n)


def checking(rows):
    """The rows of a sheet as the import's check loop takes them, each counted as checked
    when the loop asks for the next one: the page then follows the checks as they go,
    without a call in every branch of the loop."""
    for row in rows:
        yield row
        checked()
