"""Money cannot enter a closed year by any door, and the books never go below zero
without a reviewer's overdraft grant, also for an entry dated in the past."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.urls import reverse

from funds import imports, ledger, services
from funds.models import Beneficiary, OverdraftGrant, Payout, Receipt
from tests.factories import login
from tests.funds.conftest import a_day_of
from tests.funds.sheets import xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_year(this_year):
    return this_year - 1


@pytest.fixture
def closed(reviewer, fund_a, give, last_year):
    """fund_a with a receipt of 3.000.000 đ last year, then last year closed."""
    receipt = give(3_000_000, date=a_day_of(last_year))
    services.year_close(user=reviewer, fund=fund_a, year=last_year)
    return receipt


def payout(user, fund, day, amount=1_000_000):
    return services.payout_record(
        user=user, fund=fund, date=day, kind="ho_tro", beneficiaries=[{"name": "Lò Văn Minh"}],
        default_amount=amount,
    )  # fmt: skip


def test_neither_staff_nor_an_administrator_can_record_a_payout_or_receipt_dated_in_a_closed_year(
    staff_a, administrator, fund_a, closed, last_year
):
    for user in (staff_a, administrator):
        with pytest.raises(ValidationError) as caught:
            payout(user, fund_a, a_day_of(last_year))
        assert "đã khóa đến hết năm" in str(caught.value)
        with pytest.raises(ValidationError):
            services.receipt_record(
                user=user, fund=fund_a, date=a_day_of(last_year), amount=1_000,
                donor_category="anonymous",
            )  # fmt: skip
    assert not Payout.objects.exists() and Receipt.objects.count() == 1


def test_a_reviewer_writes_no_entry_at_all_they_only_close_and_grant(
    reviewer, fund_a, closed, today
):
    with pytest.raises(ValidationError) as caught:
        services.receipt_record(
            user=reviewer, fund=fund_a, date=today, amount=1_000, donor_category="anonymous"
        )
    assert "không có quyền với quỹ này" in str(caught.value)
    assert Receipt.objects.count() == 1


def test_a_year_before_the_last_closed_one_is_closed_too_even_without_its_row(
    staff_a, commune_a, this_year
):
    from django.utils import timezone

    fund = services.fund_create(
        user=staff_a, commune=commune_a, name="Quỹ hai năm", opening_year=this_year - 2
    )
    fund.years.create(year=this_year - 1, closed_at=timezone.now())  # as old data may hold
    with pytest.raises(ValidationError) as caught:
        services.receipt_record(
            user=staff_a, fund=fund, date=a_day_of(this_year - 2), amount=1_000,
            donor_category="anonymous",
        )  # fmt: skip
    assert f"đã khóa đến hết năm {this_year - 1}" in str(caught.value)
    assert not Receipt.objects.exists()


def test_a_reversal_cannot_be_dated_into_a_closed_year(staff_a, fund_a, closed, last_year):
    with pytest.raises(ValidationError) as caught:
        services.entry_reverse(
            user=staff_a, entry=closed, reason="Ghi nhầm", date=a_day_of(last_year)
        )
    assert "khóa" in str(caught.value)
    assert Receipt.objects.count() == 1


def test_a_datetime_whose_local_date_falls_in_the_closed_year_is_refused(
    staff_a, fund_a, closed, this_year
):
    import datetime

    just_after_new_year_far_east = datetime.datetime(
        this_year, 1, 1, 1, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=14))
    )  # 31/12 of the closed year in Việt Nam
    with pytest.raises(ValidationError) as caught:
        payout(staff_a, fund_a, just_after_new_year_far_east)
    assert "Ngày không hợp lệ" in str(caught.value)
    assert not Payout.objects.exists()


def test_the_staff_payout_page_refuses_a_date_in_the_closed_year_with_the_reason(
    client, staff_a, fund_a, closed, last_year
):
    login(client, staff_a)
    response = client.post(
        reverse("funds:payout_create", args=[fund_a.pk]),
        {
            "date": a_day_of(last_year).isoformat(),
            "kind": "hoc_bong",
            "default_amount": "500.000",
            "people": "Lò Văn A",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Sổ quỹ đã khóa đến hết năm {last_year}" in page
    assert not Payout.objects.exists() and not Beneficiary.objects.exists()


def test_the_staff_receipt_page_refuses_a_date_in_the_closed_year(
    client, staff_a, fund_a, closed, last_year
):
    login(client, staff_a)
    response = client.post(
        reverse("funds:receipt_create", args=[fund_a.pk]),
        {
            "date": a_day_of(last_year).isoformat(),
            "donor_category": "person",
            "donor_name": "Ông Tâm",
            "amount": "1.000.000",
        },
    )
    assert "đã khóa đến hết năm" in response.content.decode()
    assert Receipt.objects.count() == 1


def test_an_uploaded_beneficiary_sheet_dated_in_the_closed_year_writes_nothing(
    client, staff_a, fund_a, closed, last_year
):
    login(client, staff_a)
    sheet = io.BytesIO(
        xlsx(list(imports.BENEFICIARY_HEADERS.values()), [["Lò Văn A", "", "", "500.000", ""]])
    )
    sheet.name = "hoc-bong.xlsx"
    response = client.post(
        reverse("funds:payout_create", args=[fund_a.pk]),
        {"date": a_day_of(last_year).isoformat(), "kind": "hoc_bong", "sheet": sheet},
    )
    assert "đã khóa đến hết năm" in response.content.decode()
    assert not Payout.objects.exists()


def test_the_receipts_import_page_refuses_a_sheet_with_a_row_in_the_closed_year(
    client, staff_a, fund_a, closed, last_year, today
):
    login(client, staff_a)
    rows = [
        [today.strftime("%d/%m/%Y"), "Ông A", "cá nhân", "", "", "", "", "100.000", ""],
        [a_day_of(last_year).strftime("%d/%m/%Y"), "Ông B", "cá nhân", "", "", "", "", "1", ""],
    ]
    sheet = io.BytesIO(xlsx(list(imports.RECEIPT_HEADERS.values()), rows))
    sheet.name = "thu.xlsx"
    response = client.post(reverse("funds:receipts_import", args=[fund_a.pk]), {"sheet": sheet})
    page = response.content.decode()
    assert "Dòng 3" in page and "đã khóa đến hết năm" in page
    assert Receipt.objects.count() == 1


def revert_form(version, **changes):
    """What the admin's history revert form posts: every field of the old version."""
    data = {k: v for k, v in model_to_dict(version.instance).items() if v is not None}
    data.update(changes)
    return data


