"""The figures' version (khuyenhoc/areas/freshness.py): a PostgreSQL sequence that every
write of figures advances, read by the public pages to know whether what they remember
still holds. SQLite (the demo) has no sequence and the pages remember nothing there."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE SEQUENCE IF NOT EXISTS areas_figures_version")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP SEQUENCE IF EXISTS areas_figures_version")


class Migration(migrations.Migration):
    dependencies = [("areas", "0010_merge_province_staff_role")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
