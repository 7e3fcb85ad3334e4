"""The papers people sign, printed on A4 from the staff pages with no site chrome: the
receipt (phiếu thu), the payment voucher (phiếu chi) and the signature list of a payout
(danh sách ký nhận) and the certificate of each recipient (giấy chứng nhận, giấy
khen), each with the national header, the association, its number and
date, the amount in words and the signature blocks."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render

from .models import Payout, Receipt, Transfer
from .papers import amount_in_words
from .views import entry_or_404

SIGNERS = {
    "receipt": ["Người nộp tiền", "Thủ quỹ", "Kế toán", "Chủ tịch Hội"],
    "voucher": ["Người nhận tiền", "Thủ quỹ", "Kế toán", "Chủ tịch Hội"],
    # money moved to another fund, mostly by bank: nobody signs for it in person
    "transfer": ["Người lập phiếu", "Thủ quỹ", "Kế toán", "Chủ tịch Hội"],
    "list": ["Người lập danh sách", "Kế toán", "Chủ tịch Hội"],
    "certificate": ["TM. Ban Chấp hành, Chủ tịch Hội"],
}


def _paper(entry, title, signers) -> dict:
    return {
        "fund": entry.fund,
        "paper_title": title,
        "paper_number": f"{entry.number}/{entry.year}",
        "paper_date": entry.date,
        "words": amount_in_words(entry.amount),
        "signers": SIGNERS[signers],
    }


@login_required
def receipt(request, pk):
    receipt = entry_or_404(request.user, Receipt, pk)
    title = "PHIẾU ĐIỀU CHỈNH THU" if receipt.is_reversal else "PHIẾU THU"
    context = {"receipt": receipt, **_paper(receipt, title, "receipt")}
    return render(request, "funds/receipt_print.html", context)


@login_required
def payout_voucher(request, pk):
    payout = entry_or_404(request.user, Payout, pk)
    title = "PHIẾU ĐIỀU CHỈNH CHI" if payout.is_reversal else "PHIẾU CHI"
    # a transfer's payout (or its reversal) pays a fund, not people who sign a list
    transfer = Transfer.objects.filter(Q(payout=payout) | Q(payout=payout.reverses_id)).first()
    signers = "voucher" if transfer is None else "transfer"
    context = {"payout": payout, "transfer": transfer, **_paper(payout, title, signers)}
    return render(request, "funds/payout_voucher.html", context)


@login_required
def payout_sign_list(request, pk):
    """The names if entered, then blank numbered lines up to the payout's portions, so a
    payout by count prints the list its people sign."""
    payout = entry_or_404(request.user, Payout, pk)
    if payout.is_reversal:
        raise Http404("Phiếu điều chỉnh không có danh sách ký nhận.")
    people = list(payout.beneficiaries.all())
    blanks = range(len(people) + 1, payout.portions + 1)
    context = {
        "payout": payout,
        "people": people,
        "blanks": blanks,
        **_paper(payout, "DANH SÁCH KÝ NHẬN", "list"),
    }
    return render(request, "funds/payout_sign_list.html", context)


@login_required
def payout_certificates(request, pk):
    """One certificate per named recipient, each on its own A4 page; a payout by count
    whose names are kept on paper prints one with the name left blank, to copy and fill
    in by hand."""
    payout = entry_or_404(request.user, Payout, pk)
    if payout.is_reversal or hasattr(payout, "transfer"):
        raise Http404("Phiếu này không có giấy chứng nhận.")
    award = payout.kind == "khen_thuong"
    people = list(payout.beneficiaries.all()) or [None]
    suffix = "GK-KH" if award else "GCN-KH"
    certificates = [
        {
            "person": person,
            "number": f"{payout.number}.{index}/{payout.year}/{suffix}",
            "amount": person.amount if person else payout.unit_amount or payout.amount,
        }
        for index, person in enumerate(people, start=1)
    ]
    for certificate in certificates:
        certificate["words"] = amount_in_words(certificate["amount"])
    context = {
        "payout": payout,
        "certificates": certificates,
        **_paper(payout, "GIẤY KHEN" if award else "GIẤY CHỨNG NHẬN", "certificate"),
    }
    return render(request, "funds/payout_certificates.html", context)
