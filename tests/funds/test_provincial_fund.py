"""The provincial association's own branch and fund: created in the admin and on the
staff page, kept by the provincial office staff, who touch nothing of the communes."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from funds import services
from funds.models import Fund, Receipt
from members.models import Branch
from tests.factories import login, once

pytestmark = pytest.mark.django_db

PAGE = "/quan-ly/quy/tinh/"


def receipt_values(today, amount=1_000_000):
    return {
        "date": today,
        "amount": amount,
        "donor_category": "organisation",
        "donor_name": "Sở Giáo dục và Đào tạo",
    }


def test_the_administrator_creates_the_provincial_branch_then_its_fund_in_the_admin(
    client, administrator, this_year
):
    login(client, administrator)
    added = client.post(reverse("admin:members_branch_add"), {"name": "Hội Khuyến học tỉnh"})
    assert added.status_code == 302
    branch = Branch.objects.get(kind=Branch.Kind.PROVINCE)
    assert branch.province_id == settings.PROVINCE_CODE and branch.commune_id is None
    again = client.post(reverse("admin:members_branch_add"), {"name": "Hội tỉnh 2"})
    assert again.status_code == 200 and "đã có Hội Khuyến học tỉnh" in again.content.decode()
    fund = client.post(
        reverse("admin:funds_fund_add"),
        {"branch": "", "name": "Quỹ tỉnh", "opening_year": this_year, "opening_balance": "0"},
    )
    assert fund.status_code == 302
    assert Fund.objects.get(name="Quỹ tỉnh").branch == branch


def test_a_fund_without_a_branch_in_the_admin_creates_the_provincial_association(
    client, administrator, this_year
):
    login(client, administrator)
    response = client.post(
        reverse("admin:funds_fund_add"),
        {"branch": "", "name": "Quỹ tỉnh", "opening_year": this_year, "opening_balance": "7"},
    )
    assert response.status_code == 302
    fund = Fund.objects.select_related("branch").get()
    assert fund.branch.kind == Branch.Kind.PROVINCE
    assert fund.branch.province_id == settings.PROVINCE_CODE


def test_reviewers_and_province_staff_cannot_add_branches_or_funds_in_the_admin(
    client, reviewer, province_staff, this_year
):
    for user, refused in ((reviewer, 403), (province_staff, 302)):  # 302: to the admin login
        login(client, user)
        for name, data in (
            ("admin:members_branch_add", {"name": "Hội tỉnh"}),
            ("admin:funds_fund_add", {"name": "Quỹ", "opening_year": this_year}),
        ):
            assert client.post(reverse(name), data).status_code == refused
    assert not Branch.objects.exists() and not Fund.objects.exists()


def test_the_province_staff_create_and_keep_the_provincial_fund_on_the_staff_page(
    client, province_staff, today, this_year
):
    login(client, province_staff)
    home = client.get(reverse("areas:staff_home")).content.decode()
    assert PAGE in home
    response = client.post(PAGE, once({"name": "Quỹ Khuyến học tỉnh", "opening_year": this_year}))
    fund = Fund.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/quan-ly/quy/{fund.pk}/"
    assert fund.branch.kind == Branch.Kind.PROVINCE
    data = {"date": today.isoformat(), "donor_category": "organisation",
            "donor_name": "Sở Giáo dục", "amount": "50.000.000"}  # fmt: skip
    created = client.post(reverse("funds:receipt_create", args=[fund.pk]), once(data))
    assert created.status_code == 302
    assert Receipt.objects.get().amount == 50_000_000
    page = client.get(PAGE).content.decode()
    assert "Quỹ Khuyến học tỉnh" in page and "50.000.000 đ" in page


def test_the_province_staff_touch_nothing_of_a_commune(
    client, province_staff, fund_a, commune_a, today
):
    login(client, province_staff)
    for url in (
        reverse("funds:commune", args=[commune_a.code]),
        reverse("funds:fund", args=[fund_a.pk]),
        reverse("funds:receipt_create", args=[fund_a.pk]),
        reverse("areas:commune", args=[commune_a.code]),
    ):
        assert client.get(url).status_code == 404, url
    with pytest.raises(ValidationError):
        services.receipt_record(user=province_staff, fund=fund_a, **receipt_values(today))
    with pytest.raises(ValidationError):
        services.fund_create(
            user=province_staff, commune=commune_a, name="Quỹ lạ", opening_year=today.year
        )
    assert not Receipt.objects.exists()


def test_commune_staff_cannot_see_or_write_the_provincial_fund(
    client, staff_a, province_fund, today
):
    login(client, staff_a)
    assert client.get(PAGE).status_code == 404
    assert client.get(reverse("funds:fund", args=[province_fund.pk])).status_code == 404
    with pytest.raises(ValidationError):
        services.receipt_record(user=staff_a, fund=province_fund, **receipt_values(today))
    with pytest.raises(ValidationError):
        services.fund_create(user=staff_a, name="Quỹ tỉnh 2", opening_year=today.year)


def test_reviewers_read_the_provincial_fund_page_and_create_nothing(
    client, reviewer, province_fund, today, this_year
):
    login(client, reviewer)
    page = client.get(PAGE).content.decode()
    assert "Quỹ Khuyến học tỉnh" in page and "Tạo quỹ của Hội tỉnh" not in page
    assert client.post(PAGE, once({"name": "Quỹ 2", "opening_year": this_year})).status_code == 403
    with pytest.raises(ValidationError):
        services.receipt_record(user=reviewer, fund=province_fund, **receipt_values(today))
    assert Fund.objects.count() == 1


def test_reviewers_read_the_new_kinds_of_records_in_the_admin_and_change_none(
    client, reviewer, staff_a, batch, province_fund, today
):
    services.transfer_send(
        user=staff_a, from_fund=batch.fund, to_fund=province_fund, date=today, amount=1_000
    )
    login(client, reviewer)
    for model in ("transfer", "signedlist", "campaign"):
        assert client.get(reverse(f"admin:funds_{model}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:funds_{model}_add")).status_code == 403
