import pytest
from django.core.management import call_command

from khuyenhoc.areas import services
from khuyenhoc.areas.models import Figure

pytestmark = pytest.mark.django_db


def figures():
    return sorted(Figure.objects.values_list("commune_id", "year", "metric", "value"))


def test_figures_kept_by_each_write_equal_a_full_rebuild(staff_a, commune_a):
    for year, population in [(2025, 1000), (2026, 1200), (2026, 1300)]:
        services.denominator_save(
            user=staff_a,
            commune=commune_a,
            year=year,
            values={"population": population, "households": 300},
        )
    incremental = figures()
    assert (commune_a.code, 2026, "areas.population", 1300) in incremental
    Figure.objects.all().delete()
    call_command("rebuild_summaries")
    assert figures() == incremental
