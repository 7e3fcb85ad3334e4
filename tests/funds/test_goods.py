"""Gifts in kind: received and given with item, quantity, unit and value; a stock per
fund; the cash balance never includes goods; goods never given beyond the stock."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from funds import goods, ledger, services
from funds.metrics import goods_item_metric
from funds.models import Payout
from khuyenhoc.areas.models import Figure
from tests.factories import login, once
from tests.metric_names import (
    FUND_CLOSING,
    FUND_GOODS_CLOSING,
    FUND_PAYOUTS_IN_KIND,
    FUND_RECEIPTS_IN_KIND,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def backpacks(give):
    """520 ba lô worth 104.000.000 đ received by fund_a (5.000.000 đ cash opening)."""
    return give(
        104_000_000, in_kind=True, item_description="Ba lô", item_quantity=520, unit="cái",
        donor_category="enterprise", donor_name="Công ty Thủy điện",
    )  # fmt: skip


def give_out(user, fund, day, quantity, item="ba lo"):
    return services.goods_payout_record(
        user=user, fund=fund, date=day, kind="qua", item=item, unit="Cái", quantity=quantity
    )


def test_goods_are_stocked_and_given_at_their_average_value_without_touching_the_cash(
    staff_a, fund_a, backpacks, today, commune_a
):
    assert goods.stock(fund_a) == [
        {"item": "Ba lô", "unit": "cái", "quantity": 520, "value": 104_000_000}
    ]
    assert ledger.balance(fund_a) == 5_000_000  # the goods are not cash
    payout = give_out(staff_a, fund_a, today, 130)
    assert (payout.in_kind, payout.item_quantity, payout.amount) == (True, 130, 26_000_000)
    assert payout.portions == 130
    rest = give_out(staff_a, fund_a, today, 390)
    assert rest.amount == 78_000_000 and goods.stock(fund_a) == []
    assert ledger.balance(fund_a) == 5_000_000
    data = ledger.statement(fund_a, today.year)
    assert data["receipts_total"] == 104_000_000 and data["payouts_in_kind"] == 104_000_000
    assert data["closing"] == 5_000_000
    figures = dict(
        Figure.objects.filter(commune=commune_a, year=today.year).values_list("metric", "value")
    )
    assert figures[FUND_RECEIPTS_IN_KIND] == 104_000_000
    assert figures[FUND_PAYOUTS_IN_KIND] == 104_000_000
    assert figures.get(FUND_GOODS_CLOSING, 0) == 0 and figures[FUND_CLOSING] == 5_000_000


def test_goods_cannot_be_given_beyond_the_stock(staff_a, fund_a, backpacks, today):
    give_out(staff_a, fund_a, today, 500)
    with pytest.raises(ValidationError) as caught:
        give_out(staff_a, fund_a, today, 21)
    assert "Kho chỉ còn 20 Ba lô" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        give_out(staff_a, fund_a, today, 1, item="Xe đạp")
    assert "không còn Xe đạp" in str(caught.value)
    assert Payout.objects.count() == 1


def test_a_goods_receipt_already_given_out_cannot_be_reversed(staff_a, fund_a, backpacks, today):
    give_out(staff_a, fund_a, today, 10)
    with pytest.raises(ValidationError) as caught:
        services.entry_reverse(user=staff_a, entry=backpacks, reason="Ghi nhầm")
    assert "đã trao đi" in str(caught.value)


def test_the_public_page_shows_cash_and_goods_apart_and_together(
    client, staff_a, fund_a, backpacks, give, today, commune_a
):
    give(2_000_000)
    give_out(staff_a, fund_a, today, 20)
    page = client.get(reverse("funds_public:commune", args=[commune_a.code])).content.decode()
    assert "Thu quỹ <strong>106.000.000 đ</strong>" in page
    assert "bằng tiền 2.000.000 đ; bằng hiện vật (quy ra tiền) 104.000.000 đ" in page
    assert "Tồn quỹ cuối năm (tiền) <strong>7.000.000 đ</strong>" in page
    assert "hiện vật còn lại (quy ra tiền) 100.000.000 đ" in page


def test_staff_give_goods_from_the_stock_on_the_page(client, staff_a, fund_a, backpacks, today):
    login(client, staff_a)
    url = reverse("funds:goods_payout_create", args=[fund_a.pk])
    assert "Ba lô (còn 520 cái)" in client.get(url).content.decode()
    data = {"date": today.isoformat(), "kind": "qua", "item": "0", "quantity": "521"}
    refused = client.post(url, once(data))
    assert "Kho chỉ còn 520 Ba lô" in refused.content.decode()
    response = client.post(url, once({**data, "quantity": "52", "through": "village",
                                      "through_name": "Bản Mòng"}))  # fmt: skip
    assert response.status_code == 302
    fund_page = client.get(reverse("funds:fund", args=[fund_a.pk])).content.decode()
    assert "468 Ba lô (93.600.000 đ)" in fund_page


def test_two_goods_named_alike_past_their_sixtieth_letter_are_two_lines_of_the_figures(
    give, commune_a, today
):
    # the names of the metrics hold a kind of goods whole (khuyenhoc/areas/metrics.py):
    # cut at 60 characters, these two were summed into one line of the public page
    same_start = "Bộ sách giáo khoa lớp 5 theo chương trình giáo dục phổ thông mới năm học"
    give(3_000_000, in_kind=True, item_description=f"{same_start} 2025", item_quantity=30,
         unit="bộ", donor_category="enterprise", donor_name="Nhà sách A")  # fmt: skip
    give(4_000_000, in_kind=True, item_description=f"{same_start} 2026", item_quantity=40,
         unit="bộ", donor_category="enterprise", donor_name="Nhà sách B")  # fmt: skip
    received = dict(
        Figure.objects.filter(
            commune=commune_a, year=today.year, metric__startswith="funds.items.in."
        ).values_list("metric", "value")
    )
    assert len(same_start) > 60
    assert received == {
        goods_item_metric("in", f"{same_start} 2025", "bộ"): 30,
        goods_item_metric("in", f"{same_start} 2026", "bộ"): 40,
    }
