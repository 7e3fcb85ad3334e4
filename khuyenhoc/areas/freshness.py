"""A stamp of the summary figures' current state, kept in the cache every app host shares.

The public pages are cached for a few seconds, and so are the province totals they are
built from (khuyenhoc/public): on their own the two expiries add up, and a page cached
for 5 s from totals cached for 5 s could show a figure 10 s old. Both keys carry this
stamp, and every write of figures gives it a new value once its transaction has committed
(before, another host could cache the old figures under the new stamp). With a shared
cache (CACHE_URL=redis://…) every host then builds its pages again at the next visit;
with each process's own memory, the other processes still rely on the expiry.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction


def _key() -> str:
    return f"public:{settings.PROVINCE_CODE}:figures-stamp"


def figures_stamp() -> str:
    """The stamp to put in a cache key; "0" until the first write (or after an eviction,
    when whatever was cached under "0" has long expired)."""
    return cache.get(_key()) or "0"


def figures_changed() -> None:
    """Call inside the transaction that writes figures."""
    # robust: the figures are written; a cache that fails now must not turn that into a 500
    transaction.on_commit(lambda: cache.set(_key(), uuid.uuid4().hex, timeout=None), robust=True)
