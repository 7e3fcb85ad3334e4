from tests.public.conftest import fresh_cache, province_communes  # noqa: F401
