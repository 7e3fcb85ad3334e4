"""Campaigns: a period, a target and the branches taking part; receipts and payouts
linked; totals raised / paid / target per commune on a staff and a public page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from funds import campaigns, services
from funds.models import Campaign, Transfer
from khuyenhoc.areas.models import Figure, ProvinceFigure
from tests.factories import login, once

pytestmark = pytest.mark.django_db


@pytest.fixture
def flood_relief(province_staff, fund_a, today):
    return campaigns.campaign_create(
        user=province_staff, name="Ủng hộ học sinh vùng lũ", starts_on=today.replace(day=1),
        ends_on=today + datetime.timedelta(days=30), target=50_000_000,
        branches=[fund_a.branch],
    )  # fmt: skip


def test_only_the_provincial_office_creates_a_campaign(staff_a, reviewer, today):
    for user in (staff_a, reviewer):
        with pytest.raises(ValidationError):
            campaigns.campaign_create(
                user=user, name="Tháng Khuyến học", starts_on=today, ends_on=today
            )
    assert not Campaign.objects.exists()


def test_linked_entries_add_up_per_commune_on_the_staff_and_public_pages(
    client, staff_a, fund_a, give, flood_relief, today, commune_a
):
    give(20_000_000, drive=flood_relief)
    give(5_000_000, drive=flood_relief, donor_name="Lò Văn Bí Mật")
    give(1_000_000)  # not in the campaign
    services.payout_batch_record(
        user=staff_a, fund=fund_a, date=today, kind="qua", portions=30, unit_amount=300_000,
        drive=flood_relief,
    )  # fmt: skip
    data = campaigns.totals(flood_relief)
    assert (data["raised"], data["paid"], data["portions"]) == (25_000_000, 9_000_000, 30)
    assert data["rows"] == [
        (
            commune_a.name,
            commune_a.code,
            {"raised": 25_000_000, "paid": 9_000_000, "portions": 30, "sent": 0},
        )
    ]
    public = client.get(reverse("funds_public:campaign", args=[flood_relief.pk]))
    page = public.content.decode()
    assert "25.000.000 đ" in page and "50 %" in page and "9.000.000 đ" in page
    assert "Lò Văn Bí Mật" not in page
    login(client, staff_a)
    staff_page = client.get(reverse("funds:campaign", args=[flood_relief.pk])).content.decode()
    assert commune_a.name in staff_page and "Trang công khai" in staff_page


def test_an_entry_outside_the_period_or_from_a_branch_not_taking_part_is_refused(
    staff_b, fund_a, fund_b, give, flood_relief, today
):
    with pytest.raises(ValidationError) as caught:
        give(1_000, drive=flood_relief, date=flood_relief.starts_on - datetime.timedelta(days=1))
    assert "ngoài thời gian" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        services.receipt_record(
            user=staff_b, fund=fund_b, date=today, amount=1_000, donor_category="anonymous",
            drive=flood_relief,
        )  # fmt: skip
    assert "không tham gia" in str(caught.value)


def test_relief_sent_out_of_the_province_is_what_the_campaign_sent_and_a_move_inside_is_not(
    client, staff_a, staff_b, fund_a, fund_b, province_fund, give, flood_relief, today
):
    give(25_000_000, drive=flood_relief)
    login(client, staff_a)
    url = reverse("funds:transfer_create", args=[fund_a.pk])
    sent = {"date": today.isoformat(), "amount": "20.000.000", "to_fund": "",
            "external_party": "Quỹ Hội Khuyến học Việt Nam", "drive": flood_relief.pk}  # fmt: skip
    assert client.post(url, once(sent)).status_code == 302
    services.transfer_send(
        user=staff_a, from_fund=fund_a, to_fund=province_fund, date=today, amount=1_000_000,
        drive=flood_relief,
    )  # fmt: skip
    data = campaigns.totals(flood_relief)
    assert (data["raised"], data["paid"], data["sent"]) == (25_000_000, 0, 20_000_000)
    assert campaigns.published_totals(flood_relief) == data
    page = client.get(reverse("funds_public:campaign", args=[flood_relief.pk])).content.decode()
    assert "Chuyển ra ngoài tỉnh <strong>20.000.000 đ</strong>" in page
    services.transfer_undo(
        user=staff_a, transfer=Transfer.objects.get(to_fund=None), reason="Gửi nhầm tài khoản"
    )
    assert campaigns.published_totals(flood_relief)["sent"] == 0
    with pytest.raises(ValidationError) as caught:  # commune B does not take part
        services.transfer_send(
            user=staff_b, from_fund=fund_b, external_party="Hội Khuyến học tỉnh Yên Bái",
            date=today, amount=1_000, drive=flood_relief,
        )  # fmt: skip
    assert "không tham gia" in str(caught.value)
    assert not Transfer.objects.filter(from_fund=fund_b).exists()


def test_the_receipt_form_offers_the_campaigns_the_fund_takes_part_in(
    client, staff_a, fund_a, flood_relief, today
):
    login(client, staff_a)
    url = reverse("funds:receipt_create", args=[fund_a.pk])
    assert "Ủng hộ học sinh vùng lũ" in client.get(url).content.decode()
    data = {"date": today.isoformat(), "donor_category": "anonymous", "amount": "2.000.000",
            "drive": flood_relief.pk}  # fmt: skip
    assert client.post(url, once(data)).status_code == 302
    assert campaigns.totals(flood_relief)["raised"] == 2_000_000


def test_the_provincial_office_creates_a_campaign_on_the_page(client, province_staff, today):
    login(client, province_staff)
    data = {"name": "Tháng Khuyến học", "starts_on": today.isoformat(),
            "ends_on": today.isoformat(), "target": "1.000.000.000"}  # fmt: skip
    response = client.post(reverse("funds:campaigns"), once(data))
    drive = Campaign.objects.get()
    assert response.status_code == 302 and drive.target == 1_000_000_000


def _figures_part(page: str) -> str:
    """The totals and the table per commune of a campaign page."""
    return page[page.index('<ul class="public-figures"') : page.index("</table>")]


def test_the_public_campaign_page_reads_the_summaries_and_states_the_staff_pages_numbers(
    client, staff_a, province_staff, fund_a, province_fund, give, today, commune_a,
    django_assert_max_num_queries,
):  # fmt: skip
    drive = campaigns.campaign_create(
        user=province_staff, name="Tháng Khuyến học", starts_on=today.replace(day=1),
        ends_on=today, target=40_000_000,
    )  # fmt: skip
    give(12_000_000, drive=drive)
    mistaken = give(3_000_000, drive=drive)
    services.entry_reverse(user=staff_a, entry=mistaken, reason="Ghi nhầm")
    services.receipt_record(
        user=province_staff, fund=province_fund, date=today, amount=8_000_000,
        donor_category="enterprise", donor_name="Công ty Chè", drive=drive,
    )  # fmt: skip
    services.payout_batch_record(
        user=staff_a, fund=fund_a, date=today, kind="hoc_bong", portions=5,
        unit_amount=1_000_000, drive=drive,
    )  # fmt: skip
    published = campaigns.published_totals(drive)
    assert published == campaigns.totals(drive)
    assert (published["raised"], published["paid"], published["portions"]) == (20_000_000,
            5_000_000, 5)  # fmt: skip
    assert [row[0] for row in published["rows"]] == ["Hội Khuyến học tỉnh", commune_a.name]
    url = reverse("funds_public:campaign", args=[drive.pk])
    with django_assert_max_num_queries(8):
        public = client.get(url).content.decode()
    assert "20.000.000 đ" in public and "50 %" in public and "5.000.000 đ" in public
    login(client, province_staff)
    staff = client.get(reverse("funds:campaign", args=[drive.pk])).content.decode()
    assert _figures_part(public) == _figures_part(staff)
    # the public page states the summary tables, not the ledger
    Figure.objects.filter(metric__startswith="funds.campaigns.").delete()
    ProvinceFigure.objects.filter(metric__startswith="funds.campaigns.").delete()
    client.logout()
    assert "Chưa có khoản thu, chi nào." in client.get(url).content.decode()
