"""Two marks of the summary figures' current state: a stamp in the cache every app host
shares, and a version in the database.

The public pages are cached for a few seconds, and so are the province totals they are
built from (khuyenhoc/public): on their own the two expiries add up, and a page cached
for 5 s from totals cached for 5 s could show a figure 10 s old. Both keys carry the
stamp, and every write of figures gives it a new value once its transaction has committed
(before, another host could cache the old figures under the new stamp). With a shared
cache (CACHE_URL=redis://…) every host then builds its pages again at the next visit;
with each process's own memory, the other processes still rely on the expiry.

The version (PostgreSQL only: a sequence, migration 0011) is what a process may key the
work it remembers on (khuyenhoc/public/memo.py): read from the database, it is the same
for every host and every process, Redis or no Redis. A write advances it twice: at once,
so that a read inside the writing transaction (and in the tests' transactions, which never
commit) sees the change, and again after the commit, so that whatever another process
built from the figures before they were committed is not taken for the new state.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

SEQUENCE = "areas_figures_version"


def _key() -> str:
    return f"public:{settings.PROVINCE_CODE}:figures-stamp"


def figures_stamp() -> str:
    """The stamp to put in a cache key; "0" until the first write (or after an eviction,
    when whatever was cached under "0" has long expired)."""
    return cache.get(_key()) or "0"


def _advance() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(%s)", [SEQUENCE])


def _new_stamp() -> None:
    cache.set(_key(), uuid.uuid4().hex, timeout=None)


def figures_changed() -> None:
    """Call inside the transaction that writes figures."""
    _advance()
    # robust: the figures are written; a cache that fails now must not turn that into a 500
    transaction.on_commit(_new_stamp, robust=True)
    transaction.on_commit(_advance, robust=True)


def figures_version() -> int | None:
    """The figures' version, read from the database: a new number after every write of
    figures; None where there is no version (SQLite)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        # 0 until the first nextval(), whose number last_value already shows
        cursor.execute(f"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {SEQUENCE}")
        return cursor.fetchone()[0]
