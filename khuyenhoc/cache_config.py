"""The cache that CACHE_URL names (settings.py): each process's own memory by default, or
one Redis that every app host shares (README "Chạy nhiều máy chủ ứng dụng").

Kept out of settings.py so that the tests build the very configuration production gets."""

import environ

REDIS_BACKEND = "django_redis.cache.RedisCache"

# The cache only saves work: while Redis is down or slow, pages are built uncached (and
# django-redis logs the failure) instead of answering 500 after a long wait.
REDIS_OPTIONS = {
    "IGNORE_EXCEPTIONS": True,
    "SOCKET_CONNECT_TIMEOUT": 0.5,
    "SOCKET_TIMEOUT": 0.5,
}


def cache_from_url(url: str) -> dict:
    """A CACHES entry; options written in a redis:// URL's query win over REDIS_OPTIONS."""
    config = environ.Env.cache_url_config(url)
    if config["BACKEND"] == REDIS_BACKEND:
        config["OPTIONS"] = {**REDIS_OPTIONS, **config.get("OPTIONS", {})}
    return config
