from tests.funds.conftest import fund_a, this_year  # noqa: F401
from tests.public.conftest import fresh_cache, province_communes  # noqa: F401
