"""Reviewer pages: what awaits them, the decision on one list, and the communes compared."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render

from khuyenhoc.core import registry
from khuyenhoc.core.access.scope import reviewer_action
from khuyenhoc.core.web import confirm, params

from . import recognition, selectors
from .forms import DecisionForm, ReasonForm
from .metrics import TITLES
from .models import RecognitionList, Registration
from .views import PAGE_SIZE, requested_year, year_choices

# The review list's filter on the evaluation's result (?ketqua=).
RESULTS = {"dat": True, "khong-dat": False}
# The comparison's orders by a rate (?xep=); without one, by name.
RATE_ORDERS = {"dang-ky": "registered_rate", "cong-nhan": "recognised_rate"}


@login_required
def queue(request):
    """What awaits the reviewer, oldest proposal first, a page at a time; by title."""
    selectors.reviewer_or_404(request.user)
    waiting = selectors.awaiting_review(request.user)
    by_title = selectors.waiting_by_title(waiting)
    title = request.GET.get("danhhieu", "")
    if title in TITLES:
        waiting = waiting.filter(title=title)
    else:
        title = ""
    page = Paginator(waiting, PAGE_SIZE).get_page(params.query_page(request))
    page.object_list = selectors.with_entry_counts(page.object_list)
    return render(
        request,
        "titles/queue.html",
        {
            "page": page,
            "title": title,
            "total": sum(by_title.values()),
            "by_title": [
                (code, TITLES[code][0], by_title[code]) for code in TITLES if code in by_title
            ],
        },
    )


@login_required
def compare(request):
    """The communes side by side for one year and title: what each registered,
    evaluated and had recognised, its rates, and where its list stands."""
    year = requested_year(request)
    # the titles registered (khuyenhoc.core.registry), in the report's order
    names = {indicator.title: indicator.label for indicator in registry.titles()}
    title = request.GET.get("danhhieu", "citizen")
    if title not in names:
        title = "citizen"
    rows = selectors.progress_by_commune(request.user, year, title)
    order = request.GET.get("xep")
    if order in RATE_ORDERS:  # highest first; communes without a denominator last
        rows.sort(key=lambda row: -(getattr(row, RATE_ORDERS[order]) or -1))
    states = Counter(row.rlist.state if row.rlist else "open" for row in rows)
    return render(
        request,
        "titles/compare.html",
        {
            "year": year,
            "years": year_choices(),
            "title": title,
            "title_name": names[title],
            "titles": list(names.items()),
            "rows": rows,
            "order": order if order in RATE_ORDERS else "",
            "states": [
                (label, states[state])
                for state, label in RecognitionList.State.choices
                if states[state]
            ],
        },
    )


# A list's move that asks first, from the state it can be taken in.
WHEN_POSSIBLE = {
    "approve": RecognitionList.State.PROPOSED,
    "send_back": RecognitionList.State.PROPOSED,
    "reopen": RecognitionList.State.APPROVED,
}
CONFIRM_HEADINGS = {
    "approve": "Công nhận danh sách",
    "send_back": "Trả lại danh sách",
    "reopen": "Mở lại danh sách đã công nhận",
}
CONFIRM_BUTTONS = {
    "approve": "Xác nhận công nhận",
    "send_back": "Xác nhận trả lại",
    "reopen": "Xác nhận mở lại",
}


def _consequences(action, rlist, data) -> list[str]:
    """What the move will do, in numbers, for the confirmation page."""
    entries = Registration.objects.filter(commune=rlist.commune, year=rlist.year, title=rlist.title)
    if action == "approve":
        proposed = entries.filter(state=Registration.State.PROPOSED)
        passed = proposed.filter(evaluation__passed=True).count()
        failed = proposed.count() - passed
        return [
            f"Quyết định số {data['decision_number']} ngày {data['decision_date']:%d/%m/%Y}, "
            f"người ký {data['signer']}, được ghi vào danh sách.",
            f"{passed} đăng ký đạt được công nhận (in được giấy chứng nhận); {failed} đăng ký "
            "không đạt ghi «không được công nhận».",
            "Danh sách bị khóa; chỉ cán bộ Hội tỉnh mở lại được. Số liệu công khai cập nhật ngay.",
        ]
    if action == "send_back":
        count = entries.filter(state=Registration.State.PROPOSED).count()
        return [
            f"{count} đăng ký trở về «đã đánh giá»; xã, phường sửa rồi đề nghị lại.",
            f"Lý do «{data['reason']}» hiện trong mục «Việc cần làm» của cán bộ xã, phường.",
        ]
    count = entries.filter(
        state__in=[Registration.State.RECOGNISED, Registration.State.NOT_RECOGNISED]
    ).count()
    return [
        f"Kết quả công nhận của {count} đăng ký bị huỷ; các đăng ký trở về «đã đánh giá».",
        "Giấy chứng nhận đã in không còn giá trị cho đến khi danh sách được công nhận lại.",
        f"Lý do «{data['reason']}» được ghi vào lịch sử của danh sách.",
    ]


@reviewer_action
@login_required
def review(request, code, year, title):
    selectors.reviewer_or_404(request.user)
    commune = selectors.commune_and_title(request.user, code, title, year)
    rlist = selectors.list_or_blank(commune, year, title)
    action = request.POST.get("action")
    decision = DecisionForm(request.POST if action == "approve" else None)
    reason = ReasonForm(request.POST if action in ("send_back", "reopen") else None)
    if request.method == "POST":
        bound = decision if action == "approve" else reason
        if bound.is_valid():
            data = bound.cleaned_data
            if rlist.state == WHEN_POSSIBLE.get(action) and not confirm.confirmed(request):
                return confirm.confirmation(
                    request,
                    heading=f"{CONFIRM_HEADINGS[action]}: {TITLES[title][0]} {year}, "
                    f"{commune.name}",
                    consequences=_consequences(action, rlist, data),
                    button=CONFIRM_BUTTONS[action],
                    cancel_url=request.path,
                )
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
        .select_related("evaluation", *selectors.SUBJECT_RELATIONS[:-1])
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
    page = Paginator(entries, PAGE_SIZE).get_page(params.query_page(request))
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
