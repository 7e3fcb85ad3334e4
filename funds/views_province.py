"""The provincial association's own funds (Quỹ Hội tỉnh): kept by its office staff and
administrators, read by reviewers; they belong to no commune."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from khuyenhoc.core.access.scope import is_administrator, is_province_staff
from khuyenhoc.submissions.once import submits_once
from members.models import Branch

from . import ledger, services
from .apps import keeps_province_funds
from .forms import FundForm
from .models import Fund


@login_required
@submits_once
def province(request):
    if not keeps_province_funds(request.user):
        raise Http404("Trang này dành cho cán bộ Hội tỉnh.")
    funds = list(
        Fund.objects.for_user(request.user)
        .filter(branch__commune__isnull=True)
        .select_related("branch")
        .order_by("name")
    )
    held = ledger.balances(funds)
    may_create = is_administrator(request.user) or is_province_staff(request.user)
    form = FundForm(
        request.POST or None,
        branches=Branch.objects.none(),
        initial={"name": "Quỹ Khuyến học tỉnh"},
    )
    del form.fields["branch"]  # always the provincial association
    if request.method == "POST":
        if not may_create:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                fund = services.fund_create(
                    user=request.user,
                    name=data["name"],
                    opening_year=data["opening_year"],
                    opening_balance=data["opening_balance"] or 0,
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, f"Đã tạo {fund.name}.")
                return redirect("funds:fund", pk=fund.pk)
    return render(
        request,
        "funds/province.html",
        {
            "rows": [(fund, held[fund.pk]) for fund in funds],
            "total": sum(held.values()),
            "form": form if may_create else None,
        },
    )
