"""Progress of the running job, told by the code that reads, checks and writes rows
through khuyenhoc.core.progress: this module is the sink a job installs.

An import runs in one transaction, so counters it saved on its own connection would be
seen by nobody until the end. On PostgreSQL the counters go out on a second connection
of their own (autocommit), at most once a second. SQLite takes its write lock for the
whole import: a second writer would wait for it, so there the counters are saved when
the import is over. Outside a job every call here is a no-op."""

import time
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections

from khuyenhoc.core import progress

FIELDS = ("rows_read", "rows_checked", "rows_written")
EVERY = 1.0  # seconds between two saves


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
    """The counts told through khuyenhoc.core.progress inside the block are the job's."""
    reporter = Reporter(job_id)
    try:
        with progress.reporting_to(reporter):
            yield reporter
    finally:
        reporter.close()
