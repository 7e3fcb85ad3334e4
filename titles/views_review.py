"""Reviewer pages: what awaits them, and the decision on one list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render

from khuyenhoc.areas.metrics import TITLES

from . import recognition, selectors, services
from .forms import DecisionForm, ReasonForm
from .models import Registration
from .views import PAGE_SIZE

# The review list's filter on the evaluation's result (?ketqua=).
RESULTS = {"dat": True, "khong-dat": False}


@login_required
def queue(request):
    selectors.reviewer_or_404(request.user)
    waiting = selectors.awaiting_review(request.user)
    return render(request, "titles/queue.html", {"waiting": waiting})


@login_required
def review(request, code, year, title):
    selectors.reviewer_or_404(request.user)
    commune = selectors.commune_and_title(request.user, code, title)
    rlist = services.recognition_list(commune=commune, year=year, title=title)
    action = request.POST.get("action")
    decision = DecisionForm(request.POST if action == "approve" else None)
    reason = ReasonForm(request.POST if action in ("send_back", "reopen") else None)
    if request.method == "POST":
        bound = decision if action == "approve" else reason
        if bound.is_valid():
            data = bound.cleaned_data
            try:
                if action == "approve":
                    recognition.list_approve(user=request.user, rlist=rlist, **data)
                    done = f"Đã công nhận danh sách theo quyết định {data['decision_number']}."
                elif action == "send_back":
                    recognition.list_return(user=request.user, rlist=rlist, reason=data["reason"])
                    done = "Đã trả lại danh sách cho xã, phường."
                else:
                    recognition.list_reopen(user=request.user, rlist=rlist, reason=data["reason"])
                    done = "Đã mở lại danh sách."
            except ValidationError as exc:
                bound.add_error(None, exc)
            else:
                messages.success(request, done)
                return redirect("titles:list", code=commune.code, year=year, title=title)
    entries = (
        Registration.objects.filter(commune=commune, year=year, title=title)
        .exclude(state="withdrawn")
        .select_related("evaluation", "citizen", "household", "clan", "village", "unit")
    )
    results = entries.aggregate(
        total=Count("id"),
        passed=Count("id", filter=Q(evaluation__passed=True)),
        failed=Count("id", filter=Q(evaluation__passed=False)),
    )
    result = request.GET.get("ketqua")
    if result in RESULTS:
        entries = entries.filter(evaluation__passed=RESULTS[result])
    # the entries that fail come first: they are what a reviewer reads before deciding
    entries = entries.order_by("evaluation__passed", "id")
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "titles/review.html",
        {
            "commune": commune,
            "year": year,
            "title": title,
            "title_name": TITLES[title][0],
            "rlist": rlist,
            "decision": decision,
            "reason": reason,
            "page": page,
            "results": results,
            "result": result if result in RESULTS else "",
        },
    )
