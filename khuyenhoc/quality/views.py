"""Reviewer pages: the rules broken per commune, who has reported and who is late, and a
reminder sent to a commune's inbox."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from khuyenhoc.core import registry
from khuyenhoc.core.access.scope import communes_for, is_reviewer, reviewer_action
from khuyenhoc.core.web import params

from . import completeness, rules, selectors, services
from .models import Reminder


def _reviewer_or_404(user):
    if not is_reviewer(user):
        raise Http404("Trang dành cho cán bộ Hội tỉnh.")


def _year(request):
    return params.query_year(request, default=timezone.localdate().year, strict=True)


def _communes(user):
    return list(communes_for(user).order_by("name").values_list("code", "name"))


@login_required
def violations(request):
    _reviewer_or_404(request.user)
    year = _year(request)
    found = rules.province_violations(year=year, communes=_communes(request.user))
    by_commune: dict[int, dict] = {}
    for violation in found:
        entry = by_commune.setdefault(
            violation.commune_code,
            {"code": violation.commune_code, "name": violation.commune_name, "items": []},
        )
        entry["items"].append(violation)
    groups = sorted(
        by_commune.values(), key=lambda g: (-sum(v.blocks for v in g["items"]), g["name"])
    )
    return render(
        request,
        "quality/violations.html",
        {
            "year": year,
            "groups": groups,
            "blocking": sum(1 for v in found if v.blocks),
            "warnings": sum(1 for v in found if not v.blocks),
        },
    )


@login_required
def completeness_page(request):
    _reviewer_or_404(request.user)
    year = _year(request)
    due_on = selectors.deadline(year)
    title = request.GET.get("danhhieu", "")
    every = completeness.every_title()
    titles = [title] if title in every else every
    rows = completeness.table(
        year=year, communes=_communes(request.user), due_on=due_on, titles=titles
    )
    return render(
        request,
        "quality/completeness.html",
        {
            "year": year,
            "due_on": due_on,
            "title": title if title in every else "",
            "title_choices": [(i.title, i.label) for i in registry.titles()],
            "summary": completeness.by_title(rows, titles),
            "rows": sorted(rows, key=lambda r: (not r["behind"], r["name"])),
            "behind_count": sum(1 for row in rows if row["behind"]),
            "reported_count": sum(1 for row in rows if row["reported"]),
            "unit_count": len(rows),
        },
    )


@login_required
@reviewer_action
@require_POST
def remind(request, code, year):
    _reviewer_or_404(request.user)
    params.url_year(year)
    commune = communes_for(request.user).filter(code=code).first()
    if commune is None:
        raise Http404("Không tìm thấy xã, phường này.")
    try:
        services.reminder_send(
            user=request.user, commune=commune, year=year, text=request.POST.get("noi_dung")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Đã gửi lời nhắc tới {commune.name}.")
    return redirect(f"{reverse('quality:completeness')}?nam={year}")


@login_required
@require_POST
def reminder_read(request, pk):
    reminder = Reminder.objects.for_user(request.user).filter(pk=pk).first()
    if reminder is None:
        raise Http404("Không tìm thấy lời nhắc này.")
    try:
        services.reminder_read(user=request.user, reminder=reminder)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("areas:staff_home")
