import pytest
from django.utils import timezone

from funds import ledger
from funds.models import Fund, FundYear, Payout, Receipt
from khuyenhoc.areas.models import Figure
from tests.demo_snapshot import restore_demo
from tests.metric_names import FUND_CLOSING, FUND_RECEIPTS_CASH

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def demo_mode(settings):
    settings.DEBUG = True


def test_seed_demo_gives_every_active_commune_a_fund_of_a_realistic_size(demo_snapshot):
    restore_demo(demo_snapshot)  # what `seed_demo` wrote, seeded once for the run
    funds = list(Fund.objects.select_related("branch"))
    assert sum(1 for f in funds if f.branch.commune_id is None) == 1
    assert len(funds) == 6  # the province and the 5 active communes of the small demo
    for fund in funds:
        assert ledger.balance(fund) >= 0
        numbers = list(
            Receipt.objects.filter(fund=fund, year=2025)
            .order_by("number")
            .values_list("number", flat=True)
        )
        assert numbers == list(range(1, len(numbers) + 1))
    year = 2025
    cash = Figure.objects.filter(year=year, metric=FUND_RECEIPTS_CASH).values_list(
        "value", flat=True
    )
    assert all(50_000_000 < value < 1_000_000_000 for value in cash)
    assert Figure.objects.filter(metric=FUND_CLOSING).exists()
    assert Payout.objects.filter(kind="hoc_bong").exists()
    if timezone.localdate().year > year:
        assert FundYear.objects.filter(year=year, closed_at__isnull=False).count() == 6


def test_seeding_funds_again_adds_no_second_fund(settings, demo_snapshot):
    from funds import demo as funds_demo
    from khuyenhoc.areas import demo

    restore_demo(demo_snapshot)  # what `seed_demo` (seed 2026) wrote
    count = Fund.objects.count()
    ctx = demo.build_context(province_code=settings.PROVINCE_CODE, scale="small", seed=2026)
    funds_demo.seed(ctx)
    assert Fund.objects.count() == count
    assert Fund.objects.filter(branch__commune__isnull=True).count() == 1
