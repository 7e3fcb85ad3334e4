"""`make run` on a fresh clone: every migration, the units and the demo province on a new
SQLite file, as the Makefile runs them. The suite's PostgreSQL cannot show what SQLite
refuses (a table rebuilt under another table's trigger stopped the funds' migrations)."""

import os
import sqlite3
import subprocess
import sys

from django.conf import settings


def test_make_run_migrates_loads_the_units_and_seeds_the_demo_on_a_new_sqlite_file(tmp_path):
    database = tmp_path / "db.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "khuyenhoc.settings",
        "DEMO_PEOPLE_PER_COMMUNE": "30",
    }
    outputs = []
    for command in (["migrate", "--noinput"], ["load_units"], ["seed_demo"]):
        done = subprocess.run(
            [sys.executable, "manage.py", *command],
            env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        outputs.append(done.stdout)

    assert "canbo" in outputs[-1] and "/tu-danh-gia/" in outputs[-1]
    with sqlite3.connect(database) as db:
        applied = db.execute("SELECT count(*) FROM django_migrations").fetchone()[0]
        triggers = {
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
        province = db.execute(
            "SELECT count(*) FROM areas_commune WHERE province_id = ?", [settings.PROVINCE_CODE]
        ).fetchone()[0]
    assert applied > 0 and province > 0
    # the closed-year guards survive the table rebuilds of the later migrations
    assert {"funds_beneficiary_closed_insert", "funds_payout_closed_update"} <= triggers
