"""Staff pages for the villages (thôn, bản, tổ dân phố) of a commune."""

from functools import partial

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from khuyenhoc.core.access.scope import get_commune_or_404
from khuyenhoc.core.web.downloads import xlsx_response
from khuyenhoc.core.web.forms import PlainTextMixin
from khuyenhoc.imports.views import SheetImport, import_page
from khuyenhoc.jobs.registry import registers
from khuyenhoc.jobs.services import Background
from khuyenhoc.submissions.once import submits_once

from . import services
from .forms import VillageForm
from .models import Village


class MergeForm(PlainTextMixin, forms.Form):
    target = forms.ModelChoiceField(
        queryset=Village.objects.none(),
        label="Gộp vào",
        error_messages={"required": "Hãy chọn thôn, bản nhận sáp nhập."},
    )


def _village(request, code, pk):
    commune = get_commune_or_404(request.user, code)
    return commune, get_object_or_404(Village, pk=pk, commune=commune)


@login_required
@submits_once
def village_create(request, code):
    commune = get_commune_or_404(request.user, code)
    form = VillageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.village_create(
                user=request.user,
                commune=commune,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã thêm thôn, bản, tổ dân phố.")
            return redirect("areas:commune", code=commune.code)
    return render(
        request, "areas/village_form.html", {"commune": commune, "form": form, "adding": True}
    )


@login_required
def village_edit(request, code, pk):
    commune, village = _village(request, code, pk)
    form = VillageForm(request.POST or None, instance=village)
    if request.method == "POST" and form.is_valid():
        try:
            services.village_rename(
                user=request.user,
                village=village,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã lưu thôn, bản, tổ dân phố.")
            return redirect("areas:commune", code=commune.code)
    return render(
        request, "areas/village_form.html", {"commune": commune, "form": form, "village": village}
    )


@login_required
def village_merge(request, code, pk):
    commune, village = _village(request, code, pk)
    form = MergeForm(request.POST or None)
    form.fields["target"].queryset = commune.villages.filter(is_active=True).exclude(pk=village.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.village_merge(
                user=request.user, source=village, target=form.cleaned_data["target"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, f"Đã gộp {village.name} vào {form.cleaned_data['target'].name}."
            )
            return redirect("areas:commune", code=commune.code)
    return render(
        request, "areas/village_merge.html", {"commune": commune, "form": form, "village": village}
    )


@registers("villages")
def run_import(data, *, user, commune, params, skip_existing):
    """The import, whether the page runs it or a background job does."""
    return services.villages_import(
        user=user, commune=commune, data=data, skip_existing=skip_existing
    )


@login_required
@submits_once
def village_import(request, code):
    commune = get_commune_or_404(request.user, code)
    what = "thôn, bản, tổ dân phố"
    spec = SheetImport(
        kind="villages",
        run=partial(run_import, user=request.user, commune=commune, params={}),
        template="areas/village_import.html",
        context={"commune": commune},
        done=reverse("areas:commune", kwargs={"code": commune.code}),
        what=what,
        background=Background(
            kind="villages", commune=commune, label=f"Nhập {what} từ Excel", what=what
        ),
    )
    return import_page(request, spec)


@login_required
def village_template(request, code):
    get_commune_or_404(request.user, code)
    headers = list(services.VILLAGE_HEADERS.values())
    examples = [["Bản Mòng", "Bản"], ["Tổ dân phố 1", "Tổ dân phố"]]
    return xlsx_response("mau-thon-ban.xlsx", [("Thôn bản", headers, examples)])
