"""Folded names composed again (khuyenhoc.core.text.fold): a name in Hangul, or in a script
whose vowels are written in two parts, was folded into more letters than it has, so a
long one did not fit its column and a search folded the new way would miss the rest."""

from django.db import migrations

from khuyenhoc.core.text import refold

NAMES = [
    ("Village", "name"),
]


def forwards(apps, schema_editor):
    for model, field in NAMES:
        refold(apps.get_model("areas", model), field)


class Migration(migrations.Migration):
    dependencies = [("areas", "0002_history")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
