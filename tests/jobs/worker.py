"""Runs the queued tasks through django-tasks-db's own worker, in the test's process.

`manage.py db_worker --batch` closes the database connections between tasks, which would
end a test's transaction; here the same Worker claims and runs each ready task on the
test's connection, so the task goes through the real database backend."""

from django.db import transaction
from django.tasks.base import DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_queued_tasks() -> int:
    worker = Worker(
        queue_names=[DEFAULT_TASK_QUEUE_NAME],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    ran = 0
    while True:
        with transaction.atomic():
            result = DBTaskResult.objects.ready().get_locked()
            if result is None:
                return ran
            result.claim("test")
        worker.run_task(result)
        ran += 1
