"""Staff pages for the years before the reform (/quan-ly/nam-cu/): the old communes a
user may read for a year, the form of one old commune's figures, and the Excel import.
Every write goes through khuyenhoc.areas.past_years."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from khuyenhoc.core.numbers import number
from khuyenhoc.core.web import params
from khuyenhoc.core.web.downloads import xlsx_response
from khuyenhoc.imports.views import SheetImport, import_page
from khuyenhoc.submissions.once import submits_once

from . import past_years, past_years_import
from .forms import LegacyReportForm
from .legacy_fields import DENOMINATORS, FIELDS, PUBLISHED_TITLES, title_field
from .models import LegacyReport
from .reform import REFORM_YEAR


def _year(year):
    return params.url_year(year, last=REFORM_YEAR - 1)


def _years():
    return list(range(REFORM_YEAR - 1, params.FIRST_YEAR - 1, -1))


MISSING_SHOWN = 12


def _progress(user, years) -> tuple[list[dict], bool]:
    """Per year, the old communes the user may write (or read, when none) that have a
    report and those still missing, by name: two queries."""
    writable = past_years.legacy_communes_writable_by(user)
    olds = list(writable.order_by("name").values_list("pk", "name"))
    can_write = bool(olds)
    if not can_write:
        olds = list(past_years.legacy_communes_for(user).order_by("name").values_list("pk", "name"))
    entered: dict[int, set[int]] = {}
    for year, code in LegacyReport.objects.filter(
        legacy_commune__in=[pk for pk, _name in olds], year__in=years
    ).values_list("year", "legacy_commune_id"):
        entered.setdefault(year, set()).add(code)
    rows = []
    for year in years:
        done = entered.get(year, set())
        missing = [name for pk, name in olds if pk not in done]
        rows.append(
            {
                "year": year,
                "entered": len(done),
                "total": len(olds),
                "missing": missing[:MISSING_SHOWN] if done else [],
                "more": max(len(missing) - MISSING_SHOWN, 0) if done else 0,
            }
        )
    return rows, can_write


@login_required
def legacy_home(request):
    rows, can_write = _progress(request.user, _years())
    context = {"rows": rows, "can_write": can_write}
    return render(request, "areas/past_home.html", context)


@login_required
def legacy_year(request, legacy_year):
    year = legacy_year
    _year(year)
    olds = past_years.legacy_communes_for(request.user).select_related("district")
    writable = set(
        past_years.legacy_communes_writable_by(request.user).values_list("pk", flat=True)
    )
    entered = {
        r.legacy_commune_id: r
        for r in LegacyReport.objects.filter(legacy_commune__in=olds, year=year)
    }
    districts: dict[int, dict] = {}
    for old in olds.order_by("district__name", "name"):
        district = districts.setdefault(
            old.district_id, {"name": old.district.name, "communes": [], "entered": 0}
        )
        report = entered.get(old.pk)
        district["communes"].append({"old": old, "report": report, "writable": old.pk in writable})
        district["entered"] += report is not None
    context = {
        "year": year,
        "years": _years(),
        "districts": list(districts.values()),
        "can_write": bool(writable),
    }
    return render(request, "areas/past_year.html", context)


def _sections(form):
    """The form's fields as the template lays them out: denominators, then per title a
    pair (registered, recognised)."""
    return {
        "denominators": [form[name] for name in DENOMINATORS],
        "titles": [
            (label, form[title_field(t, "registered")], form[title_field(t, "recognised")])
            for t, (label, _denominator) in PUBLISHED_TITLES.items()
        ],
    }


@login_required
def legacy_report(request, legacy_year, old):
    year = legacy_year
    code = old
    _year(year)
    old = past_years.legacy_communes_for(request.user).select_related("district").filter(pk=code)
    old = old.first()
    if old is None:
        raise Http404("Không tìm thấy xã cũ này trong phạm vi của bạn.")
    writable = past_years.legacy_communes_writable_by(request.user).filter(pk=code).exists()
    instance = LegacyReport.objects.filter(legacy_commune=old, year=year).first()
    form = LegacyReportForm(
        request.POST if request.method == "POST" else None,
        instance=instance or LegacyReport(legacy_commune=old, year=year),
    )
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in FIELDS}
        try:
            past_years.legacy_reports_save(user=request.user, year=year, reports={old.pk: values})
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, f"Đã lưu số liệu năm {year} của {old.name}.")
            return redirect("areas:legacy_year", legacy_year=year)
    if not writable:
        for field in form.fields.values():
            field.disabled = True
    context = {"year": year, "old": old, "form": form, "writable": writable, **_sections(form)}
    return render(request, "areas/past_report.html", context)


def _picks(post) -> dict[int, int]:
    """{row: old commune code} chosen on the preview for names several communes share."""
    picks = {}
    for key, value in post.items():
        row = params.whole(key.removeprefix("xa-")) if key.startswith("xa-") else None
        code = params.whole(value)
        if row is not None and code is not None:
            picks[row] = code
    return picks


def run_import(data, *, user, year, picks, skip_existing):
    """The preview's "confirm" (steps' skip_existing) writes the sheet: new rows and
    changed ones; rows the same as stored are left as they are."""
    return past_years_import.legacy_reports_import(
        user=user, year=year, data=data, confirmed=skip_existing, picks=picks
    )


@login_required
@submits_once
def legacy_import(request, legacy_year):
    year = legacy_year
    _year(year)
    spec = SheetImport(
        kind="legacy-reports",
        run=partial(run_import, user=request.user, year=year, picks=_picks(request.POST)),
        template="areas/past_import.html",  # names several old communes share: held.preview
        context={"year": year},
        done=reverse("areas:legacy_year", kwargs={"legacy_year": year}),
        message=lambda o: (
            f"Đã ghi số liệu năm {year}: {number(o.created)} xã cũ mới, "
            f"{number(o.updated)} xã cũ thay số liệu, {number(o.skipped)} dòng giống hệt."
        ),
    )
    return import_page(request, spec)


@login_required
def legacy_template(request, legacy_year):
    year = legacy_year
    _year(year)
    olds = (
        past_years.legacy_communes_writable_by(request.user)
        .order_by("district__name", "name")
        .values_list("code", "name", "district__name")
    )
    headers = list(past_years_import.HEADERS.values())
    sheet = (f"Năm {year}", headers, past_years_import.template_rows(olds))
    return xlsx_response(f"so-lieu-xa-cu-{year}.xlsx", [sheet])
