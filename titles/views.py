"""Commune staff pages: the registrations of a commune per year and title."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from khuyenhoc.areas.views import current_year
from khuyenhoc.core.web import params
from khuyenhoc.submissions.once import submits_once

from . import corrections, declared, recognition, selectors, services
from .forms import ListFilterForm, ScoresForm, SubjectForm
from .metrics import TITLES
from .models import SUBJECT_MODELS, CriteriaSet, Registration
from .models.registrations import subject_label
from .selectors import commune_and_title, registration_or_404

PAGE_SIZE = 50  # a phone's screenful many times over; the search finds the rest


def requested_year(request):
    """The year of ?nam=; this year when there is none, a 404 for a year out of range."""
    return params.query_year(request, default=current_year(), strict=True)


def year_choices():
    """The years a staff page offers: next year's registrations, this year, and three back."""
    return range(current_year() + 1, current_year() - 4, -1)


@login_required
def commune(request, code):
    commune = selectors.get_commune_or_404(request.user, code)
    year = requested_year(request)
    rows = selectors.progress_by_title(commune, year)
    # titles whose named list took over a declared count that says otherwise
    blocks = declared.comparison(commune=commune, year=year, villages={})
    context = {
        "commune": commune,
        "year": year,
        "rows": rows,
        "years": year_choices(),
        "differing": {block.title for block in blocks if block.differs},
    }
    return render(request, "titles/commune.html", context)


def searched_list(request, commune, year, title):
    """The list's filter form, its valid fields and the registrations they select: what
    the list page shows, and what its Excel download holds."""
    form = ListFilterForm(request.GET or None, commune=commune, title=title)
    form.is_valid()  # a wrong field is reported and left out; the others still apply
    search = getattr(form, "cleaned_data", {})
    entries = selectors.registrations_of(
        commune,
        year,
        title,
        text=search.get("q", ""),
        state=search.get("state", ""),
        village=search.get("village"),
    )
    return form, search, entries


@login_required
def registration_list(request, code, year, title):
    commune = commune_and_title(request.user, code, title, year)
    form, search, entries = searched_list(request, commune, year, title)
    page = Paginator(entries, PAGE_SIZE).get_page(params.query_page(request))
    counts = selectors.stage_counts(commune, year)[title]
    rlist = selectors.list_or_blank(commune, year, title)
    return render(
        request,
        "titles/list.html",
        {
            "commune": commune,
            "year": year,
            "title": title,
            "title_name": TITLES[title][0],
            "form": form,
            "page": page,
            "searching": any(search.values()),
            "counts": [(s, label, counts.get(s, 0)) for s, label in Registration.State.choices],
            "rlist": rlist,
            "transitions": rlist.transitions.select_related("actor") if rlist.pk else [],
            "state": search.get("state", ""),
            "corrects_subjects": title in SUBJECT_MODELS,
        },
    )


def back_to_list(commune, year, title):
    return redirect("titles:list", code=commune.code, year=year, title=title)


# What the search box of the register page looks for, per title.
SEARCH_LABELS = {
    "citizen": "Tìm công dân theo tên",
    "household": "Tìm hộ theo tên",
    "clan": "Tìm dòng họ theo tên",
    "unit": "Tìm đơn vị theo tên",
}


def _registered(request, registration):
    messages.success(request, f"Đã đăng ký: {registration.subject_name}.")
    if "evaluate" in request.POST:
        return redirect("titles:evaluate", pk=registration.pk)
    return back_to_list(registration.commune, registration.year, registration.title)


