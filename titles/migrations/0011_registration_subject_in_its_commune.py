"""A registration names a subject of its own commune: on PostgreSQL each subject column's
key becomes one composite key (subject, commune) → the subject's (id, commune), which
needs (id, commune) unique on each subject table (see titles.models.registrations)."""


import django.db.models.deletion
from django.db import migrations, models

from khuyenhoc.core.db.composite_keys import AddCompositeForeignKey


class Migration(migrations.Migration):

    dependencies = [
        ('areas', '0006_village_id_commune_unique'),
        ('titles', '0010_subjects_keyed_by_village_and_commune'),
    ]

    operations = [
        migrations.AlterField(
            model_name='registration',
            name='citizen',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='registrations', to='titles.citizen'),
        ),
        migrations.AlterField(
            model_name='registration',
            name='clan',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='registrations', to='titles.clan'),
        ),
        migrations.AlterField(
            model_name='registration',
            name='household',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='registrations', to='titles.household'),
        ),
        migrations.AlterField(
            model_name='registration',
            name='unit',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='registrations', to='titles.unit'),
        ),
        migrations.AlterField(
            model_name='registration',
            name='village',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='areas.village'),
        ),
        migrations.AddConstraint(
            model_name='citizen',
            constraint=models.UniqueConstraint(fields=('id', 'commune'), name='titles_citizen_in_commune'),
        ),
        migrations.AddConstraint(
            model_name='clan',
            constraint=models.UniqueConstraint(fields=('id', 'commune'), name='titles_clan_in_commune'),
        ),
        migrations.AddConstraint(
            model_name='household',
            constraint=models.UniqueConstraint(fields=('id', 'commune'), name='titles_household_in_commune'),
        ),
        migrations.AddConstraint(
            model_name='unit',
            constraint=models.UniqueConstraint(fields=('id', 'commune'), name='titles_unit_in_commune'),
        ),
        AddCompositeForeignKey(
            model_name="registration",
            name="registration_citizen_in_commune",
            fields=["citizen", "commune"],
            to_model="titles.citizen",
            to_fields=["id", "commune"],
        ),
        AddCompositeForeignKey(
            model_name="registration",
            name="registration_household_in_commune",
            fields=["household", "commune"],
            to_model="titles.household",
            to_fields=["id", "commune"],
        ),
        AddCompositeForeignKey(
            model_name="registration",
            name="registration_clan_in_commune",
            fields=["clan", "commune"],
            to_model="titles.clan",
            to_fields=["id", "commune"],
        ),
        AddCompositeForeignKey(
            model_name="registration",
            name="registration_unit_in_commune",
            fields=["unit", "commune"],
            to_model="titles.unit",
            to_fields=["id", "commune"],
        ),
        AddCompositeForeignKey(
            model_name="registration",
            name="registration_village_in_commune",
            fields=["village", "commune"],
            to_model="areas.village",
            to_fields=["id", "commune"],
        ),
    ]
