"""Commune staff pages for the Excel lists: blank and pre-filled sheets to download, and
the uploads of registration lists and of evaluation scores."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import reverse

from khuyenhoc.core.sheets.spreadsheets import ImportRejected
from khuyenhoc.core.web.downloads import file_response, xlsx_response
from khuyenhoc.imports.views import SheetImport, import_page
from khuyenhoc.jobs.registry import registers
from khuyenhoc.jobs.services import Background
from khuyenhoc.submissions.once import submits_once

from . import exports, imports, score_imports
from .metrics import TITLES
from .models import CriteriaSet
from .selectors import commune_and_title
from .views import back_to_list, searched_list


@registers("titles-registrations_import")
def run_registrations(data, *, user, commune, params, skip_existing):
    """The import, whether the page runs it or a background job does."""
    skip = {"skip_existing": True} if skip_existing else {}
    return imports.registrations_import(user=user, commune=commune, data=data, **params, **skip)


@registers("titles-scores_import")
def run_scores(data, *, user, commune, params, skip_existing):
    return score_imports.scores_import(user=user, commune=commune, data=data, **params)


RUNNERS = {imports.registrations_import: run_registrations, score_imports.scores_import: run_scores}


def _import(request, code, year, title, run, heading, columns, template_url=None, guide=()):
    commune = commune_and_title(request.user, code, title, year)
    kind = f"titles-{run.__name__}"
    args = {"year": year, "title": title}
    spec = SheetImport(
        kind=kind,
        run=partial(RUNNERS[run], user=request.user, commune=commune, params=args),
        template="titles/import.html",
        context={
            "commune": commune,
            "year": year,
            "title": title,
            "title_name": TITLES[title][0],
            "heading": heading,
            "columns": columns,
            "template_url": template_url,
            "guide": guide,
        },
        done=back_to_list(commune, year, title).url,
        background=Background(
            kind=kind, commune=commune, label=f"{heading} · {TITLES[title][0]} {year}", args=args
        ),
    )
    return import_page(request, spec)


@login_required
@submits_once
def import_registrations(request, code, year, title):
    columns = list(imports.REGISTRATION_HEADERS.get(title, {}).values())
    template_url = reverse("titles:import_template", args=[code, year, title])
    return _import(
        request,
        code,
        year,
        title,
        imports.registrations_import,
        "Nhập danh sách đăng ký",
        columns,
        template_url if columns else None,
    )


@login_required
def import_template(request, code, year, title):
    commune_and_title(request.user, code, title, year)
    headers = list(imports.REGISTRATION_HEADERS.get(title, {}).values())
    if not headers:
        raise Http404("Danh hiệu này không nhập danh sách từ Excel.")
    return xlsx_response(f"dang-ky-{title}-{year}.xlsx", [("Danh sách đăng ký", headers, [])])


@login_required
@submits_once
def import_scores(request, code, year, title):
    criteria_set = CriteriaSet.objects.in_force(title=title, year=year)
    indicators = list(criteria_set.indicators()) if criteria_set else []
    return _import(
        request,
        code,
        year,
        title,
        score_imports.scores_import,
        "Nhập điểm đánh giá",
        [score_imports.SCORE_ID, *(criteria_set.codes() if criteria_set else [])],
        reverse("titles:scores_template", args=[code, year, title]),
        guide=indicators,
    )


@login_required
def scores_template(request, code, year, title):
    """The list's registrations still to be scored, as the sheet the scores upload reads."""
    commune = commune_and_title(request.user, code, title, year)
    try:
        data = score_imports.scores_workbook(commune=commune, year=year, title=title)
    except ImportRejected as exc:
        raise Http404(str(exc)) from exc
    return file_response(f"bang-diem-{title}-{year}-{commune.code}.xlsx", data)


@login_required
def export_list(request, code, year, title):
    """The list as the page shows it under its search, every page of it, in Excel."""
    commune = commune_and_title(request.user, code, title, year)
    _, _, entries = searched_list(request, commune, year, title)
    data = exports.list_workbook(title, TITLES[title][0], entries)
    return file_response(f"danh-sach-{title}-{year}-{commune.code}.xlsx", data)
