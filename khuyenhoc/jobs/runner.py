"""Runs a job in the worker: re-checks that its user may still do it, calls the same
function the page calls, and records how it ended. Whatever happens, the job ends in a
state the result page can show; an unexpected error is logged, never lost."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from khuyenhoc.core.access.scope import can_touch, is_administrator, is_reviewer
from khuyenhoc.core.sheets.spreadsheets import ImportRejected, rows_in
from khuyenhoc.submissions.previews import ImportNeedsChoice, Preview, imported

from . import progress, registry
from .models import Job

logger = logging.getLogger(__name__)

FAILED = "Việc gặp lỗi ngoài dự kiến và đã dừng; không ghi gì. Hãy thử lại sau hoặc báo quản trị."
NOT_ALLOWED = "Bạn không còn quyền làm việc này: không ghi gì."
State = Job.State


def run(job_id: int) -> str:
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id, state=State.QUEUED).first()
        if job is None:
            return "không có việc để chạy"  # already run, or deleted
        job.state = State.RUNNING
        job.save(update_fields=["state"])
    try:
        _run(job)
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job, State.FAILED, message=FAILED)
    return job.state


def _run(job: Job) -> None:
    found = registry.find(job.kind)
    if found is None or not _allowed(job):
        _finish(job, State.REFUSED, message=NOT_ALLOWED)
        return
    if job.params.get("import"):
        _run_import(job, found.function)
    else:
        found.function(job=job)
        _finish(job, State.DONE)


def _allowed(job: Job) -> bool:
    """The scope as the page checked it, asked again: the job may run hours later."""
    need = job.params.get("needs", "commune")
    if need == "administrator":
        return is_administrator(job.user)
    if need == "reviewer":
        return is_reviewer(job.user)
    return job.commune_id is not None and can_touch(job.user, job.commune_id)


def _run_import(job: Job, function) -> None:
    skip = bool(job.params.get("skip_existing"))
    with progress.reporting(job.pk) as reporter:
        try:
            if not job.total:  # a file too big to count in the request
                job.total = max(rows_in(bytes(job.data)) - 1, 0)
                job.save(update_fields=["total"])
            outcome = function(
                bytes(job.data),
                user=job.user,
                commune=job.commune,
                params=job.params.get("args", {}),
                skip_existing=skip,
            )
        except ImportNeedsChoice as exc:
            _counts(job, reporter, written=0)
            _finish(job, State.NEEDS_CHOICE, preview=exc.preview.as_json(), keep_data=True)
            return
        except ImportRejected as exc:
            _counts(job, reporter, written=0)
            _finish(job, State.REFUSED, errors=[str(e) for e in exc.errors])
            return
        except ValidationError as exc:
            _counts(job, reporter, written=0)
            _finish(job, State.REFUSED, errors=exc.messages)
            return
        except (Http404, PermissionDenied):  # the record left the user's scope meanwhile
            _finish(job, State.REFUSED, message=NOT_ALLOWED)
            return
    _counts(job, reporter, written=outcome.created)
    _finish(job, State.DONE, message=imported(outcome, job.params.get("what", "dòng")))


def _counts(job, reporter, *, written):
    job.rows_read = reporter.counts["rows_read"]
    # every row read was checked once the import has answered, whatever it checked row by row
    job.rows_checked = max(reporter.counts["rows_checked"], job.rows_read)
    job.rows_written = written
    job.total = max(job.total, job.rows_read)


def _finish(job, state, *, message="", errors=(), preview=None, keep_data=False):
    job.state = state
    job.message = message or job.message
    job.errors = list(errors)
    job.preview = preview
    if not keep_data:
        job.data = None
    job.finished_at = None if state == State.NEEDS_CHOICE else timezone.now()
    job.save()


def preview_of(job: Job) -> Preview | None:
    return Preview.from_json(job.preview) if job.preview else None
