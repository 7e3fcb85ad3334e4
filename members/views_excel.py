"""The Excel side of the register: template, import, export."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.urls import reverse

from khuyenhoc.core.access.scope import get_commune_or_404
from khuyenhoc.core.web.downloads import file_response
from khuyenhoc.imports.views import SheetImport, import_page
from khuyenhoc.jobs.registry import registers
from khuyenhoc.jobs.services import Background
from khuyenhoc.submissions.once import submits_once

from . import imports, selectors
from .forms import FilterForm


@login_required
def template(request, code):
    commune = get_commune_or_404(request.user, code)
    return file_response(
        f"mau-hoi-vien-{commune.code_display}.xlsx", imports.template_bytes(commune)
    )


@login_required
def export(request, code):
    commune = get_commune_or_404(request.user, code)
    form = FilterForm(request.GET or None, commune=commune)
    data = form.cleaned_data if form.is_valid() else {}
    members = selectors.filtered(selectors.members_of(request.user, commune), data)
    rows = members.select_related("branch").iterator(chunk_size=5000)
    return file_response(f"hoi-vien-{commune.code_display}.xlsx", imports.export_bytes(rows))


@registers("members")
def run_import(data, *, user, commune, params, skip_existing):
    """The import, whether the page runs it or a background job does."""
    return imports.members_import(
        user=user, commune=commune, data=data, skip_existing=skip_existing
    )


@login_required
@submits_once
def import_members(request, code):
    commune = get_commune_or_404(request.user, code)
    spec = SheetImport(
        kind="members",
        run=partial(run_import, user=request.user, commune=commune, params={}),
        template="members/import.html",
        context={"commune": commune},
        done=reverse("members:list", kwargs={"code": commune.code}),
        what="hội viên",
        background=Background(
            kind="members", commune=commune, label="Nhập hội viên từ Excel", what="hội viên"
        ),
    )
    return import_page(request, spec)
