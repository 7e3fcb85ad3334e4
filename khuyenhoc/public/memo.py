"""What a process remembers of the public pages between requests: the overview's rows as
written, a commune's figures of every year; computed once for each version of the
figures (khuyenhoc/areas/freshness.py), not once a request.

The version is read from the database at every request, so a write through any app host
shows at the next request on every host, with or without a shared cache; what was
remembered for an older version is dropped whole. Without a version (SQLite) nothing is
remembered. An entry also ages out after MAX_AGE seconds, should a version ever fail to
advance after a commit (the database gone at that very moment).
"""

import time

from khuyenhoc.areas.freshness import figures_version

MAX_AGE = 300

_entries: dict = {}
_state = {"version": None}


def version() -> int | None:
    """The figures' version for this request: one small query (None on SQLite)."""
    return figures_version()


def remembered(version, key, compute):
    """compute(), remembered under `key` while the figures' version stays `version`.
    The version is read before compute() reads anything: what is remembered is at least
    as new as the version it is filed under."""
    if version is None:
        return compute()
    if _state["version"] != version:
        _entries.clear()
        _state["version"] = version
    now = time.monotonic()
    found = _entries.get((version, key))
    if found is not None and now - found[0] < MAX_AGE:
        return found[1]
    value = compute()
    _entries[(version, key)] = (now, value)  # filed under its version: never read for another
    return value


def forget() -> None:
    """Drops everything remembered (the tests, which write figures straight into the
    summary tables and roll back, share one process)."""
    _entries.clear()
    _state["version"] = None
