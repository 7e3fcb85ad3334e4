import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from funds import services
from funds.models import Beneficiary, Payout, Receipt
from tests.factories import login, once

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(staff_a, fund_a, give, today):
    receipt = give(2_000_000, donor_name="=HYPERLINK(1)")
    payout = services.payout_record(
        user=staff_a,
        fund=fund_a,
        date=today,
        kind="hoc_bong",
        beneficiaries=[{"name": "Vì Thị Mai"}],
        default_amount=500_000,
    )
    return receipt, payout


def fund_urls(fund, receipt, payout, year):
    return [
        reverse("funds:commune", args=[fund.branch.commune_id]),
        reverse("funds:fund", args=[fund.pk]),
        reverse("funds:receipt_create", args=[fund.pk]),
        reverse("funds:receipts_import", args=[fund.pk]),
        reverse("funds:payout_create", args=[fund.pk]),
        reverse("funds:statement", args=[fund.pk, year]),
        reverse("funds:statement_xlsx", args=[fund.pk, year]),
        reverse("funds:ledger_xlsx", args=[fund.pk, year]),
        reverse("funds:receipt", args=[receipt.pk]),
        reverse("funds:payout", args=[payout.pk]),
        reverse("funds:reverse", args=["thu", receipt.pk]),
        reverse("funds:reverse", args=["chi", payout.pk]),
    ]


def test_anonymous_users_are_sent_to_the_login_page(client, fund_a, entries, this_year):
    for url in fund_urls(fund_a, *entries, this_year):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))


def test_staff_of_another_commune_gets_404_on_every_fund_page_and_export(
    client, staff_b, fund_a, entries, this_year
):
    login(client, staff_b)
    for url in fund_urls(fund_a, *entries, this_year):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"amount": "1000", "reason": "x"}).status_code == 404, url
    assert Receipt.objects.count() == 1 and Payout.objects.count() == 1


def test_staff_of_the_commune_opens_every_page(client, staff_a, fund_a, entries, this_year):
    login(client, staff_a)
    for url in fund_urls(fund_a, *entries, this_year):
        assert client.get(url).status_code == 200, url


def test_the_ledger_shows_the_balance_in_vietnamese_format(client, staff_a, fund_a, entries):
    login(client, staff_a)
    page = client.get(reverse("funds:fund", args=[fund_a.pk])).content.decode()
    assert "6.500.000 đ" in page  # 5.000.000 + 2.000.000 − 500.000


def test_staff_records_a_receipt_typed_with_dots(client, staff_a, fund_a, today):
    login(client, staff_a)
    response = client.post(
        reverse("funds:receipt_create", args=[fund_a.pk]),
        once(
            {
                "date": today.isoformat(),
                "donor_category": "enterprise",
                "donor_name": "Công ty Điện lực",
                "amount": "1.000.000",
            }
        ),
    )
    receipt = Receipt.objects.get()
    assert response.status_code == 302 and receipt.amount == 1_000_000


@pytest.mark.parametrize("typed", ["-1000", "1.000,5", "1,5", "12.5", "0"])
def test_it_refuses_bad_amounts_in_the_form_with_a_message(client, staff_a, fund_a, today, typed):
    login(client, staff_a)
    response = client.post(
        reverse("funds:receipt_create", args=[fund_a.pk]),
        {"date": today.isoformat(), "donor_category": "person", "donor_name": "A", "amount": typed},
    )
    assert response.status_code == 200
    assert "Số tiền" in response.content.decode()
    assert not Receipt.objects.exists()


def test_one_amount_times_pasted_names_is_one_payout(client, staff_a, fund_a, today):
    login(client, staff_a)
    names = "\n".join(
        ["Lò Văn A; THCS Chiềng Lề; 7A", "Cà Thị B; THCS Chiềng Lề; 8B; 700.000; có", "Quàng Văn C"]
    )
    response = client.post(
        reverse("funds:payout_create", args=[fund_a.pk]),
        once(
            {
                "date": today.isoformat(),
                "kind": "hoc_bong",
                "default_amount": "500.000",
                "people": names,
            }
        ),
    )
    payout = Payout.objects.get()
    assert response.status_code == 302
    assert (payout.portions, payout.amount) == (3, 1_700_000)
    assert Beneficiary.objects.filter(name_public=True).get().name == "Cà Thị B"


def test_a_pasted_list_with_a_bad_row_is_refused_whole(client, staff_a, fund_a, today):
    login(client, staff_a)
    response = client.post(
        reverse("funds:payout_create", args=[fund_a.pk]),
        {
            "date": today.isoformat(),
            "kind": "qua",
            "default_amount": "100000",
            "people": "Lò Văn A\nCà Thị B; ; ; 1,5",
        },
    )
    assert "Dòng 2" in response.content.decode()
    assert not Payout.objects.exists() and not Beneficiary.objects.exists()


def test_statement_export_is_an_xlsx_with_the_closing_balance(
    client, staff_a, fund_a, entries, this_year
):
    login(client, staff_a)
    response = client.get(reverse("funds:statement_xlsx", args=[fund_a.pk, this_year]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {r[0]: r[2] for r in sheet.iter_rows(values_only=True)}
    assert rows["Số dư cuối năm"] == 6_500_000
    ledger = client.get(reverse("funds:ledger_xlsx", args=[fund_a.pk, this_year]))
    texts = [
        c
        for r in load_workbook(io.BytesIO(ledger.content)).active.iter_rows(values_only=True)
        for c in r
    ]
    assert "=HYPERLINK(1)" in texts  # kept as text, never a formula


def test_the_commune_page_is_linked_from_the_staff_home(client, staff_a, commune_a):
    login(client, staff_a)
    page = client.get(reverse("areas:staff_home")).content.decode()
    assert reverse("funds:commune", args=[commune_a.code]) in page
