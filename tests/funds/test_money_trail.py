import pytest
from django.core.exceptions import ValidationError

from funds import ledger, services
from funds.models import Beneficiary, Fund, Payout, Receipt
from members.models import Branch
from tests.funds.conftest import a_day_of

pytestmark = pytest.mark.django_db


def test_receipts_get_consecutive_numbers_and_the_balance_follows_the_entries(give, fund_a):
    first = give(1_000_000)
    second = give(2_500_000)
    assert (first.number, second.number) == (1, 2)
    assert ledger.balance(fund_a) == 5_000_000 + 3_500_000


def test_it_refuses_negative_zero_and_fractional_amounts_and_writes_nothing(give, fund_a):
    for amount in (-1_000, 0, 1500.5, "1000"):
        with pytest.raises(ValidationError) as caught:
            give(amount)
        assert "đồng" in str(caught.value)
    assert not Receipt.objects.exists()


def test_it_refuses_an_opening_balance_too_large_for_the_ledger_and_writes_nothing(
    staff_a, commune_a, this_year
):
    with pytest.raises(ValidationError) as caught:
        services.fund_create(
            user=staff_a,
            commune=commune_a,
            name="Quỹ khuyến học",
            opening_year=this_year,
            opening_balance=99_999_999_999_999_999_999_999,
        )
    assert "quá lớn" in str(caught.value)
    assert not Fund.objects.exists() and not Branch.objects.filter(commune=commune_a).exists()


def test_one_amount_applied_to_many_beneficiaries_makes_one_payout(staff_a, fund_a, give, today):
    give(441_000_000)
    people = [{"name": f"Học sinh {i}", "school": "THCS Tô Hiệu"} for i in range(752)]
    payout = services.payout_record(
        user=staff_a,
        fund=fund_a,
        date=today,
        kind="hoc_bong",
        beneficiaries=people,
        default_amount=586_436,
        decision_ref="12/QĐ-KH",
    )
    assert payout.portions == 752
    assert payout.amount == 752 * 586_436
    assert Beneficiary.objects.filter(payout=payout).count() == 752
    assert ledger.balance(fund_a) == 5_000_000 + 441_000_000 - 752 * 586_436


def test_it_refuses_a_payout_larger_than_the_balance_until_a_reviewer_allows_it(
    staff_a, reviewer, fund_a, today
):
    people = [{"name": "Lò Văn Minh", "amount": 6_000_000}]
    with pytest.raises(ValidationError) as caught:
        services.payout_record(
            user=staff_a, fund=fund_a, date=today, kind="ho_tro", beneficiaries=people
        )
    assert "không đủ chi" in str(caught.value)
    assert not Payout.objects.exists() and not Beneficiary.objects.exists()

    with pytest.raises(ValidationError):
        services.overdraft_allow(user=staff_a, fund=fund_a, amount=2_000_000, reason="Lũ")
    grant = services.overdraft_allow(
        user=reviewer, fund=fund_a, amount=2_000_000, reason="Hỗ trợ khẩn cấp sau lũ"
    )
    payout = services.payout_record(
        user=staff_a, fund=fund_a, date=today, kind="ho_tro", beneficiaries=people
    )
    assert payout.overdraft == grant
    assert ledger.balance(fund_a) == -1_000_000
    with pytest.raises(ValidationError):  # a grant serves one payout only
        services.payout_record(
            user=staff_a,
            fund=fund_a,
            date=today,
            kind="ho_tro",
            beneficiaries=[{"name": "A", "amount": 1}],
        )


def test_a_reversal_points_to_the_original_and_cancels_it(staff_a, fund_a, give):
    receipt = give(3_000_000)
    reversal = services.entry_reverse(user=staff_a, entry=receipt, reason="Ghi nhầm số tiền")
    assert reversal.reverses == receipt and reversal.number == 2
    assert ledger.balance(fund_a) == 5_000_000
    receipt.refresh_from_db()
    assert receipt.amount == 3_000_000  # the original is untouched


def test_it_refuses_a_reversal_of_a_reversal_and_a_second_reversal(staff_a, fund_a, give):
    receipt = give(3_000_000)
    reversal = services.entry_reverse(user=staff_a, entry=receipt, reason="Ghi nhầm")
    with pytest.raises(ValidationError) as caught:
        services.entry_reverse(user=staff_a, entry=reversal, reason="Nhầm lần nữa")
    assert "phiếu điều chỉnh" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        services.entry_reverse(user=staff_a, entry=receipt, reason="Lần hai")
    assert "đã được điều chỉnh" in str(caught.value)
    assert Receipt.objects.count() == 2


def test_a_payout_reversal_gives_back_the_money_and_the_portions(staff_a, fund_a, today):
    payout = services.payout_record(
        user=staff_a,
        fund=fund_a,
        date=today,
        kind="qua",
        beneficiaries=[{"name": "A"}, {"name": "B"}],
        default_amount=500_000,
    )
    services.entry_reverse(user=staff_a, entry=payout, reason="Trùng danh sách")
    data = ledger.statement(fund_a, today.year)
    qua = next(p for p in data["payouts"] if p["kind"] == "qua")
    assert (qua["portions"], qua["amount"]) == (0, 0)
    assert ledger.balance(fund_a) == 5_000_000


def test_it_refuses_a_hand_typed_receipt_number_that_collides(give):
    give(100_000)
    with pytest.raises(ValidationError) as caught:
        give(200_000, number=1)
    assert "đã dùng" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        give(200_000, number=7)
    assert "liên tục" in str(caught.value)
    assert give(200_000, number=2).number == 2
    assert Receipt.objects.count() == 2


def test_after_the_reviewer_closes_a_year_its_dates_are_refused(
    staff_a, reviewer, fund_a, give, this_year
):
    last_year = this_year - 1
    give(700_000, date=a_day_of(last_year))
    with pytest.raises(ValidationError):
        services.year_close(user=staff_a, fund=fund_a, year=last_year)
    row = services.year_close(user=reviewer, fund=fund_a, year=last_year)
    assert row.statement["closing"] == 5_700_000
    with pytest.raises(ValidationError) as caught:
        give(100_000, date=a_day_of(last_year))
    assert "khóa sổ" in str(caught.value)
    assert Receipt.objects.count() == 1
    assert ledger.statement(fund_a, this_year)["opening"] == 5_700_000


def test_entries_recorded_on_an_earlier_day_cannot_be_edited_or_deleted(give):
    import datetime

    receipt = give(100_000)
    Receipt.objects.filter(pk=receipt.pk).update(
        recorded_at=receipt.recorded_at - datetime.timedelta(days=2)
    )
    receipt.refresh_from_db()
    receipt.amount = 1
    with pytest.raises(ValidationError):
        receipt.save()
    with pytest.raises(ValidationError):
        receipt.delete()


def test_staff_cannot_write_to_another_communes_fund(staff_b, fund_a, today):
    with pytest.raises(ValidationError):
        services.receipt_record(
            user=staff_b, fund=fund_a, date=today, amount=1000, donor_category="anonymous"
        )
    assert not Receipt.objects.exists()
