"""A fund's opening balance and year lock when its first year closes, in the service and
in the admin (change form and history revert); only administrators change a fund."""

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.urls import reverse

from funds import ledger, services
from funds.models import Fund
from khuyenhoc.areas.models import Figure
from tests.factories import login
from tests.metric_names import FUND_OPENING

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_fund(reviewer, fund_a, this_year):
    services.year_close(user=reviewer, fund=fund_a, year=this_year - 1)
    return fund_a


def change_form(fund, **changes):
    data = model_to_dict(fund, fields=["branch", "name", "opening_year", "opening_balance"])
    data.update(changes)
    return data


def test_the_service_refuses_a_new_opening_balance_or_year_once_a_year_is_closed(
    administrator, closed_fund, this_year
):
    for changes in ({"opening_balance": 0}, {"opening_year": this_year - 3}):
        with pytest.raises(ValidationError) as caught:
            services.fund_update(user=administrator, fund=closed_fund, **changes)
        assert "khóa sổ năm" in str(caught.value)
    stored = Fund.objects.get(pk=closed_fund.pk)
    assert (stored.opening_balance, stored.opening_year) == (5_000_000, this_year - 1)
    renamed = services.fund_update(user=administrator, fund=closed_fund, name="Quỹ khuyến tài")
    assert renamed.name == "Quỹ khuyến tài" and renamed.opening_balance == 5_000_000


def test_only_an_administrator_may_update_a_fund(staff_a, reviewer, fund_a):
    for user in (staff_a, reviewer):
        with pytest.raises(ValidationError) as caught:
            services.fund_update(user=user, fund=fund_a, opening_balance=6_000_000)
        assert "quản trị" in str(caught.value)
    assert Fund.objects.get(pk=fund_a.pk).opening_balance == 5_000_000


def test_before_any_closing_the_administrator_corrects_the_opening_and_the_figures_follow(
    client, administrator, fund_a, this_year
):
    login(client, administrator)
    url = reverse("admin:funds_fund_change", args=[fund_a.pk])
    response = client.post(url, change_form(fund_a, opening_balance=7_000_000))
    assert response.status_code == 302
    assert Fund.objects.get(pk=fund_a.pk).opening_balance == 7_000_000
    opening = Figure.objects.get(
        commune=fund_a.branch.commune_id, year=this_year - 1, metric=FUND_OPENING
    )
    assert opening.value == 7_000_000  # written by the service, which refreshes figures


def test_the_admin_change_form_shows_the_lock_as_a_form_error_and_writes_nothing(
    client, administrator, closed_fund
):
    login(client, administrator)
    url = reverse("admin:funds_fund_change", args=[closed_fund.pk])
    response = client.post(url, change_form(closed_fund, opening_balance=0))
    page = response.content.decode()
    assert response.status_code == 200
    assert "không sửa được số dư đầu kỳ nữa" in page
    assert Fund.objects.get(pk=closed_fund.pk).opening_balance == 5_000_000


def test_a_history_revert_cannot_bring_back_an_old_opening_balance_after_closing(
    client, administrator, staff_a, commune_a, reviewer, this_year
):
    fund = services.fund_create(
        user=staff_a, commune=commune_a, name="Quỹ", opening_year=this_year - 1,
        opening_balance=1_000_000,
    )  # fmt: skip
    services.fund_update(user=administrator, fund=fund, opening_balance=2_000_000)
    services.year_close(user=reviewer, fund=fund, year=this_year - 1)
    old = fund.history.get(opening_balance=1_000_000)
    login(client, administrator)
    url = reverse("admin:funds_fund_simple_history", args=[fund.pk, old.history_id])
    response = client.post(url, change_form(old.instance))
    assert "không sửa được số dư đầu kỳ nữa" in response.content.decode()
    fund.refresh_from_db()
    assert fund.opening_balance == 2_000_000
    assert ledger.statement(fund, this_year)["opening"] == 2_000_000


def test_a_reviewer_cannot_change_a_fund_in_the_admin(client, reviewer, fund_a):
    login(client, reviewer)
    url = reverse("admin:funds_fund_change", args=[fund_a.pk])
    response = client.post(url, change_form(fund_a, opening_balance=0))
    assert response.status_code == 403
    assert Fund.objects.get(pk=fund_a.pk).opening_balance == 5_000_000


def test_the_administrator_creates_a_fund_through_the_service(
    client, administrator, fund_a, this_year
):
    login(client, administrator)
    response = client.post(
        reverse("admin:funds_fund_add"),
        change_form(fund_a, name="Quỹ khuyến tài", opening_year=this_year + 1),
        follow=True,
    )
    assert "Năm bắt đầu ghi sổ không hợp lệ" in response.content.decode()
    assert not Fund.objects.filter(name="Quỹ khuyến tài").exists()
    response = client.post(
        reverse("admin:funds_fund_add"), change_form(fund_a, name="Quỹ khuyến tài")
    )
    assert response.status_code == 302
    assert Fund.objects.filter(name="Quỹ khuyến tài", branch=fund_a.branch).exists()


def test_lowering_the_opening_balance_below_what_was_paid_out_is_refused(
    administrator, staff_a, fund_a, today
):
    services.payout_record(
        user=staff_a, fund=fund_a, date=today, kind="qua", beneficiaries=[{"name": "A"}],
        default_amount=4_000_000,
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        services.fund_update(user=administrator, fund=fund_a, opening_balance=1_000_000)
    assert "làm quỹ âm" in str(caught.value)
