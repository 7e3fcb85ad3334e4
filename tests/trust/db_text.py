"""Every text column of every table, searched for a string: what a person erased on
request must not leave behind anywhere in the database."""

import functools
import json
import operator

from django.apps import apps
from django.db import models

from khuyenhoc.core.text import fold

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def text_columns():
    """(model, its text fields) of every table, history and many-to-many tables too."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            fields = [f for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
            if fields:
                yield model, fields


def spellings(name: str) -> list[str]:
    """How a name can sit in a column: as typed, folded for search (khuyenhoc.core.text.fold),
    and escaped by json.dumps (Django's admin log stores its change messages so)."""
    return [name, fold(name), json.dumps(name)[1:-1]]


def where_found(*names) -> list[str]:
    """ "table.column: value" for each text value that holds one of `names` in any of
    its spellings, case aside; a JSON column is searched in its text form."""
    needles = [s for name in names for s in spellings(name)]
    found = []
    for model, fields in text_columns():
        condition = functools.reduce(
            operator.or_,
            (models.Q(**{f"{f.name}__icontains": n}) for f in fields for n in needles),
        )
        for row in model._base_manager.filter(condition).values(*(f.attname for f in fields)):
            for field in fields:
                text = str(row[field.attname])
                if any(n.lower() in text.lower() for n in needles):
                    found.append(f"{model._meta.db_table}.{field.column}: {text!r}")
    return found
