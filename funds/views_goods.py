"""Staff pages of gifts in kind: what the fund holds, and goods given out of it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from khuyenhoc.core.numbers import quantity
from khuyenhoc.submissions.once import submits_once

from . import campaigns, goods, services
from .forms import GoodsPayoutForm
from .views import _errors, fund_or_404


@login_required
@submits_once
def goods_payout_create(request, pk):
    fund = fund_or_404(request.user, pk)
    held = goods.stock(fund)
    form = GoodsPayoutForm(request.POST or None, stock=held)
    form.fields["drive"].queryset = campaigns.for_fund(fund)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        row = form.stock[data.pop("item")]
        try:
            payout = services.goods_payout_record(
                user=request.user, fund=fund, item=row["item"], unit=row["unit"], **data
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(
                request,
                f"Đã ghi phiếu chi số {payout.number}/{payout.year}: trao "
                f"{quantity(payout.item_quantity, payout.unit, payout.item_description)}.",
            )
            return redirect("funds:payout", pk=payout.pk)
    return render(
        request, "funds/goods_payout_form.html", {"fund": fund, "form": form, "stock": held}
    )
