"""A covering index for the member list on PostgreSQL: the commune's names in order with
the columns the filters read, so a search and its count read the index alone.
SQLite has no INCLUDE: it keeps the plain member_commune_name index."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS member_commune_search ON members_member "
        "(commune_id, name_folded, id) "
        "INCLUDE (member_number, branch_id, joined_on, left_on, erased_on)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS member_commune_search")


class Migration(migrations.Migration):
    dependencies = [("members", "0003_member_name_trigram")]

    operations = [migrations.RunPython(forwards, backwards)]
