"""A closed year refuses every kind of entry added for issue 25, by the services and,
for the book columns, by the database itself."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from funds import campaigns, services
from funds.models import Beneficiary, Payout, SignedList
from tests.funds.conftest import a_day_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_batch(staff_a, reviewer, fund_a, this_year):
    """A payout by count of last year, then last year closed."""
    payout = services.payout_batch_record(
        user=staff_a, fund=fund_a, date=a_day_of(this_year - 1), kind="hoc_bong", portions=5,
        unit_amount=100_000,
    )  # fmt: skip
    services.year_close(user=reviewer, fund=fund_a, year=this_year - 1)
    return payout


def test_no_payout_by_count_is_recorded_in_a_closed_year(
    staff_a, administrator, fund_a, closed_batch, this_year
):
    for user in (staff_a, administrator):
        with pytest.raises(ValidationError) as caught:
            services.payout_batch_record(
                user=user, fund=fund_a, date=a_day_of(this_year - 1), kind="qua", portions=1,
                unit_amount=100_000,
            )  # fmt: skip
        assert "đã khóa đến hết năm" in str(caught.value)
    assert Payout.objects.count() == 1


def test_names_and_scans_are_not_added_to_a_payout_of_a_closed_year(
    staff_a, closed_batch, private_files
):
    with pytest.raises(ValidationError) as caught:
        services.payout_names_add(user=staff_a, payout=closed_batch, beneficiaries=[{"name": "A"}])
    assert "đã khóa" in str(caught.value)
    scan = SimpleUploadedFile("ds.pdf", io.BytesIO(b"%PDF-1.4").getvalue())
    with pytest.raises(ValidationError):
        services.signed_list_attach(user=staff_a, payout=closed_batch, upload=scan)
    assert not Beneficiary.objects.exists() and not SignedList.objects.exists()


def test_the_database_refuses_a_new_count_or_amount_per_portion_in_a_closed_year(closed_batch):
    for change in ({"unit_amount": 1}, {"level": "THPT"}, {"through_name": "Trường khác"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Payout.objects.filter(pk=closed_batch.pk).update(**change)
    with pytest.raises(IntegrityError), transaction.atomic():
        Beneficiary.objects.create(payout=closed_batch, name="Lén", amount=100_000)


def test_no_goods_are_given_in_a_closed_year(staff_a, fund_a, closed_batch, give, this_year):
    give(
        1_000_000, in_kind=True, item_description="Vở", item_quantity=100, unit="quyển",
        date=a_day_of(this_year),
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        services.goods_payout_record(
            user=staff_a, fund=fund_a, date=a_day_of(this_year - 1), kind="qua", item="Vở",
            unit="quyển", quantity=1,
        )  # fmt: skip
    assert "đã khóa đến hết năm" in str(caught.value)


def test_no_transfer_is_sent_or_confirmed_in_a_closed_year(
    staff_a, administrator, fund_a, closed_batch, this_year
):
    other = services.fund_create(
        user=administrator, name="Quỹ tỉnh", opening_year=this_year - 1, opening_balance=9_000
    )
    with pytest.raises(ValidationError) as caught:
        services.transfer_send(
            user=staff_a, from_fund=fund_a, to_fund=other, date=a_day_of(this_year - 1),
            amount=1_000,
        )  # fmt: skip
    assert "đã khóa đến hết năm" in str(caught.value)
    # sent last year by an open fund into fund_a, whose last year is closed
    transfer = services.transfer_send(
        user=administrator, from_fund=other, to_fund=fund_a, date=a_day_of(this_year - 1),
        amount=1_000,
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        services.transfer_confirm(user=staff_a, transfer=transfer, date=a_day_of(this_year - 1))
    assert "đã khóa đến hết năm" in str(caught.value)
    assert services.transfer_confirm(user=staff_a, transfer=transfer).receipt.year == this_year


def test_no_entry_of_a_campaign_is_recorded_in_a_closed_year(
    province_staff, fund_a, closed_batch, give, this_year
):
    drive = campaigns.campaign_create(
        user=province_staff, name="Tháng Khuyến học", starts_on=a_day_of(this_year - 1),
        ends_on=a_day_of(this_year),
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        give(1_000, drive=drive, date=a_day_of(this_year - 1))
    assert "đã khóa đến hết năm" in str(caught.value)
    assert campaigns.totals(drive)["raised"] == 0
