"""Two app hosts behind one load balancer share one PostgreSQL and one Redis: a figure a
staff member saves through one host shows on the public pages of the other within the
public cache's 5 seconds, and the pages both serve come from Redis."""

import tempfile
import time

import pytest
import redis
from django.utils import timezone

from khuyenhoc.areas.services import denominator_save
from tests.factories import PASSWORD, year_with_figures

from .servers import (
    Browser,
    app_hosts,
    collect_static,
    database_url,
    production_env,
    redis_server,
)

PUBLIC_CACHE_SECONDS = 5


@pytest.fixture
def hosts(transactional_db):
    """Redis, then two gunicorn hosts of two workers each; yields (port A, port B, Redis)."""
    with (
        redis_server() as redis_port,
        tempfile.TemporaryDirectory(prefix="khuyenhoc-static-") as static_root,
    ):
        env = production_env(
            DATABASE_URL=database_url(),
            CACHE_URL=f"redis://127.0.0.1:{redis_port}/1",
            STATIC_ROOT=static_root,
        )
        collect_static(env)
        with app_hosts(2, env) as (port_a, port_b):
            yield port_a, port_b, redis.Redis(port=redis_port, db=1)


def hits(store) -> int:
    return store.info("stats")["keyspace_hits"]


def test_a_figure_saved_on_one_host_shows_on_the_other_within_five_seconds(
    hosts, staff_a, commune_a
):
    port_a, port_b, store = hosts
    year = timezone.localdate().year
    year_with_figures(commune_a, year)
    denominator_save(user=staff_a, commune=commune_a, year=year, values={"population": 4321})
    page = f"/thong-ke/{commune_a.code}/"

    visitor_b = Browser(port_b)
    status, html, _ = visitor_b.get(page)
    assert status == 200 and "4.321" in html
    assert store.keys("*public:*:page:*"), "the page was cached somewhere other than Redis"
    before = hits(store)
    status, html, _ = Browser(port_a).get(page)
    assert status == 200 and "4.321" in html
    assert hits(store) > before, "host A did not read the page host B had put in Redis"

    staff = Browser(port_a)
    status, location = staff.submit(
        "/dang-nhap/", {"username": staff_a.username, "password": PASSWORD}
    )
    assert status == 302 and "/dang-nhap/" not in location, "sign-in on host A failed"
    status, location = staff.submit(
        f"/quan-ly/xa/{commune_a.code}/so-lieu-nen/{year}/", {"population": "98765"}
    )
    assert status == 302 and location.endswith(f"/quan-ly/xa/{commune_a.code}/")
    saved_at = time.monotonic()

    answers = [visitor_b.get(page)[1]]
    while "98.765" not in answers[-1]:
        assert time.monotonic() - saved_at <= PUBLIC_CACHE_SECONDS, (
            "host B still shows the old population 5 s after host A saved the new one"
        )
        time.sleep(0.1)
        answers.append(visitor_b.get(page)[1])
    assert "4.321" not in answers[-1]
    # the figures' stamp in Redis (khuyenhoc/areas/freshness.py): not even one answer from
    # the page cached before the save
    assert len(answers) == 1, f"host B showed the old page {len(answers) - 1} more times"
