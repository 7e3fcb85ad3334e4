"""Staff pages of the branches (chi hội, Ban khuyến học) of a commune."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone

from khuyenhoc.core.access.scope import get_commune_or_404
from khuyenhoc.submissions.once import submits_once

from . import selectors, services
from .forms import BranchForm, DissolveForm, add_service_errors
from .models import Branch


@login_required
def branch_list(request, code):
    commune = get_commune_or_404(request.user, code)
    branches = (
        Branch.objects.for_user(request.user)
        .filter(commune=commune)
        .select_related("village")
        .annotate(active_members=Count("members", filter=Q(members__left_on__isnull=True)))
        .order_by("dissolved_on", "kind", "name")
    )
    return render(request, "members/branch_list.html", {"commune": commune, "branches": branches})


@login_required
@submits_once
def branch_create(request, code):
    commune = get_commune_or_404(request.user, code)
    form = BranchForm(request.POST or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        try:
            services.branch_create(user=request.user, commune=commune, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Đã thêm {form.cleaned_data['name']}.")
            return redirect("members:branches", code=commune.code)
    return render(
        request, "members/branch_form.html", {"commune": commune, "form": form, "branch": None}
    )


@login_required
def branch_edit(request, code, pk):
    commune = get_commune_or_404(request.user, code)
    branch = selectors.branch_or_404(request.user, commune, pk)
    initial = {"kind": branch.kind, "name": branch.name, "village": branch.village_id}
    initial["founded_on"] = branch.founded_on
    form = BranchForm(request.POST or None, commune=commune, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.branch_update(user=request.user, branch=branch, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Đã lưu {branch.name}.")
            return redirect("members:branches", code=commune.code)
    return render(
        request, "members/branch_form.html", {"commune": commune, "form": form, "branch": branch}
    )


@login_required
def branch_dissolve(request, code, pk):
    commune = get_commune_or_404(request.user, code)
    branch = selectors.branch_or_404(request.user, commune, pk)
    form = DissolveForm(request.POST or None, initial={"dissolved_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.branch_dissolve(
                user=request.user, branch=branch, dissolved_on=form.cleaned_data["dissolved_on"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Đã ghi giải thể {branch.name}.")
            return redirect("members:branches", code=commune.code)
    return render(
        request,
        "members/branch_dissolve.html",
        {"commune": commune, "form": form, "branch": branch},
    )
