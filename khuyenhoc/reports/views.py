"""Báo cáo năm: a commune's report for its staff, the province's for reviewers."""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from khuyenhoc.areas.models import Province
from khuyenhoc.areas.reform import is_legacy_year
from khuyenhoc.core.access.scope import get_commune_or_404, is_reviewer, reviewer_action
from khuyenhoc.core.text import fold
from khuyenhoc.core.web import params
from khuyenhoc.core.web.downloads import file_response
from khuyenhoc.figures import coverage
from khuyenhoc.figures.indicators import summarise
from khuyenhoc.jobs.registry import registers
from khuyenhoc.jobs.services import job_start
from khuyenhoc.submissions.once import submits_once

from . import exports, groups, indicators, legacy, selectors, services
from .forms import NarrativeForm

HOI_TINH = "Hội Khuyến học tỉnh (quỹ của Hội tỉnh)"
NOT_SUBMITTED, SUBMITTED, CHANGED = "chua-nop", "da-nop", "thay-doi"
STATUS_TEXT = {
    NOT_SUBMITTED: "Chưa nộp",
    SUBMITTED: "Đã nộp",
    CHANGED: "Đã nộp, số liệu thay đổi sau khi nộp",
}


def status_of(report, figures) -> str:
    if report is None or not report.is_submitted:
        return NOT_SUBMITTED
    return CHANGED if report.changed_since_submission(figures) else SUBMITTED


def _check_year(year):
    params.url_year(year, first=selectors.FIRST_YEAR, last=timezone.localdate().year)


def _commune_data(request, code, year):
    commune = get_commune_or_404(request.user, code)
    _check_year(year)
    figures = selectors.figures_of(commune.code, year)
    previous = selectors.figures_of(commune.code, year - 1)
    sections = indicators.build(figures, year, previous=previous)
    report = selectors.report_of(commune, year)
    return commune, figures, sections, report


def _headline(sections, figures, *, area):
    """The report's opening sentence, with the goods in kind by item in the association's
    words ("trao hiện vật gồm 520 ba lô, 2.000 tập giấy")."""
    return indicators.headline(sections, area=area, figures=figures)


def _file_name(*parts):
    return "-".join(fold(str(p)).replace(" ", "-") for p in parts)


@login_required
def commune_latest(request, code):
    commune = get_commune_or_404(request.user, code)
    return redirect("reports:commune", code=commune.code, year=selectors.latest_year(commune.code))


@login_required
def commune_report(request, code, year, form=None):
    commune, figures, sections, report = _commune_data(request, code, year)
    status = status_of(report, figures)
    context = {
        "commune": commune,
        "year": year,
        "years": [y for y in selectors.years_of(commune.code) if y <= timezone.localdate().year],
        "sections": sections,
        "headline": _headline(sections, figures, area=commune.kind.lower()),
        "villages_reached": coverage.villages_reached(figures),
        "has_figures": bool(figures),
        "report": report,
        "status": status,
        "status_text": STATUS_TEXT[status],
        "form": form or NarrativeForm(instance=report),
        "is_reviewer": is_reviewer(request.user),
    }
    return render(request, "reports/commune.html", context)


