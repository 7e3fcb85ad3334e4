"""A short page cache for anonymous visitors, keyed by the full URL.

The public figures change a few times a day; caching each page for a few seconds
(PUBLIC_CACHE_SECONDS, default 5) absorbs bursts of readers while a change still shows
within seconds. Signed-in users always get a fresh page (their menu differs). The key
carries the figures' stamp (khuyenhoc/areas/freshness.py): a write of figures shows on
every app host sharing the cache at the next visit.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from khuyenhoc.areas.freshness import figures_stamp

from .selectors import cache_seconds

KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def _key(request):
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"public:{settings.PROVINCE_CODE}:page:{figures_stamp()}:{digest}"


def anonymous_cache(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = cache_seconds()
        if seconds <= 0 or request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key = _key(request)
        hit = cache.get(key)
        if hit is not None:
            content, headers = hit
            return HttpResponse(content, headers=headers)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            headers = {h: response[h] for h in KEPT_HEADERS if response.has_header(h)}
            cache.set(key, (response.content, headers), seconds)
        return response

    return wrapper
