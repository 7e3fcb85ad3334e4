"""The two steps of an import page: upload (written at once when every row is new, or
held and shown as a preview), then the choice made on the preview (skip the rows
already there, or stop). Each import page calls import_step() and renders or redirects
as it says; the page's view is @submits_once, so a choice sent twice is written once."""

import hashlib
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from khuyenhoc.core.sheets import spreadsheets
from khuyenhoc.core.sheets.spreadsheets import ImportRejected

from .models import KEPT_FOR, HeldUpload, purge_expired
from .previews import ImportNeedsChoice, ImportOutcome, Preview

HELD = "tep"  # the held upload's key, in the preview's address and its form
CHOICE = "chon"
SKIP, STOP = "bo-qua", "dung"
GONE = "Tệp đã tải lên không còn được giữ (quá một ngày hoặc đã xử lý xong): hãy tải lên lại."
STOPPED = "Đã dừng: không ghi dòng nào."
COUNTED_IN_REQUEST = 256 * 1024  # bytes; a sheet of 2.000 rows is about 60 KB


@dataclass
class Step:
    outcome: ImportOutcome | None = None  # written: the view redirects with a message
    errors: list = field(default_factory=list)  # refused: shown above the upload form
    preview: Preview | None = None  # held: the preview and its choice are shown
    held: HeldUpload | None = None
    response: HttpResponse | None = None  # to answer as is

    @property
    def context(self) -> dict:
        return {"errors": self.errors, "preview": self.preview, "held": self.held}


def import_step(request, *, kind: str, form, run, read, background=None) -> Step:
    """`run(data, skip_existing=…)` imports (ImportRejected, ValidationError or, when
    rows are already there and not skipped, ImportNeedsChoice); `read(form)` returns the
    uploaded bytes of a valid form. With `background` (khuyenhoc.jobs.services.Background,
    whose registered runner is the function `run` calls), a sheet of more than
    IMPORT_IN_BACKGROUND_ROWS rows runs as a job and the page leads to its progress."""
    key = (request.POST if request.method == "POST" else request.GET).get(HELD)
    if key:
        return _choice(request, kind, key, run)
    if request.method != "POST" or not form.is_valid():
        return Step()
    try:
        data = read(form)
        if background is not None:
            # counting rows checks the whole file (about 1 s a megabyte): a bigger file
            # goes to the job uncounted, and the job counts it
            rows = spreadsheets.rows_in(data) if len(data) <= COUNTED_IN_REQUEST else None
            if rows is None or rows > settings.IMPORT_IN_BACKGROUND_ROWS:
                return Step(response=_in_background(request, background, data, rows or 0))
        return Step(outcome=run(data, skip_existing=False))
    except ImportNeedsChoice as exc:
        held = _hold(request, kind, data, exc.preview)
        return Step(response=redirect(f"{request.path}?{HELD}={held.pk}"))
    except ImportRejected as exc:
        return Step(errors=exc.errors)
    except ValidationError as exc:
        return Step(errors=exc.messages)


def _in_background(request, background, data, rows):
    from khuyenhoc.jobs.services import import_job_start  # the jobs app imports this module

    job = import_job_start(
        user=request.user,
        background=background,
        data=data,
        total=max(rows - 1, 0),  # the header row is not a data row
        back_url=request.path,
    )
    return redirect("jobs:detail", pk=job.pk)


def uploaded(field="file"):
    """import_step's `read` for a form whose file is in `field`: through the one reader
    that stops at the size limit."""
    return lambda form: spreadsheets.read_upload(form.cleaned_data[field])


def _choice(request, kind, key, run) -> Step:
    held = _held(request, kind, key)
    if held is None:
        messages.error(request, GONE)
        return Step(response=redirect(request.path))
    preview = Preview.from_json(held.preview)
    choice = request.POST.get(CHOICE) if request.method == "POST" else None
    if choice == STOP:
        held.delete()
        messages.info(request, STOPPED)
        return Step(response=redirect(request.path))
    if choice != SKIP:
        return Step(preview=preview, held=held)
    data = bytes(held.data)
    held.delete()  # whatever comes next: a file refused now must be fixed and sent again
    if hashlib.sha256(data).hexdigest() != held.digest:
        messages.error(request, GONE)
        return Step(response=redirect(request.path))
    try:
        return Step(outcome=run(data, skip_existing=True))
    except ImportRejected as exc:  # the records changed since the preview
        return Step(errors=exc.errors)
    except ValidationError as exc:
        return Step(errors=exc.messages)


def _held(request, kind, key):
    try:
        key = uuid.UUID(str(key))
    except ValueError:
        return None
    rows = HeldUpload.objects.filter(
        pk=key,
        user=request.user,
        path=request.path[:300],
        kind=kind,
        created_at__gte=timezone.now() - KEPT_FOR,
    )
    if request.method == "POST":
        rows = rows.select_for_update()  # two choices sent at once: the second finds none
    return rows.first()


def _hold(request, kind, data, preview) -> HeldUpload:
    purge_expired()
    return HeldUpload.objects.create(
        user=request.user,
        path=request.path[:300],
        kind=kind,
        data=data,
        digest=hashlib.sha256(data).hexdigest(),
        preview=preview.as_json(),
    )
