"""The database itself refuses what would change a closed year, when a write bypasses
the services and the models' checks (a raw ORM update, bulk writes, the shell)."""

import pytest
from django.db import IntegrityError, models, transaction

from funds import services
from funds.models import Beneficiary, Fund, FundYear, Payout, Receipt
from tests.funds.conftest import a_day_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(staff_a, reviewer, fund_a, give, this_year):
    day = a_day_of(this_year - 1)
    receipt = give(3_000_000, date=day)
    payout = services.payout_record(
        user=staff_a, fund=fund_a, date=day, kind="hoc_bong",
        beneficiaries=[{"name": "Lò Thị Hương"}], default_amount=500_000,
    )  # fmt: skip
    book = services.year_close(user=reviewer, fund=fund_a, year=this_year - 1)
    return receipt, payout, book


def refused(write):
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        write()
    assert "khóa" in str(caught.value)


def test_raw_updates_and_deletes_of_a_closed_years_entries_are_refused(closed):
    receipt, payout, _book = closed
    refused(lambda: Receipt.objects.filter(pk=receipt.pk).update(amount=30_000_000))
    refused(lambda: Receipt.objects.filter(pk=receipt.pk).update(date=a_day_of(2000)))
    refused(lambda: Payout.objects.filter(pk=payout.pk).update(portions=9))
    refused(lambda: Receipt.objects.filter(pk=receipt.pk).delete())
    refused(lambda: Payout.objects.filter(pk=payout.pk)._raw_delete("default"))
    refused(lambda: Beneficiary.objects.filter(payout=payout).update(amount=1))
    refused(lambda: Beneficiary.objects.filter(payout=payout).delete())
    receipt.refresh_from_db()
    assert receipt.amount == 3_000_000 and Beneficiary.objects.count() == 1


def test_a_save_that_skips_the_models_own_check_is_refused(closed):
    receipt, _payout, _book = closed
    receipt.amount = 1

    def save_around_the_model():
        models.Model.save(receipt)  # past ImmutableEntry.save and its guard

    refused(save_around_the_model)


def test_inserting_an_entry_into_a_closed_year_is_refused(closed, fund_a, this_year):
    refused(
        lambda: Receipt.objects.bulk_create(
            [
                Receipt(
                    fund=fund_a,
                    year=this_year - 1,
                    number=99,
                    date=a_day_of(this_year - 1),
                    amount=1_000,
                    donor_category="anonymous",
                )
            ]  # fmt: skip
        )
    )
    refused(
        lambda: Payout.objects.bulk_create(
            [
                Payout(
                    fund=fund_a,
                    year=this_year,
                    number=99,
                    date=a_day_of(this_year - 1),
                    amount=10_000_000,
                    kind="ho_tro",
                )
            ]  # fmt: skip
        )
    )  # a year column that disagrees with the date does not slip through either
    _receipt, payout, _book = closed
    refused(lambda: Beneficiary.objects.create(payout=payout, name="Thêm", amount=1))


def test_a_closed_year_cannot_be_reopened_rewritten_or_deleted(closed):
    _receipt, _payout, book = closed
    refused(lambda: FundYear.objects.filter(pk=book.pk).update(closed_at=None))
    refused(lambda: FundYear.objects.filter(pk=book.pk).update(statement={"closing": 0}))
    refused(lambda: FundYear.objects.filter(pk=book.pk).update(last_receipt_number=0))
    refused(lambda: FundYear.objects.filter(pk=book.pk).delete())
    book.refresh_from_db()
    assert book.is_closed and book.statement["closing"] == 7_500_000


def test_the_opening_of_a_fund_with_a_closed_year_cannot_change(closed, fund_a, staff_b):
    refused(lambda: Fund.objects.filter(pk=fund_a.pk).update(opening_balance=0))
    refused(lambda: Fund.objects.filter(pk=fund_a.pk).update(opening_year=2001))
    Fund.objects.filter(pk=fund_a.pk).update(name="Quỹ khuyến học, khuyến tài")  # allowed


def test_personal_details_stay_erasable_in_a_closed_year(closed):
    receipt, payout, _book = closed
    Receipt.objects.filter(pk=receipt.pk).update(donor_name="", donor_name_public=False)
    Beneficiary.objects.filter(payout=payout).update(name="(đã xóa)", school="", grade="")
    assert Beneficiary.objects.get().name == "(đã xóa)"


def test_entries_of_open_years_are_still_written_normally(closed, give, today):
    receipt = give(1_000, date=today)
    Receipt.objects.filter(pk=receipt.pk).update(note="Ghi chú")  # same day: allowed
    Receipt.objects.filter(pk=receipt.pk).delete()
