"""One member of staff saving, in a process of its own, for test_sqlite_concurrent_saves.py:
`python -m tests.trust.sqlite_writer NAME FOLDER`. It says it is ready, waits for the go,
then saves an account in a transaction that reads first and stays open a while, as a
form's save does."""

import sys
import time
from pathlib import Path

import django


def main(name, folder):
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    connection.ensure_connection()
    (folder / f"ready-{name}").touch()
    while not (folder / "go").exists():
        time.sleep(0.01)
    with transaction.atomic():
        get_user_model().objects.count()
        time.sleep(0.5)
        get_user_model().objects.create(username=name)
        time.sleep(0.5)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        print(cursor.fetchone()[0])


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
