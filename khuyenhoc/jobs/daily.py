"""Tasks that run once a day on their own, with no cron to install: each run enqueues
the next at the quiet hour (the tasks framework's run_after), and the writes that give
such a task something to do make sure a run is waiting. The worker that runs the jobs
(`manage.py db_worker`, started by `make run`) runs them too; if it was stopped, the
waiting run goes as soon as it is back."""

from datetime import timedelta

from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

QUIET_HOUR = 3  # local time: nobody is sending at 3 a.m.


def next_quiet_hour(now=None):
    local = timezone.localtime(now)
    at = local.replace(hour=QUIET_HOUR, minute=0, second=0, microsecond=0)
    return at if at > local else at + timedelta(days=1)


def keep_daily(task) -> None:
    """Enqueues `task` for the next quiet hour unless a run of it is already waiting.
    Two writes racing may enqueue two runs; the first to run finds the other waiting
    and enqueues none, so the day has one run again."""
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=task.module_path)
    if not waiting.exists():
        task.using(run_after=next_quiet_hour()).enqueue()
