"""Staff pages of payouts by count: the batch itself, the names added later, the scan
of the signed list (served to the fund's staff only, never from a public address)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from khuyenhoc.core.sheets.spreadsheets import ImportRejected
from khuyenhoc.submissions.once import submits_once

from . import campaigns, ledger, services
from .forms import LEVELS, BatchPayoutForm, NamesForm, ScanForm
from .models import Payout, SignedList
from .views import _errors, beneficiaries_given, entry_or_404, fund_or_404


@login_required
@submits_once
def payout_batch_create(request, pk):
    fund = fund_or_404(request.user, pk)
    form = BatchPayoutForm(request.POST or None, request.FILES or None)
    form.fields["drive"].queryset = campaigns.for_fund(fund)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        scan = data.pop("scan")
        try:
            with transaction.atomic():  # a refused scan writes no payout either
                payout = services.payout_batch_record(user=request.user, fund=fund, **data)
                if scan:
                    services.signed_list_attach(user=request.user, payout=payout, upload=scan)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(
                request,
                f"Đã ghi phiếu chi số {payout.number}/{payout.year}: {payout.portions} suất.",
            )
            return redirect("funds:payout", pk=payout.pk)
    return render(
        request,
        "funds/payout_batch_form.html",
        {"fund": fund, "form": form, "balance": ledger.balance(fund), "levels": LEVELS},
    )


def _batch_or_404(user, pk) -> Payout:
    payout = entry_or_404(user, Payout, pk)
    if not payout.by_count:
        raise Http404("Phiếu chi này không chi theo suất.")
    return payout


@login_required
@submits_once
def payout_names(request, pk):
    payout = _batch_or_404(request.user, pk)
    form = NamesForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            added = services.payout_names_add(
                user=request.user, payout=payout, beneficiaries=beneficiaries_given(data)
            )
        except (ValidationError, ImportRejected) as exc:
            _errors(form, exc)
        else:
            messages.success(request, f"Đã thêm {added} người nhận.")
            return redirect("funds:payout", pk=payout.pk)
    return render(
        request,
        "funds/payout_names_form.html",
        {"payout": payout, "fund": payout.fund, "form": form},
    )


@login_required
@submits_once
def payout_scan(request, pk):
    payout = _batch_or_404(request.user, pk)
    form = ScanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.signed_list_attach(
                user=request.user, payout=payout, upload=form.cleaned_data["scan"]
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, "Đã lưu danh sách ký nhận đã quét.")
            return redirect("funds:payout", pk=payout.pk)
    return render(
        request,
        "funds/payout_scan_form.html",
        {"payout": payout, "fund": payout.fund, "form": form},
    )


@login_required
def signed_list_file(request, pk):
    scan = SignedList.objects.for_user(request.user).select_related("payout").filter(pk=pk).first()
    if scan is None:
        raise Http404("Không tìm thấy tệp này trong phạm vi của bạn.")
    extension = scan.file.name.rsplit(".", 1)[-1]
    try:
        opened = scan.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Tệp quét này không còn trên máy chủ; hãy tải lên lại.") from exc
    response = FileResponse(
        opened,
        content_type=scan.content_type,
        filename=f"danh-sach-ky-nhan-{scan.payout.number}-{scan.payout.year}.{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
