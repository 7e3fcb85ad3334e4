import datetime

import pytest
from django.utils import timezone

from funds import services
from funds.models import Receipt


@pytest.fixture
def this_year():
    return timezone.localdate().year


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def fund_a(staff_a, commune_a, this_year):
    return services.fund_create(
        user=staff_a,
        commune=commune_a,
        name="Quỹ khuyến học xã",
        opening_year=this_year - 1,
        opening_balance=5_000_000,
    )


@pytest.fixture
def fund_b(staff_b, commune_b, this_year):
    return services.fund_create(
        user=staff_b, commune=commune_b, name="Quỹ khuyến học", opening_year=this_year
    )


@pytest.fixture
def give(staff_a, fund_a, today):
    """Record a cash receipt on fund_a."""

    def record(amount, *, date=None, **extra):
        values = {
            "donor_category": Receipt.DonorCategory.PERSON,
            "donor_name": "Nguyễn Văn An",
        }
        values.update(extra)
        return services.receipt_record(
            user=staff_a, fund=fund_a, date=date or today, amount=amount, **values
        )

    return record


def a_day_of(year):
    return datetime.date(year, 6, 1)


@pytest.fixture
def province_staff(units):
    from tests.factories import make_user

    return make_user("vanphong_tinh", role="province_staff")


@pytest.fixture
def province_fund(administrator, this_year):
    """The provincial association's fund (the association is created with it)."""
    return services.fund_create(
        user=administrator, name="Quỹ Khuyến học tỉnh", opening_year=this_year - 1
    )


@pytest.fixture
def private_files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def batch(staff_a, fund_a, today):
    """4 scholarships × 500.000 đ paid through a school, no names yet."""
    return services.payout_batch_record(
        user=staff_a, fund=fund_a, date=today, kind="hoc_bong", portions=4,
        unit_amount=500_000, through="school", through_name="Trường THCS Chiềng Lề",
        level="THCS",
    )  # fmt: skip


# the published year of test_published_year.py, entered through the staff pages
from tests.funds.published_year import published_year  # noqa: E402, F401
