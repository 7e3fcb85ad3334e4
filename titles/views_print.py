"""Printable pages: a certificate per recognised subject, the list of a decision."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from khuyenhoc.areas.metrics import TITLES

from . import selectors, services
from .models import RecognitionList, Registration


@login_required
def certificate(request, pk):
    registration = selectors.registration_or_404(request.user, pk)
    if registration.state != Registration.State.RECOGNISED:
        raise Http404("Chỉ in giấy chứng nhận cho đối tượng đã được công nhận.")
    if getattr(registration.subject, "is_erased", False):
        raise Http404("Thông tin cá nhân đã được xoá theo yêu cầu; không in giấy chứng nhận.")
    rlist = services.recognition_list(
        commune=registration.commune, year=registration.year, title=registration.title
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


@login_required
def decision_list(request, code, year, title):
    commune = selectors.commune_and_title(request.user, code, title)
    rlist = services.recognition_list(commune=commune, year=year, title=title)
    if rlist.state != RecognitionList.State.APPROVED:
        raise Http404("Danh sách chưa được công nhận.")
    entries = (
        Registration.objects.filter(
            commune=commune, year=year, title=title, state=Registration.State.RECOGNISED
        )
        .select_related(
            "evaluation",
            "citizen",
            "household",
            "clan",
            "village",
            "unit",
            "citizen__village",
            "household__village",
        )
        .order_by("id")
    )
    return render(
        request,
        "titles/decision.html",
        {
            "commune": commune,
            "year": year,
            "title": title,
            "title_name": TITLES[title][0],
            "rlist": rlist,
            "entries": entries,
        },
    )
