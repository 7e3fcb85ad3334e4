"""The test database made once per run, also when pytest-xdist runs the suite on two
processes (`make test` does, one per core).

Migrating takes about half a minute and loading the official units a few seconds. Run
serially, the session does both into the test database, as pytest-django would. Run in
parallel, the controlling process does both once into a template database before the
workers start; each worker then copies the template into its own database in a second
(CREATE DATABASE … TEMPLATE, as Django's own parallel runner clones), instead of every
worker migrating the same schema at the same time."""

import os

from django.db import connection
from django.test.utils import setup_databases, teardown_databases

from khuyenhoc.areas.units import load_units

TEMPLATE_KEY = "khuyenhoc_template_db"


def is_controller(config) -> bool:
    """The process that hands tests to xdist workers and runs none itself."""
    return bool(getattr(config.option, "numprocesses", None)) and not hasattr(config, "workerinput")


def template_of(config) -> str | None:
    """In a worker, the template database the controller prepared; else None."""
    return getattr(config, "workerinput", {}).get(TEMPLATE_KEY)


def create_migrated_database():
    """The test database, migrated, with the units: what every test starts from.
    Returns what teardown_databases() needs."""
    created = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    load_units()
    return created


def close_template() -> None:
    """PostgreSQL copies a template only while nobody is connected to it."""
    connection.close()


def drop_database(created) -> None:
    """As drop_clone: a connection another thread or a child process (a bench's worker)
    still holds at the session's end must not fail a run whose tests all passed."""
    connection.close()
    if connection.vendor == "postgresql":
        with connection._nodb_cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [connection.settings_dict["NAME"]],
            )
    teardown_databases(created, verbosity=0)


def clone_template(template: str) -> str:
    """The worker's own database, copied from the template; the connection points at it."""
    target = f"{template}_{os.environ.get('PYTEST_XDIST_WORKER', 'gw0')}"
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(template)}")
    _point_at(target)
    return target


def drop_clone(target: str, original_name: str) -> None:
    """FORCE: a connection a test opened on another thread (a live server's, a job
    worker's) may still be closing at the session's end; the database is ours to drop, and
    a refused drop would fail a run whose tests all passed."""
    _point_at(original_name)
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(target)} WITH (FORCE)")


def _point_at(name: str) -> None:
    # as Django's create_test_db() does: the settings and the open connection's copy
    from django.conf import settings

    connection.close()
    settings.DATABASES["default"]["NAME"] = name
    connection.settings_dict["NAME"] = name
