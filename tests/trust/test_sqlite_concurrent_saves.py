"""The `make run` demo runs on SQLite (settings: WAL, IMMEDIATE transactions, a busy
timeout); the suite's PostgreSQL cannot show its locking, so two real processes save at
once on a SQLite file of their own."""

import os
import sqlite3
import subprocess
import sys
import time

from django.conf import settings

NAMES = ["canbo_mot", "canbo_hai"]


def test_two_staff_saving_at_once_on_the_sqlite_demo_both_succeed(tmp_path):
    database = tmp_path / "demo.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "khuyenhoc.settings",
    }
    run = {"env": env, "cwd": settings.BASE_DIR, "capture_output": True, "text": True}
    migrate = [sys.executable, "manage.py", "migrate", "auth", "--noinput"]
    subprocess.run(migrate, check=True, **run)

    del run["capture_output"]
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.trust.sqlite_writer", name, str(tmp_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            **run,
        )
        for name in NAMES
    ]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{name}").exists() for name in NAMES):
        assert time.monotonic() < deadline and all(w.poll() is None for w in writers)
        time.sleep(0.05)
    (tmp_path / "go").touch()  # both transactions now overlap
    outputs = [writer.communicate(timeout=60) for writer in writers]

    assert [writer.returncode for writer in writers] == [0, 0], outputs
    assert [out.strip() for out, _ in outputs] == ["wal", "wal"]
    with sqlite3.connect(database) as db:
        saved = db.execute("SELECT username FROM auth_user ORDER BY username").fetchall()
    assert saved == [("canbo_hai",), ("canbo_mot",)]
