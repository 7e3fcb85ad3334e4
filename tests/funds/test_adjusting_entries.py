"""A mistake found in a closed year is corrected by an adjusting entry of the open year:
the closed year's statement, ledger and public figures stay as they were approved."""

import pytest
from django.urls import reverse

from funds import ledger, services
from funds.models import Receipt
from khuyenhoc.areas.models import Figure
from tests.factories import login, once
from tests.funds.conftest import a_day_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_year(this_year):
    return this_year - 1


@pytest.fixture
def mistaken(reviewer, fund_a, give, last_year):
    """A receipt typed as 3.000.000 đ last year (the donor gave 300.000 đ), with consent to
    be named, and last year closed."""
    give(1_000_000, date=a_day_of(last_year), donor_name="Bà Lường Thị Hoa")
    receipt = give(
        3_000_000,
        date=a_day_of(last_year),
        donor_category="enterprise",
        donor_name="Công ty Chè Mộc Châu",
        donor_name_public=True,
    )
    services.year_close(user=reviewer, fund=fund_a, year=last_year)
    return receipt


def public_figures(fund, year):
    return dict(
        Figure.objects.filter(commune=fund.branch.commune_id, year=year).values_list(
            "metric", "value"
        )
    )


def test_reversing_an_entry_of_a_closed_year_books_it_today_in_the_open_year(
    staff_a, fund_a, mistaken, last_year, today
):
    approved = fund_a.years.get(year=last_year).statement
    figures_before = public_figures(fund_a, last_year)
    reversal = services.entry_reverse(user=staff_a, entry=mistaken, reason="Ghi thừa một số 0")
    assert (reversal.date, reversal.year, reversal.reverses) == (today, today.year, mistaken)
    assert reversal.reason == "Ghi thừa một số 0" and reversal.number == 1
    assert ledger.statement(fund_a, last_year) == approved
    assert public_figures(fund_a, last_year) == figures_before
    assert ledger.statement(fund_a, today.year)["receipts_total"] == -3_000_000
    mistaken.refresh_from_db()
    assert mistaken.amount == 3_000_000  # the original stays as approved


def test_the_reverse_page_says_where_the_adjusting_entry_goes_and_books_it(
    client, staff_a, fund_a, mistaken, last_year, today
):
    login(client, staff_a)
    url = reverse("funds:reverse", args=["thu", mistaken.pk])
    page = client.get(url).content.decode()
    assert f"Năm {last_year} đã khóa sổ" in page
    assert f"được ghi vào sổ năm {today.year}" in page
    assert f"Lập phiếu điều chỉnh vào năm {today.year}" in page
    response = client.post(url, once({"reason": "Ghi thừa một số 0"}), follow=True)
    assert f"quyết toán năm {last_year} giữ nguyên" in response.content.decode()
    reversal = Receipt.objects.get(reverses=mistaken)
    assert reversal.year == today.year


def test_the_ledgers_show_the_correction_in_both_years_without_changing_the_closed_one(
    client, staff_a, fund_a, mistaken, last_year, today
):
    services.entry_reverse(user=staff_a, entry=mistaken, reason="Ghi thừa một số 0")
    login(client, staff_a)
    url = reverse("funds:fund", args=[fund_a.pk])
    closed_page = client.get(url, {"nam": last_year}).content.decode()
    assert "Đã điều chỉnh bằng" in closed_page
    assert f"Phiếu thu 1/{today.year}</a> (ghi vào sổ năm {today.year})" in closed_page
    assert "9.000.000" in closed_page  # 5.000.000 + 1.000.000 + 3.000.000, as approved
    open_page = client.get(url, {"nam": today.year}).content.decode()
    assert f"Điều chỉnh Phiếu thu 2/{last_year} ngày {a_day_of(last_year):%d/%m/%Y}" in open_page
    statement = client.get(reverse("funds:statement", args=[fund_a.pk, last_year]))
    assert "9.000.000 đ" in statement.content.decode()


def test_the_public_page_keeps_the_closed_years_donors_and_shows_the_adjustment_as_such(
    client, staff_a, fund_a, mistaken, last_year, today
):
    services.entry_reverse(user=staff_a, entry=mistaken, reason="Ghi thừa một số 0")
    url = reverse("funds_public:commune", args=[fund_a.branch.commune_id])
    closed_year = client.get(url, {"nam": last_year}).content.decode()
    assert "Công ty Chè Mộc Châu: 3.000.000 đ" in closed_year
    this_year = client.get(url, {"nam": today.year}).content.decode()
    assert "Điều chỉnh phiếu thu các năm đã khóa sổ" in this_year
    assert "-3.000.000 đ" in this_year
    assert "Công ty Chè Mộc Châu" not in this_year


def test_a_mistake_reversed_within_its_own_open_year_leaves_no_trace_in_the_donors(
    client, staff_a, fund_a, give, today
):
    receipt = give(2_000_000, donor_name="Ông Cầm Văn Tú", donor_name_public=True)
    services.entry_reverse(user=staff_a, entry=receipt, reason="Trùng phiếu")
    page = client.get(reverse("funds_public:commune", args=[fund_a.branch.commune_id]))
    content = page.content.decode()
    assert "Ông Cầm Văn Tú" not in content and "Điều chỉnh phiếu thu" not in content


def test_when_the_current_year_is_closed_too_no_adjusting_entry_can_be_booked(
    client, staff_a, reviewer, fund_a, mistaken, today
):
    services.year_close(user=reviewer, fund=fund_a, year=today.year)
    login(client, staff_a)
    url = reverse("funds:reverse", args=["thu", mistaken.pk])
    assert f"Sổ quỹ năm {today.year} đã khóa" in client.get(url).content.decode()
    response = client.post(url, {"reason": "Ghi thừa"})
    assert f"Sổ quỹ năm {today.year} đã khóa" in response.content.decode()
    assert not Receipt.objects.filter(reverses=mistaken).exists()
