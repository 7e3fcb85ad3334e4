"""The household's pages, on a phone, without an account: the code typed once opens
them for the session. No JavaScript needed; nothing here is cached, and nothing shows
what another household sent."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from khuyenhoc.areas.models import Commune
from khuyenhoc.areas.views import current_year
from khuyenhoc.core.web import params

from .. import printing
from .. import selectors as title_selectors
from ..metrics import CITIZEN_GROUPS, TITLES
from ..models import HouseholdCode, Registration, SelfRegistration
from ..models.selfservice import SELF_TITLES
from . import codes, selectors, services
from .forms import CodeForm, SelfRegistrationForm

SESSION_KEY = "selfservice_code"


def code_in_session(request) -> HouseholdCode | None:
    """The household's code the session holds, while it is not revoked."""
    pk = request.session.get(SESSION_KEY)
    if not isinstance(pk, int):
        return None
    return (
        HouseholdCode.objects.select_related("commune", "village")
        .filter(pk=pk, revoked_at__isnull=True)
        .first()
    )


def _entry(request, *, commune=None, form=None, status=200, limited=""):
    return render(
        request,
        "selfservice/enter.html",
        {"commune": commune, "form": form or CodeForm(), "limited": limited},
        status=status,
    )


@never_cache
def commune(request, code):
    """The commune's page printed on every slip: what it is for, and the code's box."""
    commune = get_object_or_404(Commune, code=code, province_id=settings.PROVINCE_CODE)
    return _entry(request, commune=commune)


@never_cache
@require_http_methods(["GET", "POST"])
def enter(request):
    if request.method == "GET":
        return _entry(request)
    if codes.is_limited(request):
        return _entry(request, status=429, limited=codes.limited_message())
    form = CodeForm(request.POST)
    found = services.code_of(form.cleaned_data["code"]) if form.is_valid() else None
    if found is None:
        codes.count_failure(request)
        if form.is_valid():
            form.add_error("code", "Mã không đúng hoặc đã bị thu hồi; hãy xem lại phiếu.")
        return _entry(request, form=form)
    request.session.cycle_key()  # a new session id for the household's pages
    request.session[SESSION_KEY] = found.pk
    return redirect("selfservice:home")


@never_cache
@require_http_methods(["GET", "POST"])
def leave(request):
    if request.method == "POST":
        request.session.pop(SESSION_KEY, None)
        return redirect("selfservice:home")
    return render(request, "selfservice/leave.html", {"code": code_in_session(request)})


@never_cache
def home(request):
    """The household's page: what it sent, the commune's decision and reason, and the
    links to register someone else or fix what was returned."""
    code = code_in_session(request)
    if code is None:
        return _entry(request)
    sent = list(selectors.of_household(code))
    for submission in sent:
        submission.self_total = selectors.self_total(submission)
    return render(
        request,
        "selfservice/household.html",
        {
            "code": code,
            "sent": sent,
            "year": current_year(),
            "groups": sorted(CITIZEN_GROUPS.items()),
            "household_sent": any(
                s.title == "household" and s.year == current_year() and s.state != "rejected"
                for s in sent
            ),
        },
    )


def _returned(request, code):
    number = params.whole(request.GET.get("sua"), maximum=params.BIGINT)
    if number is None:
        return None
    found = SelfRegistration.objects.filter(code=code, pk=number, state="returned").first()
    if found is None:
        raise Http404("Không có hồ sơ bị trả lại này trong hộ của bạn.")
    return found


@never_cache
@require_http_methods(["GET", "POST"])
def register(request):
    """One person's (or the household's) registration and self-assessment. The title
    and group come from the link followed (?loai=, ?nhom=), so the indicators shown are
    the right ones without JavaScript."""
    code = code_in_session(request)
    if code is None:
        return _entry(request)
    returned = _returned(request, code)
    title = returned.title if returned else request.GET.get("loai")
    if title not in SELF_TITLES:
        return redirect("selfservice:home")
    group = returned.group if returned else params.whole(request.GET.get("nhom"), maximum=9)
    if title == "citizen" and group not in CITIZEN_GROUPS:
        return redirect("selfservice:home")
    year = returned.year if returned else current_year()
    try:
        criteria_set, indicators = services.criteria_for(title, year, group)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("selfservice:home")
    initial = _initial(returned, code)
    form = SelfRegistrationForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        commune=code.commune,
        title=title,
        indicators=indicators,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_send(
                code=code,
                year=year,
                title=title,
                data={**form.person(), "group": group if title == "citizen" else None},
                answers=form.answers(),
                files=form.cleaned_data["evidence"],
                submission=returned,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, "Đã gửi hồ sơ. Xã sẽ xem xét; mở lại trang này để xem kết quả."
            )
            return redirect("selfservice:home")
    return render(
        request,
        "selfservice/form.html",
        {
            "code": code,
            "form": form,
            "title_name": TITLES[title][0],
            "group_name": CITIZEN_GROUPS.get(group) if title == "citizen" else "",
            "criteria_set": criteria_set,
            "returned": returned,
            "year": year,
        },
    )


def _initial(returned, code) -> dict:
    if returned is None:
        return {"village": code.village_id}
    initial = {
        field: getattr(returned, field)
        for field in ("full_name", "birth_year", "sex", "id_number", "members")
    }
    initial["village"] = returned.village_id
    initial.update({f"i{k}": v for k, v in returned.answers.items()})
    return initial


@never_cache
def certificate(request):
    """The certificate of a person or household of this code, once recognised."""
    code = code_in_session(request)
    if code is None:
        return _entry(request)
    number = params.whole(request.GET.get("so"), maximum=params.BIGINT)
    submission = (
        SelfRegistration.objects.filter(
            code=code, pk=number, registration__state=Registration.State.RECOGNISED
        )
        .select_related("registration", "registration__commune")
        .first()
    )
    if submission is None:
        raise Http404("Chưa có giấy chứng nhận cho hồ sơ này.")
    registration = submission.registration
    rlist = title_selectors.list_of(registration)
    printing.printed(
        [registration],
        title=registration.title,
        commune=registration.commune,
        moment=printing.moment_of(rlist),
    )
    return render(
        request,
        "selfservice/certificate.html",
        {
            "registration": registration,
            "commune": registration.commune,
            "title_name": TITLES[registration.title][0],
            "rlist": rlist,
        },
    )
