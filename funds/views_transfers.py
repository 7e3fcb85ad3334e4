"""Staff pages of transfers: the sending fund records one, the receiving fund's staff
confirm it (their receipt) or refuse it, the sending fund's staff cancel it while it
waits; a confirmed one is undone by a reversing entry pair. Out of the province nothing
is to confirm."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from khuyenhoc.core.numbers import money
from khuyenhoc.core.text import plain
from khuyenhoc.submissions.once import submits_once

from . import campaigns, services
from .forms import TransferForm
from .models import Fund, Transfer
from .transfers import NATIONAL
from .views import _errors, fund_or_404


@login_required
@submits_once
def transfer_create(request, pk):
    fund = fund_or_404(request.user, pk)
    others = (
        Fund.objects.filter(branch__province_id=settings.PROVINCE_CODE)
        .exclude(pk=fund.pk)
        .select_related("branch")
        .order_by("branch__commune_id", "name")
    )
    form = TransferForm(request.POST or None, funds=others, drives=campaigns.for_fund(fund))
    if request.method == "POST" and form.is_valid():
        try:
            transfer = services.transfer_send(
                user=request.user, from_fund=fund, **form.cleaned_data
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            waiting = " Chờ quỹ nhận xác nhận." if transfer.to_fund_id else ""
            messages.success(
                request,
                f"Đã ghi {transfer.payout}: chuyển quỹ đến {transfer.counterpart}.{waiting}",
            )
            return redirect("funds:fund", pk=fund.pk)
    return render(
        request,
        "funds/transfer_form.html",
        {"fund": fund, "form": form, "external": [NATIONAL]},
    )


@login_required
@require_POST
def transfer_confirm(request, pk):
    transfer = Transfer.objects.filter(
        pk=pk, to_fund__in=Fund.objects.for_user(request.user)
    ).first()
    if transfer is None:
        raise Http404("Không tìm thấy khoản chuyển này trong phạm vi của bạn.")
    try:
        transfer = services.transfer_confirm(user=request.user, transfer=transfer)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Đã nhận chuyển quỹ: {transfer.receipt}.")
    return redirect("funds:fund", pk=transfer.to_fund_id)


# action → (service, the fund whose page the user comes back to, what was done)
CLOSINGS = {
    "refuse": (services.transfer_refuse, "to", "Đã từ chối khoản chuyển"),
    "cancel": (services.transfer_cancel, "from", "Đã hủy khoản chuyển"),
    "undo": (services.transfer_undo, None, "Đã hoàn lại khoản chuyển"),
}


@login_required
@require_POST
def transfer_close(request, pk, action):
    """Refuse, cancel or undo a transfer, with the reason typed beside the button."""
    visible = Fund.objects.for_user(request.user)
    transfer = (
        Transfer.objects.filter(pk=pk)
        .filter(Q(from_fund__in=visible) | Q(to_fund__in=visible))
        .select_related("from_fund", "to_fund")
        .first()
    )
    if transfer is None:
        raise Http404("Không tìm thấy khoản chuyển này trong phạm vi của bạn.")
    service, side, done = CLOSINGS[action]
    if side is None:
        side = "to" if transfer.to_fund_id else "from"
    back = transfer.to_fund_id if side == "to" else transfer.from_fund_id
    try:
        transfer = service(
            user=request.user, transfer=transfer, reason=plain(request.POST.get("reason", ""))
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"{done} {money(transfer.amount)}: tiền trở lại {transfer.from_fund.branch} bằng "
            "phiếu điều chỉnh.",
        )
    return redirect("funds:fund", pk=back)
