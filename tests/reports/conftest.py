import pytest

from khuyenhoc.areas.models import Figure
from tests import metric_names as m

YEAR = 2025


def put_figures(commune, year, figures):
    Figure.objects.filter(commune=commune, year=year).delete()
    Figure.objects.bulk_create(
        [Figure(commune=commune, year=year, metric=k, value=v) for k, v in figures.items()]
    )


SAMPLE = {
    m.POPULATION: 36_000,
    m.ADULTS: 24_000,
    m.HOUSEHOLDS: 9_000,
    m.CLANS: 20,
    m.VILLAGES: 40,
    m.UNITS: 30,
    m.MEMBERS_START: 1_000,
    m.MEMBERS_JOINED: 150,
    m.MEMBERS_LEFT: 50,
    m.MEMBERS_END: 1_100,
    m.BRANCHES_GRASSROOTS: 12,
    m.branch_kind_metric("chi_hoi_thon"): 10,
    m.branch_kind_metric("ban_dong_ho"): 2,
    m.title_metric("citizen", "registered"): 18_000,
    m.title_metric("citizen", "recognised"): 17_930,
    m.citizen_group_metric(1, "registered"): 10_000,
    m.citizen_group_metric(1, "recognised"): 9_950,
    m.title_metric("household", "registered"): 8_700,
    m.title_metric("household", "recognised"): 6_723,
    m.title_metric("clan", "registered"): 10,
    m.title_metric("clan", "recognised"): 7,
    m.title_metric("village", "registered"): 40,
    m.title_metric("village", "recognised"): 30,
    m.title_metric("commune", "registered"): 1,
    m.title_metric("unit", "registered"): 30,
    m.title_metric("unit", "recognised"): 12,
    m.FUND_OPENING: 10_000_000,
    m.FUND_RECEIPTS_CASH: 50_000_000,
    m.FUND_RECEIPTS_IN_KIND: 5_000_000,
    m.payout_amount_metric("hoc_bong"): 20_000_000,
    m.payout_portions_metric("hoc_bong"): 40,
    m.FUND_CLOSING: 45_000_000,
}


@pytest.fixture
def with_figures(commune_a):
    put_figures(commune_a, YEAR, SAMPLE)
    return SAMPLE


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.PUBLIC_TOTALS_CACHE_SECONDS = 0
