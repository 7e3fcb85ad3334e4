"""A registration's commune is checked once: through its subject's composite key
(migration 0011), or, for a commune-level registration, through the key of the
generated column commune_itself. The commune column's own key goes."""

import django.db.models.deletion
from django.db import migrations, models

from khuyenhoc.core.db.composite_keys import AddCompositeForeignKey


class Migration(migrations.Migration):

    dependencies = [
        ('areas', '0006_village_id_commune_unique'),
        ('titles', '0011_registration_subject_in_its_commune'),
    ]

    operations = [
        migrations.AddField(
            model_name='registration',
            name='commune_itself',
            field=models.GeneratedField(db_persist=True, expression=models.Case(models.When(then=models.F('commune'), title='commune')), output_field=models.IntegerField(null=True)),
        ),
        migrations.AlterField(
            model_name='registration',
            name='commune',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='areas.commune', verbose_name='xã, phường'),
        ),
        AddCompositeForeignKey(
            model_name="registration",
            name="registration_commune_itself",
            fields=["commune_itself"],
            to_model="areas.commune",
            to_fields=["code"],
        ),
    ]
