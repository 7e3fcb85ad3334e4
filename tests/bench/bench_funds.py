"""Funds: one payout for 752 scholarships, a stream of receipts, the public page."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from funds import imports, services
from tests.bench.util import bench_line, run_commit_checks, stopwatch
from tests.factories import make_user
from tests.funds.sheets import xlsx

pytestmark = pytest.mark.django_db


def test_bench_funds(commune_a, django_assert_max_num_queries):
    staff = make_user("canbo_bench", role="commune_staff", communes=[commune_a])
    today = timezone.localdate()
    fund = services.fund_create(
        user=staff,
        commune=commune_a,
        name="Quỹ",
        opening_year=today.year,
        opening_balance=500_000_000,
    )
    with stopwatch() as took:
        for k in range(200):
            services.receipt_record(
                user=staff,
                fund=fund,
                date=today,
                amount=100_000 + k,
                donor_category="person",
                donor_name=f"Người {k}",
                donor_name_public=True,
            )
    bench_line("funds_receipts", count=200, seconds=took(), per_receipt_ms=took() / 200 * 1000)
    people = [{"name": f"Học sinh {i}", "school": "THCS"} for i in range(752)]
    with stopwatch() as took:
        services.payout_record(
            user=staff,
            fund=fund,
            date=today,
            kind="hoc_bong",
            beneficiaries=people,
            default_amount=586_436,
        )
    bench_line("funds_payout_752", seconds=took())
    client = Client()
    url = reverse("funds_public:commune", args=[commune_a.code])
    with stopwatch() as took, django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200
    bench_line("funds_public_commune_page", seconds=took())

    rows = [[today.strftime("%d/%m/%Y"), f"Người {k}", "cá nhân", "có", "", "", "", "200.000", ""]
            for k in range(1000)]  # fmt: skip
    data = xlsx(list(imports.RECEIPT_HEADERS.values()), rows)
    with stopwatch() as took:
        assert imports.receipts_import(user=staff, fund=fund, data=data).created == 1000
        run_commit_checks()
    bench_line("funds_import_receipts", rows=1000, seconds=took())
