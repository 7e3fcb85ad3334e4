"""Printable pages: a certificate per recognised subject, the list of a decision."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from . import printing, selectors
from .metrics import TITLES
from .models import RecognitionList, Registration


@login_required
def certificate(request, pk):
    registration = selectors.registration_or_404(request.user, pk)
    if registration.state != Registration.State.RECOGNISED:
        raise Http404("Chỉ in giấy chứng nhận cho đối tượng đã được công nhận.")
    if getattr(registration.subject, "is_erased", False):
        raise Http404("Thông tin cá nhân đã được xoá theo yêu cầu; không in giấy chứng nhận.")
    rlist = selectors.list_of(registration)
    if rlist is None:  # a recognised registration's list exists; a 404 rather than a 500
        raise Http404("Không tìm thấy danh sách công nhận của đăng ký này.")
    printing.printed(
        [registration],
        title=registration.title,
        commune=registration.commune,
        moment=printing.moment_of(rlist),
    )
    return render(
        request,
        "titles/certificate.html",
        {
            "registration": registration,
            "commune": registration.commune,
            "title_name": TITLES[registration.title][0],
            "rlist": rlist,
        },
    )


def _printed(commune, year, title, states):
    """The list's registrations in `states`, in their order of registration, with their
    subjects and scores; printing.printed adds what a printed line says of each."""
    return (
        Registration.objects.filter(commune=commune, year=year, title=title, state__in=states)
        .select_related("evaluation", *selectors.SUBJECT_RELATIONS[:-1])
        .order_by("id")
    )


def _printed_page(request, template, commune, year, title, rlist, entries, **extra):
    return render(
        request,
        template,
        {
            "commune": commune,
            "year": year,
            "title": title,
            "title_name": TITLES[title][0],
            "rlist": rlist,
            "entries": entries,
            **extra,
        },
    )


@login_required
def decision_list(request, code, year, title):
    commune = selectors.commune_and_title(request.user, code, title, year)
    rlist = selectors.list_or_blank(commune, year, title)
    if rlist.state != RecognitionList.State.APPROVED:
        raise Http404("Danh sách chưa được công nhận.")
    entries = printing.printed(
        _printed(commune, year, title, [Registration.State.RECOGNISED]),
        title=title,
        commune=commune,
        moment=printing.moment_of(rlist),
    )
    return _printed_page(request, "titles/decision.html", commune, year, title, rlist, entries)


# Every entry the commune put on its list: the reviewer's decision leaves them as
# recognised or not, and the printed proposal still shows them all.
PROPOSAL_SIGNERS = ["Người lập biểu", "TM. HỘI KHUYẾN HỌC"]
ON_THE_LIST = [
    Registration.State.PROPOSED,
    Registration.State.RECOGNISED,
    Registration.State.NOT_RECOGNISED,
]


@login_required
def proposal_list(request, code, year, title):
    """The list the commune proposed, to print, sign and send with its proposal: every
    entry with its score and result, and how many pass."""
    commune = selectors.commune_and_title(request.user, code, title, year)
    rlist = selectors.list_or_blank(commune, year, title)
    if rlist.state not in (RecognitionList.State.PROPOSED, RecognitionList.State.APPROVED):
        raise Http404("Danh sách chưa được gửi đề nghị công nhận.")
    entries = printing.printed(
        _printed(commune, year, title, ON_THE_LIST),
        title=title,
        commune=commune,
        moment=rlist.proposed_at,
    )
    passed = sum(1 for r in entries if getattr(r, "evaluation", None) and r.evaluation.passed)
    return _printed_page(
        request,
        "titles/proposal.html",
        commune,
        year,
        title,
        rlist,
        entries,
        passed=passed,
        signers=PROPOSAL_SIGNERS,
    )
