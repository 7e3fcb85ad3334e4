"""Writes of jobs: start one, and answer the choice of an import that found rows
already there. Each start enqueues the one task; the worker does the rest."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from khuyenhoc.submissions.models import KEPT_FOR

from .models import Job
from .registry import runner
from .tasks import run_job

State = Job.State


@dataclass
class Background:
    """How an import page's sheet runs as a job: the registered runner's kind, the
    arguments it takes besides user, commune and sheet, and the words of its result."""

    kind: str
    commune: object
    label: str
    what: str = "dòng"
    args: dict = field(default_factory=dict)


def _enqueue(job: Job) -> None:
    result = run_job.enqueue(job.pk)
    job.task_id = str(result.id)[:64]
    job.save(update_fields=["task_id"])


EXPIRED = "Quá một ngày chưa chọn: đã dừng, không ghi dòng nào."


def _expire_waiting_choices() -> None:
    """A sheet kept for a choice nobody made is let go after KEPT_FOR, as a held upload;
    so are the row errors of older jobs, which quote names from the sheet (a person
    erased on request must not stay in them)."""
    cutoff = timezone.now() - KEPT_FOR
    Job.objects.filter(state=State.NEEDS_CHOICE, created_at__lt=cutoff).update(
        state=State.STOPPED, data=None, preview=None, message=EXPIRED, finished_at=timezone.now()
    )
    Job.objects.filter(finished_at__lt=cutoff).exclude(errors=[]).update(errors=[])


@transaction.atomic
def import_job_start(*, user, background: Background, data: bytes, total: int, back_url: str):
    _expire_waiting_choices()
    runner(background.kind)  # a kind no app registers fails here, at the page, not in the worker
    job = Job.objects.create(
        kind=background.kind,
        label=background.label,
        user=user,
        commune=background.commune,
        params={
            "import": True,
            "what": background.what,
            "args": background.args,
        },
        back_url=back_url[:300],
        data=data,
        total=total,
    )
    _enqueue(job)
    return job


@transaction.atomic
def job_start(*, user, kind: str, label: str, needs: str, commune=None, args=None):
    runner(kind)  # a kind no app registers fails here, at the page, not in the worker
    job = Job.objects.create(
        kind=kind,
        label=label,
        user=user,
        commune=commune,
        params={"needs": needs, "args": args or {}},
    )
    _enqueue(job)
    return job


@transaction.atomic
def job_choose(*, user, job: Job, skip: bool) -> Job:
    """Skip the rows already there (the job runs again, writing only the new rows) or
    stop (nothing written). Only the user who started the import chooses."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.user_id != user.pk:
        raise PermissionDenied("Chỉ người đã tải tệp lên mới chọn được.")
    if job.state != State.NEEDS_CHOICE:
        return job  # chosen already: a second click changes nothing
    if not skip:
        job.state, job.data, job.preview = State.STOPPED, None, None
        job.message = "Đã dừng: không ghi dòng nào."
        job.save()
        return job
    job.state = State.QUEUED
    job.params = {**job.params, "skip_existing": True}
    job.rows_read = job.rows_checked = job.rows_written = 0
    job.preview = None
    job.save()
    _enqueue(job)
    return job