@login_required
@submits_once
def register(request, code, year, title):
    """A new subject from the form, or (for subjects kept across years) an existing one
    found by name, so last year's household is registered again, not created twice."""
    commune = commune_and_title(request.user, code, title, year)
    searchable = title in SUBJECT_MODELS
    picked = searchable and request.method == "POST" and "subject" in request.POST
    form = SubjectForm(None if picked else request.POST or None, commune=commune, title=title)
    pick_error, namesakes = "", []
    if picked:
        subject = selectors.subject_or_404(request.user, commune, title, request.POST["subject"])
        try:
            registration = services.registration_create(
                user=request.user, commune=commune, year=year, title=title, subject=subject
            )
        except ValidationError as exc:
            pick_error = " ".join(exc.messages)
        else:
            return _registered(request, registration)
    elif request.method == "POST" and form.is_valid():
        if searchable and "trung-ten" not in request.POST:
            namesakes = selectors.namesakes(request.user, commune, title, form.cleaned_data, year)
        if not namesakes:
            try:
                registration = services.subject_register(
                    user=request.user,
                    commune=commune,
                    year=year,
                    title=title,
                    data=form.cleaned_data,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return _registered(request, registration)
    query = request.GET.get("tim", "").strip()[:120] if searchable else ""
    matches, more = selectors.subject_search(request.user, commune, title, query, year)
    return render(
        request,
        "titles/register.html",
        {
            "commune": commune,
            "year": year,
            "title": title,
            "title_name": TITLES[title][0],
            "form": form,
            "searchable": searchable,
            "search_label": SEARCH_LABELS.get(title, ""),
            "query": query,
            "matches": matches,
            "more": more,
            "pick_error": pick_error,
            "namesakes": namesakes,
        },
    )


@login_required
def evaluate(request, pk):
    registration = registration_or_404(request.user, pk)
    criteria_set = CriteriaSet.objects.in_force(title=registration.title, year=registration.year)
    if criteria_set is None:
        raise Http404("Chưa có bộ tiêu chí cho năm này.")
    indicators = list(criteria_set.indicators_for(registration).select_related("group"))
    evaluation = getattr(registration, "evaluation", None)
    initial = dict(evaluation.scores.values_list("indicator_id", "points")) if evaluation else {}
    locked = services.scoring_refusal(registration, selectors.list_of(registration))
    if locked:  # the scores are shown, not offered for editing; the service refuses too
        if request.method == "POST":
            messages.error(request, locked)
        form = None
    else:
        form = ScoresForm(request.POST or None, indicators=indicators, initial_points=initial)
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            evaluation = services.registration_evaluate(
                user=request.user, registration=registration, points=form.points()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            verdict = "đạt" if evaluation.passed else f"không đạt: {evaluation.reason}"
            messages.success(
                request,
                f"Đã lưu đánh giá {registration.subject_name}: {evaluation.total} điểm, {verdict}.",
            )
            return back_to_list(registration.commune, registration.year, registration.title)
    return render(
        request,
        "titles/evaluate.html",
        {
            "registration": registration,
            "commune": registration.commune,
            "criteria_set": criteria_set,
            "form": form,
            "locked": locked,
            "scores": [(i, initial.get(i.id)) for i in indicators],
            "evaluation": evaluation,
            "corrects_subject": registration.title in SUBJECT_MODELS,
            "pass_mark": services.rules.pass_mark(
                criteria_set, disadvantaged=registration.commune.is_disadvantaged
            ),
        },
    )


@login_required
def correct(request, pk):
    """Correct the subject of a registration: a misspelt name, a household's members, a
    village. Shown read-only, with the reason, while the list is locked; a person whose
    details were erased on request has nothing left to correct."""
    registration = registration_or_404(request.user, pk)
    if registration.title not in SUBJECT_MODELS:
        raise Http404("Danh hiệu này không có thông tin đối tượng để sửa ở đây.")
    subject = registration.subject
    erased = getattr(subject, "is_erased", False)
    locked = services.lock_refusal(selectors.list_of(registration))
    form = None
    if not erased:
        form = SubjectForm(
            None if locked else request.POST or None,
            commune=registration.commune,
            title=registration.title,
            subject=subject,
        )
    if request.method == "POST" and (locked or erased):
        messages.error(request, locked or "Thông tin cá nhân đã được xoá; không sửa được.")
    elif request.method == "POST" and form.is_valid():
        try:
            subject = corrections.subject_correct(
                user=request.user, registration=registration, data=form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            name = subject_label(registration.title, subject)
            messages.success(request, f"Đã lưu thông tin của {name}.")
            return back_to_list(registration.commune, registration.year, registration.title)
    return render(
        request,
        "titles/correct.html",
        {
            "registration": registration,
            "commune": registration.commune,
            "form": form,
            "locked": locked,
            "erased": erased,
            "erasable": hasattr(subject, "PERSONAL") and not erased,
            "years": selectors.years_of(registration),
            "history_label": subject._meta.label,  # for the reviewer's link to its history
        },
    )


@login_required
def erase(request, pk):
    """A citizen's or household head's personal details erased on their request, after a
    confirmation page."""
    registration = registration_or_404(request.user, pk)
    if not hasattr(SUBJECT_MODELS.get(registration.title), "PERSONAL"):
        raise Http404("Chỉ xoá được thông tin cá nhân của công dân và chủ hộ.")
    if request.method != "POST":
        return render(
            request,
            "titles/erase.html",
            {"registration": registration, "commune": registration.commune},
        )
    try:
        corrections.person_erase(user=request.user, registration=registration)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã xoá thông tin cá nhân; số liệu các năm được giữ nguyên.")
    return back_to_list(registration.commune, registration.year, registration.title)


@login_required
@require_POST
def withdraw(request, pk):
    registration = registration_or_404(request.user, pk)
    try:
        services.registration_withdraw(user=request.user, registration=registration)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Đã rút đăng ký của {registration.subject_name}.")
    return back_to_list(registration.commune, registration.year, registration.title)


@login_required
@require_POST
def propose(request, code, year, title):
    commune = commune_and_title(request.user, code, title, year)
    try:
        rlist = recognition.list_propose(user=request.user, commune=commune, year=year, title=title)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã gửi danh sách đề nghị công nhận lên Hội tỉnh.")
        for warning in rlist.warnings:
            messages.warning(request, warning)
    return back_to_list(commune, year, title)
