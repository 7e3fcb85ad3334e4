"""A household's or citizen's village must be a village of its commune: one composite key
(village, commune) → areas_village (id, commune) on PostgreSQL replaces the two keys the
columns had (see titles.models.subjects.SubjectInVillage)."""

import django.db.models.deletion
from django.db import migrations, models

from khuyenhoc.core.db.composite_keys import AddCompositeForeignKey


class Migration(migrations.Migration):

    dependencies = [
        ('areas', '0006_village_id_commune_unique'),
        ('titles', '0009_history_user_without_db_key'),
    ]

    operations = [
        migrations.AlterField(
            model_name='citizen',
            name='commune',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='areas.commune', verbose_name='xã, phường'),
        ),
        migrations.AlterField(
            model_name='citizen',
            name='village',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='areas.village', verbose_name='thôn, bản, tổ'),
        ),
        migrations.AlterField(
            model_name='household',
            name='commune',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='areas.commune', verbose_name='xã, phường'),
        ),
        migrations.AlterField(
            model_name='household',
            name='village',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='areas.village', verbose_name='thôn, bản, tổ'),
        ),
        AddCompositeForeignKey(
            model_name="citizen",
            name="citizen_village_in_commune",
            fields=["village", "commune"],
            to_model="areas.village",
            to_fields=["id", "commune"],
        ),
        AddCompositeForeignKey(
            model_name="household",
            name="household_village_in_commune",
            fields=["village", "commune"],
            to_model="areas.village",
            to_fields=["id", "commune"],
        ),
    ]
