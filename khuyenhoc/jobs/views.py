"""The job's page: its progress while it runs (the page reloads itself, no script
needed), then its result, which stays: the outcome, the per-row errors, the preview
and choice of an import that found rows already there, or the file it made."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from khuyenhoc.core.access.scope import is_administrator
from khuyenhoc.core.web.downloads import file_response
from khuyenhoc.submissions.once import submits_once
from khuyenhoc.submissions.previews import CHOICE, SKIP, STOP

from .backup import BACKUP
from .models import Job
from .runner import preview_of
from .services import job_choose, job_start

REFRESH_SECONDS = 2
BACKUP_EXPLAINED = (
    "Bản sao lưu chạy nền, giống «make backup»; tệp được giữ trên máy chủ (thư mục backups/), "
    "không tải về qua trang web vì chứa dữ liệu cá nhân."
)


def _job_or_404(user, pk) -> Job:
    return get_object_or_404(Job.objects.for_user(user).defer("data", "output"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, pk):
    job = _job_or_404(request.user, pk)
    if request.method == "POST" and request.POST.get(CHOICE) in (SKIP, STOP):
        job_choose(user=request.user, job=job, skip=request.POST[CHOICE] == SKIP)
        return redirect("jobs:detail", pk=job.pk)
    context = {
        "job": job,
        "refresh": None if job.finished or job.state == Job.State.NEEDS_CHOICE else REFRESH_SECONDS,
        "preview": preview_of(job),
        "may_choose": job.user_id == request.user.pk,
    }
    return render(request, "jobs/detail.html", context)


@login_required
@submits_once
def backup_start(request):
    """An administrator starts a database backup; others do not see the page."""
    if not is_administrator(request.user):
        raise Http404
    if request.method == "POST":
        job = job_start(
            user=request.user, kind=BACKUP, label="Sao lưu cơ sở dữ liệu", needs="administrator"
        )
        return redirect("jobs:detail", pk=job.pk)
    context = {
        "heading": "Sao lưu cơ sở dữ liệu",
        "explanation": BACKUP_EXPLAINED,
        "button": "Sao lưu ngay",
        "recent": Job.objects.filter(kind=BACKUP)[:10],
    }
    return render(request, "jobs/start.html", context)


@login_required
def download(request, pk):
    job = get_object_or_404(
        Job.objects.for_user(request.user).filter(state=Job.State.DONE, output__isnull=False),
        pk=pk,
    )
    return file_response(job.output_name, job.output)
