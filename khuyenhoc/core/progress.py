"""The hook through which code that reads, checks and writes rows tells how far it got:
the sheets (khuyenhoc.core.sheets) and the apps' imports call read/checked/written; a
sink installed around the work (khuyenhoc.jobs.progress.reporting, for a background
job) receives the counts. Outside any sink every call here is a no-op: core imports no
project app, and the jobs app installs the sink."""

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol


class Sink(Protocol):
    def add(self, field: str, n: int = 1) -> None: ...


_current: ContextVar["Sink | None"] = ContextVar("job_progress", default=None)


@contextmanager
def reporting_to(sink: Sink):
    """Every count told inside the block goes to `sink`."""
    token = _current.set(sink)
    try:
        yield sink
    finally:
        _current.reset(token)


def read(n: int = 1) -> None:
    """A row of the sheet was turned into values."""
    if (sink := _current.get()) is not None:
        sink.add("rows_read", n)


def checked(n: int = 1) -> None:
    """A row passed or failed its checks."""
    if (sink := _current.get()) is not None:
        sink.add("rows_checked", n)


def written(n: int = 1) -> None:
    """Rows went into the database (still inside the import's transaction)."""
    if (sink := _current.get()) is not None:
        sink.add("rows_written", n)


def checking(rows):
    """The rows of a sheet as the import's check loop takes them, each counted as checked
    when the loop asks for the next one: the page then follows the checks as they go,
    without a call in every branch of the loop."""
    for row in rows:
        yield row
        checked()
