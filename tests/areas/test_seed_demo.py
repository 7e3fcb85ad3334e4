import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from khuyenhoc.areas.models import Denominator, Figure, Village
from tests.demo_snapshot import restore_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def demo_mode(settings):
    settings.DEBUG = True  # seed_demo runs only in demo mode; pytest-django turns DEBUG off


def snapshot():
    return (
        list(Village.objects.order_by("commune_id", "name").values_list("commune_id", "name")),
        list(
            Denominator.objects.order_by("commune_id", "year").values_list(
                "commune_id", "year", "population", "households"
            )
        ),
    )


def test_seed_demo_creates_accounts_villages_and_plausible_denominators_the_same_every_time(
    capsys, demo_snapshot, client
):
    with transaction.atomic():  # the province the session seeded in a database of its own
        restore_demo(demo_snapshot)
        seeded_before = snapshot()
        transaction.set_rollback(True)
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "canbo / CanBo@Demo2026" in out and "thamdinh /" in out and "quantri /" in out
    assert get_user_model().objects.get(username="canbo").staff_profile.communes.count() == 2
    for row in Denominator.objects.all():
        assert 3.5 <= row.population / row.households <= 4.1
        assert row.adults < row.population
    per_commune = Village.objects.values("commune").distinct().count()
    assert per_commune == 75
    assert Figure.objects.filter(metric="areas.population").count() == Denominator.objects.count()
    first = snapshot()
    assert first == seeded_before  # the same seed, a fresh database: the same province
    codes = re.findall(r"Phiếu số \d+: ([A-Z0-9]{5}-[A-Z0-9]{5})", out)
    assert len(codes) == 4, "household codes to try self-service at once"
    call_command("seed_demo")
    assert snapshot() == first  # a second run adds nothing
    assert re.findall(r"Phiếu số \d+: (\S+)", capsys.readouterr().out) == codes, "printed again"
    opened = client.post(reverse("selfservice:enter"), {"code": codes[0]}, follow=True)
    assert "Hồ sơ tự đăng ký của hộ" in opened.content.decode()


def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG đang tắt"):
        call_command("seed_demo")
    assert not Denominator.objects.exists()


def test_seed_demo_refuses_a_province_the_portal_does_not_serve_and_writes_nothing(units):
    with pytest.raises(CommandError, match="PROVINCE_CODE=25"):
        call_command("seed_demo", province=25)
    assert not Village.objects.exists()