def test_the_admin_offers_no_door_to_add_or_revert_an_entry_of_a_closed_year(
    client, reviewer, administrator, fund_a, closed
):
    book = fund_a.years.get(closed_at__isnull=False)
    open_version = book.history.filter(closed_at__isnull=True).earliest()
    receipt_version = closed.history.earliest()
    for user in (reviewer, administrator):
        login(client, user)
        assert client.get(reverse("admin:funds_payout_add")).status_code == 403
        revert = reverse(
            "admin:funds_receipt_simple_history", args=[closed.pk, receipt_version.history_id]
        )
        response = client.post(revert, revert_form(receipt_version, amount=1))
        assert response.status_code == 403
        reopen = reverse(
            "admin:funds_fundyear_simple_history", args=[book.pk, open_version.history_id]
        )
        assert client.post(reopen, revert_form(open_version)).status_code == 403
    closed.refresh_from_db()
    book.refresh_from_db()
    assert closed.amount == 3_000_000 and book.is_closed


def test_a_payout_dated_last_year_cannot_spend_money_received_this_year(
    staff_a, reviewer, fund_a, give, last_year, today
):
    """The attack: an open last year, money received this year, a payout dated last year;
    last year would close at −10.000.000 đ."""
    give(10_000_000, date=today)  # fund_a opened last year with 5.000.000 đ
    with pytest.raises(ValidationError) as caught:
        payout(staff_a, fund_a, a_day_of(last_year), amount=10_000_000)
    message = str(caught.value)
    assert f"Từ ngày {a_day_of(last_year):%d/%m/%Y} đến nay" in message
    assert "5.000.000 đ" in message and "không đủ chi" in message
    assert not Payout.objects.exists()

    payout(staff_a, fund_a, a_day_of(last_year), amount=5_000_000)  # what it held then
    row = services.year_close(user=reviewer, fund=fund_a, year=last_year)
    assert row.statement["closing"] == 0


def test_a_backdated_payout_past_the_balance_needs_a_grant_and_then_may_close_negative(
    staff_a, reviewer, fund_a, give, last_year, today
):
    give(10_000_000, date=today)
    services.overdraft_allow(user=reviewer, fund=fund_a, amount=5_000_000, reason="Lũ quét")
    made = payout(staff_a, fund_a, a_day_of(last_year), amount=10_000_000)
    assert made.overdraft is not None
    row = services.year_close(user=reviewer, fund=fund_a, year=last_year)
    assert row.statement["closing"] == -5_000_000


def test_a_receipt_reversal_cannot_take_money_already_paid_out_on_a_later_day(
    staff_a, fund_a, give, last_year, today
):
    receipt = give(4_000_000, date=a_day_of(last_year))
    payout(staff_a, fund_a, today, amount=9_000_000)  # 5.000.000 + 4.000.000
    with pytest.raises(ValidationError) as caught:
        services.entry_reverse(user=staff_a, entry=receipt, reason="Ghi nhầm")
    assert "sẽ làm quỹ âm" in str(caught.value)


def test_the_reviewer_cannot_approve_a_year_that_ends_below_zero_without_a_grant(
    staff_a, reviewer, fund_a, last_year
):
    # Written around the services, as the old backdated-payout hole let it happen.
    Payout.objects.create(
        fund=fund_a, number=1, date=a_day_of(last_year), amount=15_000_000, kind="ho_tro"
    )
    with pytest.raises(ValidationError) as caught:
        services.year_close(user=reviewer, fund=fund_a, year=last_year)
    assert "Số dư cuối năm" in str(caught.value) and "-10.000.000 đ" in str(caught.value)
    assert not fund_a.years.filter(closed_at__isnull=False).exists()


def test_only_a_reviewer_grants_overdrafts_and_closes_years(staff_a, fund_a, last_year):
    with pytest.raises(ValidationError):
        services.overdraft_allow(user=staff_a, fund=fund_a, amount=1_000, reason="Lũ")
    with pytest.raises(ValidationError):
        services.year_close(user=staff_a, fund=fund_a, year=last_year)
    assert not OverdraftGrant.objects.exists()


def test_a_closed_years_closing_balance_is_the_next_years_opening(
    staff_a, fund_a, closed, give, last_year, this_year, today
):
    give(2_000_000, date=today)
    payout(staff_a, fund_a, today, amount=1_500_000)
    services.entry_reverse(user=staff_a, entry=closed, reason="Ghi trùng phiếu")
    approved = fund_a.years.get(year=last_year).statement
    assert approved["closing"] == 8_000_000
    assert ledger.statement(fund_a, last_year) == approved
    assert ledger.statement(fund_a, this_year)["opening"] == approved["closing"]
    assert ledger.balance(fund_a, before_year=this_year) == approved["closing"]
    assert ledger.statement(fund_a, this_year)["closing"] == ledger.balance(fund_a) == 5_500_000
