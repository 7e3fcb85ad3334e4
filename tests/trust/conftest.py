"""The demo province with one user per role, shared by the trust tests of a module."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from khuyenhoc.areas import demo
from tests.factories import make_user


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The demo province, a staff user for each of two communes, a reviewer, an admin;
    built once for the module inside a transaction that is rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", force=True, stdout=io.StringIO())
        if connection.vendor == "postgresql":
            # the planner would otherwise take the freshly filled tables for empty ones
            # and pick nested loops that turn an admin page into minutes
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
                # the seed's deferred foreign-key checks, fired once here: left pending,
                # they ran again at the end of every test (pytest-django checks the
                # constraints before it rolls a test back, and the rollback re-queues
                # them), four seconds a test
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
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
