import pytest
from django.urls import reverse

from funds import services
from members.models import Branch

pytestmark = pytest.mark.django_db

CHILDREN = ["Lò Thị Bí Mật", "Cầm Văn Riêng Tư"]


@pytest.fixture
def seeded(staff_a, administrator, fund_a, give, today):
    give(
        768_000_000,
        donor_category="enterprise",
        donor_name="Công ty Thủy điện",
        donor_name_public=True,
    )
    give(2_000_000, donor_name="Người Giấu Tên", donor_name_public=False)
    services.payout_record(
        user=staff_a,
        fund=fund_a,
        date=today,
        kind="hoc_bong",
        beneficiaries=[{"name": n, "school": "THCS Bí Mật"} for n in CHILDREN],
        default_amount=500_000,
    )
    branch = Branch.objects.create(province_id=14, kind="hoi_tinh", name="Hội Khuyến học tỉnh")
    fund = services.fund_create(
        user=administrator, branch=branch, name="Quỹ tỉnh", opening_year=today.year
    )
    services.receipt_record(
        user=administrator,
        fund=fund,
        date=today,
        amount=50_000_000,
        donor_category="organisation",
        donor_name="Sở Giáo dục",
        donor_name_public=True,
    )


def test_the_commune_page_shows_totals_and_no_child_or_unconsenting_donor(
    client, seeded, commune_a, django_assert_max_num_queries
):
    url = reverse("funds_public:commune", args=[commune_a.code])
    with django_assert_max_num_queries(8):
        page = client.get(url).content.decode()
    assert "770.000.000 đ" in page  # received
    assert "1.000.000 đ" in page and "2 suất" in page
    assert "Công ty Thủy điện" in page
    for secret in [*CHILDREN, "THCS Bí Mật", "Người Giấu Tên"]:
        assert secret not in page


def test_the_province_page_adds_the_communes_and_the_provincial_fund(
    client, seeded, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        page = client.get(reverse("funds_public:province")).content.decode()
    assert "820.000.000 đ" in page  # 770 triệu of the commune + 50 triệu of the province
    assert "Sở Giáo dục" in page
    for secret in [*CHILDREN, "THCS Bí Mật", "Người Giấu Tên"]:
        assert secret not in page


def test_a_commune_outside_the_province_is_404(client, units):
    assert client.get(reverse("funds_public:commune", args=[4])).status_code == 404
