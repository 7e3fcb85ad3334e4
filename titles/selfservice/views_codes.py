"""Staff pages of registration codes: issue a village's sheet, print it, revoke a slip."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from khuyenhoc.core.access.scope import get_commune_or_404
from khuyenhoc.core.web import params
from khuyenhoc.submissions.once import submits_once

from ..models import HouseholdCode
from . import codes, services
from .forms import CodesForm

SHEET = "selfservice_sheet"  # the session's copy of the last codes issued, to print


@login_required
@submits_once
def codes_page(request, code):
    commune = get_commune_or_404(request.user, code)
    form = CodesForm(request.POST or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.codes_issue(
                user=request.user,
                commune=commune,
                village=form.cleaned_data["village"],
                count=form.cleaned_data["count"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            # The codes exist nowhere else in clear: the sheet is printed from the
            # session, which expires with the staff member's (SESSION_COOKIE_AGE).
            request.session[SHEET] = {
                "commune": commune.code,
                "slips": [(row.number, row.village.name, codes.shown(c)) for row, c in issued],
            }
            return redirect("titles:self_codes_sheet", code=commune.code)
    issued = HouseholdCode.objects.filter(commune=commune).select_related("village", "household")
    page = Paginator(issued, 50).get_page(params.query_page(request))
    return render(
        request,
        "titles/selfservice/codes.html",
        {"commune": commune, "form": form, "page": page},
    )


@login_required
def codes_sheet(request, code):
    """The A4 sheet of the codes just issued: cut into slips, one per household."""
    commune = get_commune_or_404(request.user, code)
    sheet = request.session.get(SHEET) or {}
    slips = sheet.get("slips", []) if sheet.get("commune") == commune.code else []
    address = request.build_absolute_uri(reverse("selfservice:commune", args=[commune.code]))
    return render(
        request,
        "titles/selfservice/sheet.html",
        {"commune": commune, "slips": slips, "address": address},
    )


@login_required
@require_POST
def code_revoke(request, pk):
    row = get_object_or_404(HouseholdCode.objects.for_user(request.user), pk=pk)
    try:
        services.code_revoke(user=request.user, code=row)
        messages.success(request, f"Đã thu hồi {row}.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("titles:self_codes", code=row.commune_id)
