"""Speed by design: the number of SQL queries does not depend on the amount of data."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from khuyenhoc.areas.models import Village
from khuyenhoc.public import memo

from .conftest import commune_figures, write_figures, write_legacy

PAGES = [
    "/thong-ke/",
    "/thong-ke/?nam=2024",
    "/thong-ke/?nam=2024&xem=quy-doi",
    "/thong-ke/du-lieu.csv",
    "/thong-ke/du-lieu.xlsx",
]


def _fill(communes, legacy_codes):
    for commune in communes:
        for year in (2025, 2026):
            write_figures(commune.code, year, commune_figures())
        Village.objects.bulk_create(
            [Village(commune=commune, name=f"Thôn {i}", name_folded=f"thon {i}") for i in range(5)]
        )
    for code in legacy_codes:
        write_legacy(code, 2024, commune_figures())


def _counts(client, pages, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    counts = {}
    for url in pages:
        cache.clear()  # the worst case: nothing cached, not even the province's name,
        memo.forget()  # nor remembered (khuyenhoc/public/memo.py)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[url] = len(queries)
    return counts


def _legacy_sources(communes):
    from khuyenhoc.areas.models import LegacyMapping

    return list(
        LegacyMapping.objects.filter(commune__in=communes)
        .values_list("legacy_commune_id", flat=True)
        .distinct()
    )


def test_every_public_page_stays_within_10_queries(
    client, province_communes, settings, django_assert_max_num_queries
):
    settings.PUBLIC_CACHE_SECONDS = 0
    _fill(province_communes[:5], _legacy_sources(province_communes[:5]))
    for url in PAGES + [f"/thong-ke/{province_communes[0].code}/"]:
        cache.clear()
        memo.forget()
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


def test_the_query_count_is_the_same_with_5_and_with_75_communes_of_data(
    client, province_communes, settings
):
    assert len(province_communes) >= 75
    pages = PAGES + [f"/thong-ke/{province_communes[0].code}/"]
    _fill(province_communes[:5], _legacy_sources(province_communes[:5]))
    small = _counts(client, pages, settings)
    _fill(province_communes[5:75], _legacy_sources(province_communes[5:75]))
    large = _counts(client, pages, settings)
    assert small == large


def test_a_cached_anonymous_page_costs_no_query(client, province_communes, settings):
    settings.PUBLIC_CACHE_SECONDS = 5
    _fill(province_communes[:2], [])
    client.get("/thong-ke/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/thong-ke/").status_code == 200
    assert len(queries) == 0
