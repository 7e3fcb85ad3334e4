"""Staff pages of the counts declared without a named list: the year's counts of a
commune against its named lists (staff and reviewers), the form of one title (a line per
village, two numbers each: phone-friendly), and the Excel import of the same counts."""

from functools import partial

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from khuyenhoc.areas.models import Village
from khuyenhoc.areas.reform import REFORM_YEAR
from khuyenhoc.core.access.scope import get_commune_or_404, is_reviewer
from khuyenhoc.core.web import params
from khuyenhoc.core.web.downloads import xlsx_response
from khuyenhoc.core.web.forms import PlainTextMixin
from khuyenhoc.imports.views import SheetImport, import_page
from khuyenhoc.submissions.once import submits_once

from . import declared, declared_services
from .declared_services import Count
from .metrics import TITLES
from .models import DECLARABLE, DeclaredCount
from .views import requested_year, year_choices

NUMBER = forms.NumberInput(attrs={"inputmode": "numeric", "min": "0", "class": "count"})


def _active_villages(commune) -> dict[int, str]:
    return dict(
        Village.objects.filter(commune=commune, is_active=True)
        .order_by("name")
        .values_list("pk", "name")
    )


@login_required
def overview(request, code):
    commune = get_commune_or_404(request.user, code)
    year = requested_year(request)
    blocks = declared.comparison(commune=commune, year=year, villages=_active_villages(commune))
    return render(
        request,
        "titles/declared.html",
        {
            "commune": commune,
            "year": year,
            "years": [y for y in year_choices() if y >= REFORM_YEAR],
            "blocks": blocks,
            "is_reviewer": is_reviewer(request.user),
            "rule": declared.RULE,
        },
    )


class CountsForm(PlainTextMixin, forms.Form):
    """Two numbers per village; both empty removes the village's count."""

    def __init__(self, *args, villages: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.villages = villages
        for pk, name in villages.items():
            for stage, label in (("reg", "Đăng ký"), ("rec", "Được công nhận")):
                self.fields[f"{stage}_{pk}"] = forms.IntegerField(
                    label=f"{label} ({name})",
                    required=False,
                    min_value=0,
                    max_value=10_000_000,
                    widget=NUMBER,
                    error_messages={
                        "invalid": "Hãy nhập số nguyên.",
                        "min_value": "Số không được âm.",
                        "max_value": "Số quá lớn.",
                    },
                )

    def lines(self):
        """(village name, its registered field, its recognised field) for the template."""
        return [(name, self[f"reg_{pk}"], self[f"rec_{pk}"]) for pk, name in self.villages.items()]

    def clean(self):
        data = super().clean()
        for pk in self.villages:
            registered, recognised = data.get(f"reg_{pk}"), data.get(f"rec_{pk}")
            if (registered is None) != (recognised is None) and not self.has_error(f"reg_{pk}"):
                self.add_error(
                    f"rec_{pk}" if recognised is None else f"reg_{pk}",
                    "Cần cả số đăng ký và số được công nhận (để trống cả hai nếu không khai báo).",
                )
        return data

    def counts(self) -> dict[int, Count | None]:
        data = self.cleaned_data
        result = {}
        for pk in self.villages:
            registered, recognised = data.get(f"reg_{pk}"), data.get(f"rec_{pk}")
            result[pk] = None if registered is None else Count(registered, recognised)
        return result


def _title_or_404(title):
    if title not in DECLARABLE:
        raise Http404("Danh hiệu này không khai báo theo số lượng.")


@login_required
def edit(request, code, year, title):
    commune = get_commune_or_404(request.user, code)
    _title_or_404(title)
    params.url_year(year)
    villages = _active_villages(commune)
    stored = DeclaredCount.objects.filter(commune=commune, year=year, title=title)
    initial = {}
    for row in stored:
        initial[f"reg_{row.village_id}"] = row.registered
        initial[f"rec_{row.village_id}"] = row.recognised
    form = CountsForm(request.POST or None, villages=villages, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = declared_services.declared_counts_save(
                user=request.user, commune=commune, year=year, title=title, counts=form.counts()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                f"Đã lưu số lượng {TITLES[title][0]} năm {year}: {changed} thôn thay đổi.",
            )
            return redirect(f"{_overview_url(commune)}?nam={year}")
    context = {
        "commune": commune,
        "year": year,
        "title": title,
        "title_name": TITLES[title][0],
        "form": form,
    }
    return render(request, "titles/declared_form.html", context)


def _overview_url(commune):
    return reverse("titles:declared", args=[commune.code])


def run_import(data, *, user, commune, year, skip_existing):
    return declared_services.declared_counts_import(
        user=user, commune=commune, year=year, data=data, skip_existing=skip_existing
    )


@login_required
@submits_once
def import_counts(request, code, year):
    commune = get_commune_or_404(request.user, code)
    params.url_year(year)
    spec = SheetImport(
        kind="declared-counts",
        run=partial(run_import, user=request.user, commune=commune, year=year),
        template="titles/declared_import.html",
        context={"commune": commune, "year": year},
        done=f"{_overview_url(commune)}?nam={year}",
        what="thôn có số lượng",
    )
    return import_page(request, spec)


@login_required
def import_template(request, code, year):
    commune = get_commune_or_404(request.user, code)
    params.url_year(year)
    headers = list(declared_services.sheet_headers().values())
    blank = [""] * (len(headers) - 1)
    rows = [[name, *blank] for name in _active_villages(commune).values()]
    return xlsx_response(f"so-luong-{year}.xlsx", [(f"Số lượng {year}", headers, rows)])
