"""One index for a commune's member list instead of two with the same keys: the covering
index that migration 0004 made by hand on PostgreSQL is now the model's own (Django's
Index.include; SQLite builds it without the included columns), and the plain
member_commune_name, which it made redundant, is dropped. Every imported row paid for both."""

from django.db import migrations, models


def drop_hand_made_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS member_commune_search")


def restore_hand_made_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS member_commune_search ON members_member "
            "(commune_id, name_folded, id) "
            "INCLUDE (member_number, branch_id, joined_on, left_on, erased_on)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0010_member_history_indexed_by_id_only"),
    ]

    operations = [
        migrations.RunPython(drop_hand_made_index, restore_hand_made_index),
        migrations.RemoveIndex(
            model_name="member",
            name="member_commune_name",
        ),
        migrations.AddIndex(
            model_name="member",
            index=models.Index(
                fields=["commune", "name_folded", "id"],
                include=("member_number", "branch", "joined_on", "left_on", "erased_on"),
                name="member_commune_search",
            ),
        ),
    ]
