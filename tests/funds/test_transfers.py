"""Transfers: one paired entry out of one fund and into another, confirmed by the
receiving fund's staff, never counted twice in the province's totals; out of the
province, a named external counterpart."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from funds import ledger, services
from funds.models import Receipt, Transfer
from funds.transfers import NATIONAL
from khuyenhoc.areas.models import Figure, ProvinceFigure
from khuyenhoc.core.erasure import ERASED, mentions_erase
from tests.factories import login, once
from tests.metric_names import (
    FUND_CLOSING,
    FUND_RECEIPTS_CASH,
    FUND_TRANSFERS_EXTERNAL,
    FUND_TRANSFERS_OUT,
)

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


def test_the_receiving_staff_refuse_a_pending_transfer_on_the_page_and_the_money_returns(
    client, staff_a, province_staff, fund_a, province_fund, give, today, commune_a
):
    give(20_000_000)
    transfer = services.transfer_send(
        user=staff_a, from_fund=fund_a, to_fund=province_fund, date=today, amount=15_000_000
    )
    login(client, province_staff)
    url = reverse("funds:transfer_refuse", args=[transfer.pk])
    blank = client.post(url, {"reason": "  "}, follow=True).content.decode()
    assert "Hãy ghi lý do." in blank
    transfer.refresh_from_db()
    assert transfer.state == Transfer.State.PENDING
    page = client.post(url, {"reason": "Nhầm quỹ nhận"}, follow=True).content.decode()
    assert "Đã từ chối khoản chuyển 15.000.000 đ" in page
    assert "Quỹ nhận đã từ chối</span> · lý do: Nhầm quỹ nhận" in page
    transfer.refresh_from_db()
    assert transfer.state == Transfer.State.REFUSED and transfer.closed_by == province_staff
    assert transfer.payout.reversal.reason == "Nhầm quỹ nhận"  # the payout stays, reversed
    assert ledger.balance(fund_a) == 25_000_000 and ledger.balance(province_fund) == 0
    mine = commune_figures(commune_a, today.year)
    assert mine.get(FUND_TRANSFERS_OUT, 0) == 0 and mine[FUND_CLOSING] == 25_000_000
    assert mine[FUND_RECEIPTS_CASH] == 20_000_000
    assert mine.get("funds.payouts.khac.amount", 0) == 0  # the reversal is no payout either
    with pytest.raises(ValidationError):  # refused: neither confirmed nor refused again
        services.transfer_confirm(user=province_staff, transfer=transfer)
    with pytest.raises(ValidationError):
        services.transfer_cancel(user=staff_a, transfer=transfer, reason="Hủy")


def test_the_sender_cancels_before_confirmation_and_only_the_sender_may(
    client, staff_a, staff_b, province_staff, fund_a, province_fund, give, today, commune_a
):
    give(5_000_000)
    transfer = services.transfer_send(
        user=staff_a, from_fund=fund_a, to_fund=province_fund, date=today, amount=2_000_000
    )
    for outsider in (province_staff, staff_b):  # the receiver refuses, it does not cancel
        with pytest.raises(ValidationError):
            services.transfer_cancel(user=outsider, transfer=transfer, reason="Hủy")
    with pytest.raises(ValidationError):  # and the sender does not refuse its own
        services.transfer_refuse(user=staff_a, transfer=transfer, reason="Từ chối")
    login(client, staff_b)
    hidden = client.post(reverse("funds:transfer_cancel", args=[transfer.pk]), {"reason": "x"})
    assert hidden.status_code == 404
    login(client, staff_a)
    page = client.get(reverse("funds:fund", args=[fund_a.pk])).content.decode()
    assert "Hủy khoản chuyển" in page and "Chờ quỹ nhận xác nhận" in page
    client.post(reverse("funds:transfer_cancel", args=[transfer.pk]), {"reason": "Chuyển nhầm"})
    transfer.refresh_from_db()
    assert transfer.state == Transfer.State.CANCELLED and transfer.closed_reason == "Chuyển nhầm"
    assert ledger.balance(fund_a) == 10_000_000
    assert commune_figures(commune_a, today.year).get(FUND_TRANSFERS_OUT, 0) == 0
    history = transfer.history.values_list("state", flat=True)
    assert list(history) == ["cancelled", "pending"]


def test_a_confirmed_transfer_is_undone_only_by_a_reversing_pair_counted_nowhere_twice(
    client, staff_a, province_staff, fund_a, province_fund, give, today, commune_a
):
    give(20_000_000)
    transfer = services.transfer_send(
        user=staff_a, from_fund=fund_a, to_fund=province_fund, date=today, amount=15_000_000
    )
    services.transfer_confirm(user=province_staff, transfer=transfer)
    for closing in (services.transfer_refuse, services.transfer_cancel):
        with pytest.raises(ValidationError):  # confirmed: no longer refused or cancelled
            closing(user=province_staff, transfer=transfer, reason="Muộn")
    with pytest.raises(ValidationError):  # the receiver gives the money back, not the sender
        services.transfer_undo(user=staff_a, transfer=transfer, reason="Lấy lại")
    login(client, province_staff)
    page = client.get(reverse("funds:fund", args=[province_fund.pk])).content.decode()
    assert "Hoàn lại (phiếu điều chỉnh)" in page
    client.post(reverse("funds:transfer_undo", args=[transfer.pk]), {"reason": "Trả lại xã"})
    transfer.refresh_from_db()
    assert transfer.state == Transfer.State.UNDONE
    assert transfer.receipt.reversal.fund == province_fund
    assert transfer.payout.reversal.fund == fund_a
    assert ledger.balance(fund_a) == 25_000_000 and ledger.balance(province_fund) == 0
    own = province_figures(today.year)
    assert own.get(FUND_CLOSING, 0) == 0 and own.get(FUND_RECEIPTS_CASH, 0) == 0
    public = client.get(reverse("funds_public:province")).content.decode()
    assert "Thu quỹ <strong>20.000.000 đ</strong>" in public
    statement = ledger.statement(province_fund, today.year)
    assert statement["transfers_in"] == 0 and statement["receipts_total"] == 0


def test_the_receiver_cannot_give_back_money_it_has_already_paid_out(
    staff_a, province_staff, fund_a, province_fund, give, today
):
    give(20_000_000)
    transfer = services.transfer_send(
        user=staff_a, from_fund=fund_a, to_fund=province_fund, date=today, amount=15_000_000
    )
    services.transfer_confirm(user=province_staff, transfer=transfer)
    services.payout_batch_record(
        user=province_staff, fund=province_fund, date=today, kind="hoc_bong",
        portions=10, unit_amount=1_000_000,
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        services.transfer_undo(user=province_staff, transfer=transfer, reason="Trả lại")
    assert "âm" in str(caught.value)
    transfer.refresh_from_db()
    assert transfer.state == Transfer.State.CONFIRMED and ledger.balance(fund_a) == 10_000_000


def test_an_erasure_on_request_takes_the_name_out_of_a_transfers_reasons(
    staff_a, fund_a, province_fund, give, today, commune_a
):
    give(5_000_000)
    transfer = services.transfer_send(
        user=staff_a, from_fund=fund_a, to_fund=province_fund, date=today, amount=1_000_000,
        note="Học bổng cho em Cầm Thị Xuyến",
    )  # fmt: skip
    services.transfer_cancel(user=staff_a, transfer=transfer, reason="Gia đình Cầm Thị Xuyến xin")
    mentions_erase(names=["Cầm Thị Xuyến"], commune=commune_a)
    transfer.refresh_from_db()
    assert "Xuyến" not in transfer.note and "Xuyến" not in transfer.closed_reason
    assert ERASED in transfer.closed_reason
    assert not any("Xuyến" in h.closed_reason + h.note for h in transfer.history.all())
