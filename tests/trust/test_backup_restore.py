"""`make backup` and `make restore` really round-trip the seeded database."""

import os
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


def url_for(dbname):
    params = connection.settings_dict
    return f"postgres://{params['USER']}@{params['HOST']}:{params['PORT']}/{dbname}"


def row_counts(url):
    with psycopg.connect(url, autocommit=True) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL")
def test_a_backup_of_the_seeded_database_restores_into_a_new_one_with_every_row(
    tmp_path, settings, units
):
    settings.DEBUG = True
    call_command("seed_demo")
    source = url_for(connection.settings_dict["NAME"])
    dump = tmp_path / "khuyenhoc.dump"
    subprocess.run(
        ["scripts/backup.sh", str(dump)],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": source},
        check=True,
    )
    with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS khuyenhoc_restore_test")
        admin.execute("CREATE DATABASE khuyenhoc_restore_test")
    target = url_for("khuyenhoc_restore_test")
    try:
        subprocess.run(
            ["scripts/restore.sh", str(dump)],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": target},
            check=True,
        )
        before, after = row_counts(source), row_counts(target)
        assert after == before
        assert before["areas_village"] > 1000 and before["areas_commune"] == 3321
    finally:
        with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS khuyenhoc_restore_test WITH (FORCE)")
