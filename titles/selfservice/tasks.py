"""Retention of what households send, without anyone remembering to run it: a daily
task of the tasks framework (khuyenhoc/jobs/daily.py) purges what is older than
SELF_SERVICE_RETENTION_DAYS, as `manage.py purge_self_service` does on demand."""

from django.tasks import task

from khuyenhoc.jobs.daily import keep_daily

from .retention import submissions_purge


@task
def purge_expired() -> int:
    try:
        return submissions_purge()
    finally:
        # a failed purge still leaves tomorrow's run waiting
        keep_daily(purge_expired)


def keep_purging() -> None:
    """Called by the writes that start a retention clock (a household sends, the commune
    decides): the daily purge is waiting from then on."""
    keep_daily(purge_expired)
