"""core.db.load takes a table's indexes and autovacuum off for a load and puts them back
as they were: the province demo's seed (titles.demo_province) relies on it, and on
putting back only the missing ones after a failure."""

import pytest
from django.db import connection, transaction

from khuyenhoc.core.db.load import (
    BuildQueue,
    drop_indexes,
    pause_autovacuum,
    resume_autovacuum,
)
from titles.models import Evaluation, Registration, Score

pytestmark = pytest.mark.django_db


def catalogue(query, model):
    with connection.cursor() as cursor:
        cursor.execute(query, [model._meta.db_table])
        return cursor.fetchall()


def definitions(model):
    """(name, definition) of each of the table's indexes."""
    return catalogue(
        "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
        "WHERE indrelid = %s::regclass ORDER BY 1",
        model,
    )


def constraints(model):
    """The names of the table's primary key and unique constraints."""
    query = (
        "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass "
        "AND contype IN ('p', 'u') ORDER BY 1"
    )
    return [name for (name,) in catalogue(query, model)]


def test_indexes_taken_off_for_a_load_come_back_with_their_names_and_definitions():
    before = {model: definitions(model) for model in (Registration, Score)}
    with transaction.atomic():
        dropped = drop_indexes([Registration, Score])
        # the primary key the evaluations' key refers to stays; the scores' goes
        assert [name for name, _ in definitions(Registration)] == ["titles_registration_pkey"]
        assert definitions(Score) == []
        dropped.build([Score])
        assert definitions(Score) == before[Score]
        assert len(definitions(Registration)) == 1
        dropped.build()
        assert {model: definitions(model) for model in (Registration, Score)} == before
        assert constraints(Score) == ["titles_score_pkey", "uniq_score"]


def test_after_a_failure_only_the_missing_indexes_are_built_again():
    before = {model: definitions(model) for model in (Evaluation, Score)}
    with transaction.atomic():
        dropped = drop_indexes([Evaluation, Score])
        dropped.build([Evaluation])  # as a transaction that committed would have
        # and the scores' unique index made, not yet their constraint
        table, name, create = next(c for c in dropped.creations([Score]) if "uniq" in c[1])
        with connection.cursor() as cursor:
            cursor.execute(create)
        dropped.build()  # would fail on an index or a constraint already there
        assert {model: definitions(model) for model in (Evaluation, Score)} == before
        assert constraints(Score) == ["titles_score_pkey", "uniq_score"]


def test_indexes_queued_for_two_connections_are_built_and_their_constraints_made():
    before = definitions(Score)
    with transaction.atomic():
        dropped = drop_indexes([Score])
        queue = BuildQueue(dropped)
        queue.add([Score])
        queue.work()
        dropped.constrain()
        assert definitions(Score) == before
        assert constraints(Score) == ["titles_score_pkey", "uniq_score"]


def reloptions(model):
    return catalogue("SELECT reloptions FROM pg_class WHERE oid = %s::regclass", model)[0][0]


def test_autovacuum_is_paused_on_the_loaded_tables_and_given_back_after():
    with connection.cursor() as cursor:  # someone's own setting stays theirs
        cursor.execute("ALTER TABLE titles_evaluation SET (autovacuum_enabled = true)")
    paused = pause_autovacuum([Score, Evaluation])
    assert paused == ["titles_score"]
    assert reloptions(Score) == ["autovacuum_enabled=false"]
    resume_autovacuum(paused)
    assert reloptions(Score) is None
    assert reloptions(Evaluation) == ["autovacuum_enabled=true"]
