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


def test_a_full_rebuild_leaves_the_planner_statistics_of_the_rows_it_wrote(staff_a, commune_a):
    # Without them, a freshly seeded portal planned the commune page's query of the old
    # communes as 211,548 index probes (271 ms instead of 7): core.db.statistics.
    from django.db import connection

    from khuyenhoc.areas.models import LegacyFigure, ProvinceFigure

    services.denominator_save(
        user=staff_a, commune=commune_a, year=2026, values={"population": 1000}
    )
    Figure.objects.bulk_create(  # rows no record accounts for: the rebuild drops them
        Figure(commune=commune_a, year=1990 + i, metric="areas.population", value=i)
        for i in range(30)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE areas_figure")  # what autovacuum saw before the rebuild
    call_command("rebuild_summaries")
    tables = [model._meta.db_table for model in (Figure, ProvinceFigure, LegacyFigure)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reltuples FROM pg_class WHERE relname = ANY(%s)", [tables])
        planned = dict(cursor.fetchall())
    assert planned["areas_figure"] == Figure.objects.count() > 0
    assert all(planned[table] >= 0 for table in tables)  # -1: never analyzed
