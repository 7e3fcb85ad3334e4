import pytest
from django.core.management import call_command

from funds import services
from khuyenhoc.areas.models import Figure
from members.models import Branch
from tests.funds.conftest import a_day_of
from tests.metric_names import (
    FUND_CLOSING,
    FUND_GOODS_CLOSING,
    FUND_OPENING,
    FUND_RECEIPTS_CASH,
    FUND_RECEIPTS_IN_KIND,
    goods_item_metric,
    payout_amount_metric,
    payout_portions_metric,
)

pytestmark = pytest.mark.django_db


def funds_figures():
    return sorted(
        Figure.objects.filter(metric__startswith="funds.").values_list(
            "commune_id", "year", "metric", "value"
        )
    )


def test_figures_kept_by_each_write_equal_a_full_rebuild(
    staff_a, fund_a, give, commune_a, this_year, today
):
    last_year = this_year - 1
    give(768_000_000, date=a_day_of(last_year))
    give(
        3_000_000,
        in_kind=True,
        item_description="Sách vở",
        item_quantity=300,
        donor_category="enterprise",
        donor_name="Công ty Sách",
    )
    payout = services.payout_record(
        user=staff_a,
        fund=fund_a,
        date=a_day_of(last_year),
        kind="khen_thuong",
        beneficiaries=[{"name": f"HS {i}"} for i in range(10)],
        default_amount=300_000,
    )
    services.entry_reverse(user=staff_a, entry=payout, reason="Sai danh sách")
    chi_hoi = Branch.objects.create(
        province_id=commune_a.province_id,
        commune=commune_a,
        kind="chi_hoi_thon",
        name="Chi hội bản Mòng",
    )
    services.fund_create(
        user=staff_a,
        branch=chi_hoi,
        name="Quỹ chi hội",
        opening_year=this_year,
        opening_balance=1_000_000,
    )
    incremental = funds_figures()
    values = {(y, m): v for (_c, y, m, v) in incremental}
    assert values[(last_year, FUND_OPENING)] == 5_000_000
    assert values[(last_year, FUND_RECEIPTS_CASH)] == 768_000_000
    assert values[(last_year, payout_amount_metric("khen_thuong"))] == 3_000_000
    assert values[(last_year, payout_portions_metric("khen_thuong"))] == 10
    assert values[(last_year, FUND_CLOSING)] == 770_000_000
    assert values[(this_year, FUND_OPENING)] == 771_000_000  # with the chi hội's fund
    assert values[(this_year, FUND_RECEIPTS_IN_KIND)] == 3_000_000
    # the cash only: the 3.000.000 đ of goods are held apart, at their value
    assert values[(this_year, FUND_CLOSING)] == 774_000_000
    assert values[(this_year, FUND_GOODS_CLOSING)] == 3_000_000
    assert values[(this_year, goods_item_metric("in", "Sách vở", ""))] == 300  # by item

    Figure.objects.all().delete()
    call_command("rebuild_summaries")
    assert funds_figures() == incremental


def test_the_provincial_fund_is_not_in_any_communes_figures(administrator, units, today):
    branch = Branch.objects.create(province_id=14, kind="hoi_tinh", name="Hội Khuyến học tỉnh")
    fund = services.fund_create(
        user=administrator, branch=branch, name="Quỹ tỉnh", opening_year=today.year
    )
    services.receipt_record(
        user=administrator, fund=fund, date=today, amount=1_000_000, donor_category="anonymous"
    )
    assert not Figure.objects.filter(metric__startswith="funds.").exists()
