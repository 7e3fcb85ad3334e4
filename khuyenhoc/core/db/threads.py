"""Work on a second database connection in a thread, for the province demo's seed:
PostgreSQL runs one statement on one core, so two connections keep both busy.

Django gives each thread a connection of its own; a thread that ends must close it, or
the server keeps it open until the process ends."""

import contextvars
from concurrent.futures import ThreadPoolExecutor


def on_own_connection(call):
    """Runs `call` and closes this thread's connection after (in a thread)."""
    from django.db import connection

    try:
        return call()
    finally:
        connection.close()


def beside(here, there):
    """Runs `there` in a thread on a connection of its own while `here` runs on this
    one; raises what either raised. The thread sees this one's context variables."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        running = pool.submit(contextvars.copy_context().run, on_own_connection, there)
        try:
            here()
        finally:
            running.result()
