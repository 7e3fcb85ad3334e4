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
        yield {
            "mine": mine,
            "other": other,
            "staff": make_user("matrix_staff", role="commune_staff", communes=[mine]),
            "stranger": make_user("matrix_stranger", role="commune_staff", communes=[other]),
            "reviewer": make_user("matrix_reviewer", role="reviewer"),
            "administrator": make_user("matrix_admin", role="administrator"),
        }
        transaction.set_rollback(True)
