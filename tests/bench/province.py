"""The province that the public, admin-list and report benches share: seeded once per
`make bench` into its own database on the PostgreSQL of DATABASE_URL, dropped at the end.

The whole province (Phú Thọ, 148 communes, 2.5 million people, 3.9 million
registrations) took about 20 minutes to seed here through the staff's own write paths
(the import and the recognition workflow, list by list: 92 % of the time). `seed_demo
--scale province` on PostgreSQL writes the titles set-based (titles/demo_province.py:
INSERT … SELECT over generate_series, indexes built after the load, one summaries
rebuild at the end), and the bench seeds every commune, village, branch, legacy unit and
summary row of the province with BENCH_PEOPLE people in all (the registers scale with
them): by default the whole province.

Measured here on 2026-12-04 (2 cores), the whole province, 2,500,000 people (3.86
million registrations, 11.7 million of their history rows, 33 million scores): 226 s at
the start of the day (stop 35, quiet); at its end 163.5 s, then with the last step below
167.5 s and 154.3 s in `make bench`, 157.8 s with `seed_demo -v 2` (titles 146.5 s,
members 12 s and funds 28 s beside them, summaries 2.6 s, the closing ANALYZE 2.5 s).
What made it faster:
- the scores' points are drawn from a hash of their evaluation and indicator, so the
  totals are judged in one statement (an aggregate PostgreSQL shares with parallel
  workers) and the scores written in another, instead of 33 million scores kept in
  memory and read three times (102.6 s → 12.4 s + 30.3 s);
- PostgreSQL runs an INSERT … SELECT on one core, so after a first transaction (the
  subjects and the working tables, committed), the records are written on one
  connection while their history and the lists are written on a second one;
- the indexes, primary keys included where no other table's key refers to them, are
  built after the commits by whichever connection is free, biggest table first;
- autovacuum is kept off the tables being loaded until the end (it vacuums them after,
  in the background, as after any load).
Before that, at stop 35: minimal WAL in scripts/with-postgres.sh with the titles tables
truncated in the seed's transaction (no WAL for their rows), the id sequences named once
instead of looked up per row (40 s at 2.5 million), room in memory for the working
tables, the lists written once. bench_province_seed.py checks that every evaluation is
judged as titles.rules.judge judges it. The public pages read only the summary tables,
whose size does not depend on the people; the admin lists and the report read the
registers, and their figures say at what size.
"""

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
PROVINCE = int(os.environ.get("BENCH_PROVINCE", "25"))  # Tỉnh Phú Thọ: 148 communes
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "2500000"))  # the whole province
DB_NAME = "khuyenhoc_bench_province"
SEED_LIMIT_SECONDS = 180


@dataclass
class SeededProvince:
    env: dict
    static_root: str
    seed_seconds: float
    people: int

    def django(self, code: str, *args: str, settings="tests.bench.bench_public_settings") -> str:
        """Runs Python code with Django set up on the seeded province; returns its stdout."""
        env = {**self.env, "DJANGO_SETTINGS_MODULE": settings}
        return subprocess.run(
            [sys.executable, "-c", code, *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=900,
        ).stdout


def _admin_url(base):
    return urlunsplit(urlsplit(base)._replace(path="/postgres"))


def _database_url(base):
    return urlunsplit(urlsplit(base)._replace(path=f"/{DB_NAME}"))


def _recreate_database(base):
    import psycopg

    with psycopg.connect(_admin_url(base), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def drop(base):
    import psycopg

    with psycopg.connect(_admin_url(base), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def _manage(env, *args, timeout=1800):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=timeout
    )


def seed() -> SeededProvince:
    base = os.environ.get("DATABASE_URL", "")
    assert base.startswith("postgres"), "run through scripts/with-postgres.sh"
    _recreate_database(base)
    static_root = tempfile.mkdtemp(prefix="bench-province-static-")
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(base),
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "PROVINCE_CODE": str(PROVINCE),
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "ERROR",
    }
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "collectstatic", "--noinput", "-v", "0")
    started = time.monotonic()
    _manage(
        env,
        "seed_demo",
        "--scale",
        "province",
        "--province",
        str(PROVINCE),
        "--people",
        str(PEOPLE),
        "--force",
    )
    # seed_demo ends with ANALYZE (the planner's statistics, as autovacuum would have
    # them on a live site): its seconds are part of the seed's
    seconds = time.monotonic() - started
    return SeededProvince(env, static_root, seconds, PEOPLE)
