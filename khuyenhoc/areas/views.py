from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from khuyenhoc.core.access.scope import communes_for, get_commune_or_404, is_reviewer
from khuyenhoc.core.web import params

from . import services
from .forms import DenominatorForm
from .models import Denominator


def current_year() -> int:
    return timezone.localdate().year


def commune_links(commune) -> list[tuple[str, str]]:
    """Links to each app's pages for a commune. An app lists them on its AppConfig as
    `commune_links = [("Hội viên", "members:list"), …]` (URL names taking the commune
    code), so this app never imports its dependants."""
    links = []
    for config in apps.get_app_configs():
        for label, url_name in getattr(config, "commune_links", ()):
            links.append((label, reverse(url_name, args=[commune.code])))
    return links


def province_links(user) -> list[tuple[str, str]]:
    """Links to each app's pages across communes, listed on its AppConfig as
    `province_links = [(label, URL name, for reviewers only), …]`; instead of True or
    False, the third item may be a function of the user that says who sees the link."""
    reviewer = is_reviewer(user)
    return [
        (label, reverse(url_name))
        for config in apps.get_app_configs()
        for label, url_name, reviewers_only in getattr(config, "province_links", ())
        if (reviewers_only(user) if callable(reviewers_only) else reviewer or not reviewers_only)
    ]


def inbox(user, communes) -> list[dict]:
    """What to do now: each app lists its items on its AppConfig as `inbox = "module.function"`,
    a function (user, communes) → [{kind, text, when, url or read_url}], so this app
    imports none of them. Dated items first, newest first."""
    items = []
    for config in apps.get_app_configs():
        path = getattr(config, "inbox", None)
        if path:
            items += import_string(path)(user=user, communes=communes)
    dated = sorted((i for i in items if i["when"]), key=lambda i: i["when"], reverse=True)
    return dated + [i for i in items if not i["when"]]


@login_required
def staff_home(request):
    year = current_year()
    communes = list(communes_for(request.user).order_by("name"))
    filled = {
        d.commune_id: d
        for d in Denominator.objects.filter(commune__in=[c.code for c in communes], year=year)
    }
    rows = [(c, filled.get(c.code), commune_links(c)) for c in communes]
    return render(
        request,
        "areas/staff_home.html",
        {
            "rows": rows,
            "year": year,
            "province_links": province_links(request.user),
            "inbox": inbox(request.user, communes),
        },
    )


@login_required
def commune_detail(request, code):
    commune = get_commune_or_404(request.user, code)
    year = current_year()
    denominators = list(commune.denominators.order_by("-year"))
    villages = commune.villages.order_by("-is_active", "name")
    return render(
        request,
        "areas/commune_detail.html",
        {
            "commune": commune,
            "year": year,
            "denominators": denominators,
            "villages": villages,
            "links": commune_links(commune),
        },
    )


@login_required
def denominator_edit(request, code, year):
    commune = get_commune_or_404(request.user, code)
    params.url_year(year)
    instance = Denominator.objects.filter(commune=commune, year=year).first() or Denominator(
        commune=commune, year=year
    )
    form = DenominatorForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.denominator_save(
                user=request.user, commune=commune, year=year, values=form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Đã lưu số liệu nền năm {year} của {commune.name}.")
            for warning in row.warnings:
                messages.warning(request, warning)
            return redirect("areas:commune", code=commune.code)
    return render(
        request, "areas/denominator_form.html", {"commune": commune, "year": year, "form": form}
    )
