"""The one task of the tasks framework: run the job whose record is named. Everything
the job needs (its user, commune, sheet) is in the record, not in the task's arguments,
so that the pages read and the scope rule filters the same row."""

from django.tasks import task

from . import runner


@task
def run_job(job_id: int) -> str:
    return runner.run(job_id)
