"""Transfers: one paired entry out of one fund and into another, confirmed by the
receiving fund's staff, never counted twice in the province's totals; out of the
province, a named external counterpart."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from funds import ledger, services
from funds.models import Receipt, Transfer
from funds.transfers import NATIONAL
from khuyenhoc.areas.metrics import (
    FUND_CLOSING,
    FUND_RECEIPTS_CASH,
    FUND_TRANSFERS_EXTERNAL,
    FUND_TRANSFERS_OUT,
)
from khuyenhoc.areas.models import Figure, ProvinceFigure
from tests.factories import login, once

pytestmark = pytest.mark.django_db


def commune_figures(commune, year):
    return dict(Figure.objects.filter(commune=commune, year=year).values_list("metric", "value"))


def province_figures(year):
    return dict(ProvinceFigure.objects.filter(year=year).values_list("metric", "value"))


def test_a_transfer_to_the_provincial_fund_waits_for_its_staff_then_moves_the_money_once(
    client, staff_a, province_staff, fund_a, province_fund, give, today, commune_a
):
    give(20_000_000)
    transfer = services.transfer_send(
        user=staff_a, from_fund=fund_a, to_fund=province_fund, date=today, amount=15_000_000
    )
    assert transfer.state == Transfer.State.PENDING
    assert ledger.balance(fund_a) == 10_000_000 and ledger.balance(province_fund) == 0
    with pytest.raises(ValidationError):  # only the receiving fund's staff confirm
        services.transfer_confirm(user=staff_a, transfer=transfer)
    login(client, province_staff)
    page = client.get(reverse("funds:fund", args=[province_fund.pk])).content.decode()
    assert "chuyển 15.000.000 đ" in page and "Xác nhận đã nhận" in page
    client.post(reverse("funds:transfer_confirm", args=[transfer.pk]))
    transfer.refresh_from_db()
    assert transfer.state == Transfer.State.CONFIRMED and transfer.receipt.amount == 15_000_000
    assert ledger.balance(province_fund) == 15_000_000
    mine = commune_figures(commune_a, today.year)
    assert mine[FUND_RECEIPTS_CASH] == 20_000_000 and mine[FUND_TRANSFERS_OUT] == 15_000_000
    assert mine[FUND_CLOSING] == 10_000_000
    own = province_figures(today.year)
    assert own.get(FUND_RECEIPTS_CASH, 0) == 0 and own[FUND_CLOSING] == 15_000_000
    public = client.get(reverse("funds_public:province")).content.decode()
    assert "Thu quỹ <strong>20.000.000 đ</strong>" in public  # once, not 35.000.000 đ
    with pytest.raises(ValidationError):
        services.transfer_confirm(user=province_staff, transfer=transfer)
    assert Receipt.objects.filter(fund=province_fund).count() == 1


def test_a_transfer_out_of_the_province_is_named_and_stated_apart(
    client, staff_a, fund_a, give, today, commune_a
):
    give(30_000_000)
    transfer = services.transfer_send(
        user=staff_a, from_fund=fund_a, external_party=NATIONAL, date=today, amount=20_000_000
    )
    assert transfer.state == Transfer.State.CONFIRMED and transfer.counterpart == NATIONAL
    mine = commune_figures(commune_a, today.year)
    assert mine[FUND_TRANSFERS_EXTERNAL] == 20_000_000
    assert mine[FUND_CLOSING] == 15_000_000
    page = client.get(reverse("funds_public:commune", args=[commune_a.code])).content.decode()
    assert "Chuyển 20.000.000 đ ra ngoài tỉnh" in page
    assert "Tổng chi <strong>0 đ</strong>" in page


def test_a_transfer_is_refused_beyond_the_cash_and_its_entries_are_not_reversed_alone(
    staff_a, fund_a, province_fund, today
):
    with pytest.raises(ValidationError):
        services.transfer_send(
            user=staff_a, from_fund=fund_a, to_fund=province_fund, date=today, amount=6_000_000
        )
    transfer = services.transfer_send(
        user=staff_a, from_fund=fund_a, to_fund=province_fund, date=today, amount=1_000_000
    )
    with pytest.raises(ValidationError) as caught:
        services.entry_reverse(user=staff_a, entry=transfer.payout, reason="Nhầm")
    assert "chuyển quỹ" in str(caught.value)


def test_staff_send_a_transfer_on_the_page(client, staff_a, fund_a, province_fund, today):
    login(client, staff_a)
    url = reverse("funds:transfer_create", args=[fund_a.pk])
    assert "Quỹ Khuyến học tỉnh" in client.get(url).content.decode()
    both = client.post(
        url,
        once({"date": today.isoformat(), "amount": "1.000.000", "to_fund": province_fund.pk,
              "external_party": NATIONAL}),
    )  # fmt: skip
    assert "Hãy chọn quỹ nhận trong tỉnh hoặc ghi nơi nhận ngoài tỉnh" in both.content.decode()
    sent = client.post(
        url, once({"date": today.isoformat(), "amount": "1.000.000", "to_fund": province_fund.pk})
    )
    assert sent.status_code == 302 and Transfer.objects.get().amount == 1_000_000
