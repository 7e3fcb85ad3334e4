"""The demo province with one user per role, shared by the trust tests of a module."""

import pytest
from django.conf import settings
from django.db import transaction

from khuyenhoc.areas import demo
from tests.demo_snapshot import restore_demo
from tests.factories import make_user


@pytest.fixture(scope="module")
def world(demo_snapshot, django_db_blocker):
    """The demo province, a staff user for each of two communes, a reviewer, an admin;
    put back once for the module inside a transaction that is rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        restore_demo(demo_snapshot)
        ctx = demo.build_context(province_code=settings.PROVINCE_CODE, scale="small", seed=2026)
        mine, other = ctx.active_communes[0], ctx.active_communes[2]
        issue25_records(mine)
        yield {
            "mine": mine,
            "other": other,
            "staff": make_user("matrix_staff", role="commune_staff", communes=[mine]),
            "stranger": make_user("matrix_stranger", role="commune_staff", communes=[other]),
            "reviewer": make_user("matrix_reviewer", role="reviewer"),
            "administrator": make_user("matrix_admin", role="administrator"),
        }
        transaction.set_rollback(True)


def issue25_records(commune):
    """What the demo does not seed and the trust tests try the doors of: a campaign, a
    payout by count with the scan of its signed list, a transfer to the provincial fund."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from funds import campaigns, services
    from funds.models import Fund

    today = timezone.localdate()
    fund = Fund.objects.filter(branch__commune=commune).order_by("pk").first()
    drive = campaigns.campaign_create(
        user=None, name="Tháng Khuyến học thử", starts_on=today, ends_on=today, target=1_000_000
    )
    payout = services.payout_batch_record(
        user=None, fund=fund, date=today, kind="hoc_bong", portions=3, unit_amount=1_000,
        drive=drive,
    )  # fmt: skip
    services.signed_list_attach(
        user=None, payout=payout, upload=SimpleUploadedFile("ds.pdf", b"%PDF-1.4\n%%EOF")
    )
    province = Fund.objects.filter(branch__commune__isnull=True).order_by("pk").first()
    if province is not None:
        services.transfer_send(
            user=None, from_fund=fund, to_fund=province, date=today, amount=1_000
        )
