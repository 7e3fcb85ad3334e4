"""Campaign pages: the provincial office creates a campaign; staff and the public read
its totals raised / paid / target, per commune (aggregates only, no name)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from khuyenhoc.core.access.scope import is_administrator, is_province_staff
from khuyenhoc.submissions.once import submits_once
from members.models import Branch

from . import campaigns
from .forms import CampaignForm
from .models import Campaign
from .views import _errors


def _campaign_or_404(pk) -> Campaign:
    drive = Campaign.objects.filter(pk=pk, province_id=settings.PROVINCE_CODE).first()
    if drive is None:
        raise Http404("Không tìm thấy đợt vận động này.")
    return drive


@login_required
@submits_once
def campaign_list(request):
    may_create = is_administrator(request.user) or is_province_staff(request.user)
    branches = Branch.objects.filter(
        province_id=settings.PROVINCE_CODE,
        kind__in=[Branch.Kind.PROVINCE, Branch.Kind.COMMUNE],
        dissolved_on__isnull=True,
    ).order_by("kind", "name")
    form = CampaignForm(request.POST or None, branches=branches)
    if request.method == "POST":
        if not may_create:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                drive = campaigns.campaign_create(
                    user=request.user,
                    name=data["name"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    target=data["target"] or 0,
                    branches=data["branches"],
                )
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, f"Đã tạo đợt vận động {drive.name}.")
                return redirect("funds:campaign", pk=drive.pk)
    drives = Campaign.objects.filter(province_id=settings.PROVINCE_CODE)
    return render(
        request,
        "funds/campaign_list.html",
        {"drives": drives, "form": form if may_create else None},
    )


@login_required
def campaign(request, pk):
    drive = _campaign_or_404(pk)
    return render(
        request,
        "funds/campaign.html",
        {"drive": drive, "data": campaigns.totals(drive), "public": False},
    )


def campaign_public(request, pk):
    drive = _campaign_or_404(pk)
    return render(
        request,
        "funds/campaign.html",
        {"drive": drive, "data": campaigns.published_totals(drive), "public": True},
    )
