"""The commune's queue of what households sent: read it, look at the evidence, accept,
return with a reason, or refuse; accept many at once. Commune staff only write; a
reviewer reads (ReadOnlyReviewersMiddleware refuses their POSTs, the services too)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from khuyenhoc.core.access.roles import Role, role_of
from khuyenhoc.core.access.scope import can_touch, get_commune_or_404
from khuyenhoc.core.web import params

from ..models import CriteriaSet, Indicator, SelfEvidence, SelfRegistration
from . import selectors, services
from .forms import DecisionForm

State = SelfRegistration.State
PAGE = 50


def _state(request) -> str:
    wanted = request.GET.get("xem")
    return wanted if wanted in State.values else State.SENT


@login_required
def queue(request, code):
    commune = get_commune_or_404(request.user, code)
    state = _state(request)
    page = Paginator(selectors.queue(commune, state), PAGE).get_page(params.query_page(request))
    for submission in page:
        submission.self_total = selectors.self_total(submission)
    counts = selectors.state_counts(commune)
    return render(
        request,
        "titles/selfservice/queue.html",
        {
            "commune": commune,
            "page": page,
            "state": state,
            "can_decide": can_touch(request.user, commune.code),
            "states": [(value, label, counts.get(value, 0)) for value, label in State.choices],
        },
    )


@login_required
@require_POST
def accept_many(request, code):
    commune = get_commune_or_404(request.user, code)
    ids = [n for n in map(params.whole, request.POST.getlist("chon")) if n is not None]
    # a page of the queue holds 50; each acceptance refreshes the figures (~0.15 s)
    chosen = SelfRegistration.objects.for_user(request.user).filter(
        commune=commune, pk__in=ids[:PAGE], state=State.SENT
    )
    try:
        accepted, refused = services.submissions_accept(user=request.user, submissions=chosen)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("titles:self_queue", code=commune.code)
    if accepted:
        messages.success(request, f"Đã tiếp nhận {accepted} hồ sơ.")
    for reason in refused:
        messages.error(request, reason)
    if not accepted and not refused:
        messages.error(request, "Chưa chọn hồ sơ nào đang chờ.")
    return redirect("titles:self_queue", code=commune.code)


def _submission_or_404(user, pk):
    return get_object_or_404(
        SelfRegistration.objects.for_user(user).select_related(
            "commune", "village", "code", "registration"
        ),
        pk=pk,
    )


ACTIONS = {
    "accept": (services.submission_accept, "Đã tiếp nhận hồ sơ của {name}."),
    "return": (services.submission_return, "Đã trả lại hồ sơ của {name} để bổ sung."),
    "reject": (services.submission_reject, "Đã không tiếp nhận hồ sơ của {name}."),
    "erase": (services.submission_erase, "Đã xoá hồ sơ theo yêu cầu của người gửi."),
}


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def detail(request, pk):
    submission = _submission_or_404(request.user, pk)
    form = DecisionForm(request.POST or None)
    action = request.POST.get("action")
    if request.method == "POST" and action not in ACTIONS:
        form.add_error(None, "Hãy bấm một trong các nút: tiếp nhận, trả lại, không tiếp nhận.")
    elif request.method == "POST" and form.is_valid():
        service, done = ACTIONS[action]
        needs_reason = action in ("return", "reject")
        extra = {"reason": form.cleaned_data["reason"]} if needs_reason else {}
        try:
            service(user=request.user, submission=submission, **extra)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, done.format(name=submission.full_name))
            return redirect("titles:self_queue", code=submission.commune_id)
    indicators = Indicator.objects.in_bulk([int(k) for k in submission.answers])
    answers = [(indicators.get(int(k)), v) for k, v in submission.answers.items()]
    criteria_set = CriteriaSet.objects.in_force(title=submission.title, year=submission.year)
    return render(
        request,
        "titles/selfservice/detail.html",
        {
            "s": submission,
            "commune": submission.commune,
            "can_decide": can_touch(request.user, submission.commune_id),
            "form": form,
            "answers": answers,
            "total": selectors.self_total(submission),
            "criteria_set": criteria_set,
            "flags": selectors.duplicates(submission),
            "files": submission.evidence.defer("content"),
            "history": submission.history.order_by("history_date")[:50],
        },
    )


@never_cache
def evidence(request, pk):
    """One evidence file, to the staff of its commune only: 404 to anyone else (a visitor
    without an account or with a household's code, another commune's staff, the
    province's reviewers and administrators, who decide on lists and have no need of a
    person's photos). No login redirect either: it would tell a visitor that a file
    stands behind the address."""
    if role_of(request.user) != Role.COMMUNE_STAFF:
        raise Http404("Không tìm thấy minh chứng này.")
    found = get_object_or_404(SelfEvidence.objects.for_user(request.user), pk=pk)
    response = HttpResponse(bytes(found.content), content_type=found.content_type)
    response["Content-Disposition"] = f'inline; filename="minh-chung-{found.pk}"'
    response["Cache-Control"] = "private, no-store"
    # a PDF opens in the browser's viewer, sandboxed: no script of it runs as the portal
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    return response
