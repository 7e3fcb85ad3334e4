"""Settings for the uncached run of bench_public.py: the same as production, with the
public page cache switched off so the pages are measured as rendered from the database."""

from khuyenhoc.settings import *  # noqa: F403

PUBLIC_CACHE_SECONDS = 0