@login_required
@require_POST
def commune_narrative(request, code, year):
    commune = get_commune_or_404(request.user, code)
    _check_year(year)
    form = NarrativeForm(request.POST)
    if form.is_valid():
        try:
            services.report_narrative_save(
                user=request.user, commune=commune, year=year, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Đã lưu phần thuyết minh báo cáo năm {year}.")
            return redirect("reports:commune", code=commune.code, year=year)
    return commune_report(request, code, year, form=form)


@login_required
@require_POST
def commune_submit(request, code, year):
    commune = get_commune_or_404(request.user, code)
    _check_year(year)
    try:
        report = services.report_submit(user=request.user, commune=commune, year=year)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Đã nộp báo cáo năm {year} của {commune.name}.")
        for warning in report.warnings:
            messages.warning(request, warning)
    return redirect("reports:commune", code=commune.code, year=year)


@login_required
def commune_xlsx(request, code, year):
    commune, _figures, sections, report = _commune_data(request, code, year)
    name = _file_name("bao-cao", commune.name, year)
    return file_response(f"{name}.xlsx", exports.commune_bytes(sections, report))


def _require_reviewer(user):
    if not is_reviewer(user):
        raise PermissionDenied("Chỉ cán bộ Hội tỉnh xem được báo cáo toàn tỉnh.")


def _province_data(year):
    _check_year(year)
    communes = selectors.province_communes()
    figures = selectors.province_figures(year, communes)
    # the province's figures, the Hội tỉnh's own fund included (figures.selectors)
    totals = selectors.province_totals()
    total = totals.get(year, {})
    sections = indicators.build(
        total, year, previous=totals.get(year - 1, {}), communes=len(communes)
    )
    reports = selectors.reports_of_year(year)
    statuses = []
    for commune in communes:
        report = reports.get(commune.code)
        status = status_of(report, figures.get(commune.code, {}))
        statuses.append((commune, status, report))
    return communes, figures, sections, statuses, total


@login_required
def province_latest(request):
    _require_reviewer(request.user)
    return redirect("reports:province", year=selectors.latest_year())


@login_required
def province_report(request, year):
    _require_reviewer(request.user)
    if is_legacy_year(year):
        return legacy.province_report(request, year)
    communes, figures, sections, statuses, total = _province_data(year)
    counts = {key: sum(1 for _c, s, _r in statuses if s == key) for key in STATUS_TEXT}
    rows = [
        {"commune": c, "status": s, "text": STATUS_TEXT[s], "report": r} for c, s, r in statuses
    ]
    order = {CHANGED: 0, NOT_SUBMITTED: 1, SUBMITTED: 2}
    rows.sort(key=lambda r: (order[r["status"]], fold(r["commune"].name)))
    province = Province.objects.get(code=communes[0].province_id) if communes else None
    context = {
        "province": province,
        "year": year,
        "years": legacy.legacy_years()
        + [y for y in selectors.years_of() if y <= timezone.localdate().year],
        "sections": sections,
        "headline": _headline(sections, total, area="tỉnh"),
        "commune_count": len(communes),
        "reached": coverage.statements(
            coverage.every_title(figures.get(c.code, {}) for c in communes), "xã, phường"
        ),
        "rows": rows,
        "counts": [
            (key, STATUS_TEXT[key], counts[key]) for key in (SUBMITTED, CHANGED, NOT_SUBMITTED)
        ],
        "groups": groups.group_lines(year),
        "group_titles": groups.title_names(),
        "own_fund": summarise(selectors.province_association(year), year),
    }
    return render(request, "reports/province.html", context)


@login_required
def legacy_district_report(request, legacy_year, district):
    _require_reviewer(request.user)
    return legacy.district_report(request, legacy_year, district)


def province_workbook(year) -> tuple[bytes, str]:
    """The province's annual report as .xlsx, one column per commune, and its file name:
    for the download below and for the background job the report page starts."""
    communes, figures, sections, statuses, _total = _province_data(year)
    columns = [(c, indicators.build(figures.get(c.code, {}), year, communes=1)) for c in communes]
    # the Hội tỉnh's own books are in the "Toàn tỉnh" column: a column of their own, so
    # the columns add up to it
    own = selectors.province_association(year)
    if own:
        columns.append((SimpleNamespace(name=HOI_TINH), indicators.build(own, year, communes=0)))
    status_lines = [
        (
            c,
            STATUS_TEXT[s],
            timezone.localtime(r.submitted_at).strftime("%d/%m/%Y") if r and r.submitted_at else "",
        )
        for c, s, r in statuses
    ]
    lines = groups.group_lines(year)
    data = exports.province_bytes(
        sections, columns, status_lines, groups.sheet(lines) if lines else None
    )
    return data, f"{_file_name('bao-cao-tinh', year)}.xlsx"


PROVINCE_REPORT = "province-report"


@registers(PROVINCE_REPORT)
def province_report_job(*, job):
    """The province's annual report made by a background job: the job's page then offers
    the file, kept in the job's record and served only to those who may read the job."""
    job.output, job.output_name = province_workbook(job.params["args"]["year"])
    job.message = "Tệp báo cáo đã làm xong."


@login_required
def province_xlsx(request, year):
    _require_reviewer(request.user)
    data, name = province_workbook(year)
    return file_response(name, data)


@login_required
@reviewer_action
@submits_once
def province_xlsx_job(request, year):
    """Starts the report as a background job: the page answers at once and the job's
    page offers the file when it is made."""
    _require_reviewer(request.user)
    _check_year(year)
    if request.method != "POST":
        context = {
            "heading": f"Báo cáo năm {year} toàn tỉnh (.xlsx)",
            "explanation": "Tệp có mỗi xã, phường một cột; việc chạy nền, trang của việc "
            "cho tải tệp khi làm xong.",
            "button": "Tạo tệp Excel",
        }
        return render(request, "jobs/start.html", context)
    job = job_start(
        user=request.user,
        kind=PROVINCE_REPORT,
        label=f"Báo cáo năm {year} toàn tỉnh (.xlsx)",
        needs="reviewer",
        args={"year": year},
    )
    return redirect("jobs:detail", pk=job.pk)
