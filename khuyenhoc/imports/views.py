"""The one import page of every app: a sheet uploaded (read through the one reader that
stops at the size limit; khuyenhoc.core.sheets.xlsx_guard caps rows, columns and cells
when the service reads it), written at once when every row is new, or held and shown
as a preview, then the choice made on the preview (skip the rows already there, or
stop); a refused sheet shows its Vietnamese errors row by row and writes nothing; a big
sheet runs as a background job whose page shows its progress.

An app describes its import with a SheetImport (its service, its page, where to go
after writing) and its view, @submits_once and scoped through khuyenhoc.core.access,
returns import_page(request, SheetImport(...)). import_step() is the same without the
page, for a view that renders on its own."""

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from khuyenhoc.core.sheets import spreadsheets
from khuyenhoc.core.sheets.spreadsheets import ImportRejected
from khuyenhoc.core.web.forms import PlainTextMixin
from khuyenhoc.jobs.services import import_job_start
from khuyenhoc.submissions.models import KEPT_FOR, HeldUpload, purge_expired
from khuyenhoc.submissions.previews import (
    CHOICE,
    SKIP,
    STOP,
    ImportNeedsChoice,
    ImportOutcome,
    Preview,
    imported,
)

HELD = "tep"  # the held upload's key, in the preview's address and its form
GONE = "Tệp đã tải lên không còn được giữ (quá một ngày hoặc đã xử lý xong): hãy tải lên lại."
STOPPED = "Đã dừng: không ghi dòng nào."
COUNTED_IN_REQUEST = 256 * 1024  # bytes; a sheet of 2.000 rows is about 60 KB


class SheetForm(PlainTextMixin, forms.Form):
    """The upload form of every import page."""

    file = forms.FileField(
        label="Tệp Excel (.xlsx)",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        error_messages={"required": "Hãy chọn tệp Excel.", "empty": "Tệp rỗng."},
    )

    def __init__(self, *args, field="file", **kwargs):
        super().__init__(*args, **kwargs)
        if field != "file":
            self.fields[field] = self.fields.pop("file")


@dataclass
class SheetImport:
    """One app's import: `run(data, skip_existing=…)` calls its service (see
    import_step); `template` shows `context` with the form, the errors and the preview
    (templates/includes/import_errors.html, import_preview.html); after writing the page
    says `message(outcome)` (by default «Đã nhập 3 <what>.») and any warnings of the
    outcome, and leads to `done`. With `background` a big sheet runs as a job."""

    kind: str
    run: Callable
    template: str
    done: str
    context: dict = field(default_factory=dict)
    what: str = "dòng"
    message: Callable | None = None
    background: object = None  # khuyenhoc.jobs.services.Background
    field: str = "file"  # the name the form posts the file under


def import_page(request, spec: SheetImport) -> HttpResponse:
    form = SheetForm(request.POST or None, request.FILES or None, field=spec.field)
    step = import_step(
        request,
        kind=spec.kind,
        form=form,
        run=spec.run,
        read=uploaded(spec.field),
        background=spec.background,
    )
    if step.response:
        return step.response
    if step.outcome:
        said = spec.message(step.outcome) if spec.message else imported(step.outcome, spec.what)
        messages.success(request, said)
        for warning in getattr(step.outcome, "warnings", ()):
            messages.warning(request, warning)
        return redirect(spec.done)
    return render(request, spec.template, {**spec.context, "form": form, **step.context})


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
