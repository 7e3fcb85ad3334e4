"""Staff pages of the register: the member list and the forms that change a member."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from khuyenhoc.areas.metrics import POPULATION
from khuyenhoc.core.access.scope import get_commune_or_404
from khuyenhoc.core.web import params
from khuyenhoc.figures import selectors as figures_api
from khuyenhoc.submissions.once import submits_once

from . import selectors, services
from .forms import FilterForm, LeaveForm, MemberForm, add_service_errors
from .metrics import MEMBERS_END
from .models import Branch

PAGE_SIZE = 50


@login_required
def member_list(request, code):
    commune = get_commune_or_404(request.user, code)
    form = FilterForm(request.GET or None, commune=commune)
    data = form.cleaned_data if form.is_valid() else {}
    members = selectors.filtered(selectors.members_of(request.user, commune), data)
    # ids first, from the covering index; then only the shown page's rows: three
    # queries (count, ids, rows) whatever the page size
    page = Paginator(members.values_list("id", flat=True), PAGE_SIZE).get_page(
        params.query_page(request)
    )
    page.object_list = selectors.in_order(page.object_list)
    year = timezone.localdate().year
    figures = figures_api.of_commune(commune.code, year)
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "members/list.html",
        {
            "commune": commune,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "year": year,
            # the filter's choices as plain pairs: rendering them through form widgets
            # took a third of this page's time
            "branch_options": list(
                Branch.objects.filter(commune=commune).order_by("name").values_list("pk", "name")
            ),
            "village_options": list(commune.villages.order_by("name").values_list("pk", "name")),
            "status_options": FilterForm.STATUS,
            "current": {key: request.GET.get(key, "") for key in form.fields},
            "members_end": figures.get(MEMBERS_END, 0),
            "population": figures.get(POPULATION),
        },
    )


@login_required
@submits_once
def member_create(request, code):
    commune = get_commune_or_404(request.user, code)
    form = MemberForm(request.POST or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, f"Đã thêm hội viên {member.full_name} (số thẻ {member.member_number})."
            )
            return redirect("members:list", code=commune.code)
    return render(
        request, "members/member_form.html", {"commune": commune, "form": form, "member": None}
    )


@login_required
def member_edit(request, code, pk):
    commune = get_commune_or_404(request.user, code)
    member = selectors.member_or_404(request.user, commune, pk)
    initial = {f: getattr(member, f) for f in (*services.MEMBER_FIELDS, "member_number")}
    form = MemberForm(request.POST or None, commune=commune, initial=initial)
    if member.is_erased:
        form = None
    elif request.method == "POST" and form.is_valid():
        try:
            services.member_update(user=request.user, member=member, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Đã lưu hội viên {member.full_name}.")
            return redirect("members:list", code=commune.code)
    return render(
        request, "members/member_form.html", {"commune": commune, "form": form, "member": member}
    )


@login_required
def member_leave(request, code, pk):
    commune = get_commune_or_404(request.user, code)
    member = selectors.member_or_404(request.user, commune, pk)
    form = LeaveForm(request.POST or None, initial={"left_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.member_leave(
                user=request.user,
                member=member,
                left_on=form.cleaned_data["left_on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Đã ghi {member} ra hội.")
            return redirect("members:list", code=commune.code)
    return render(
        request, "members/member_leave.html", {"commune": commune, "form": form, "member": member}
    )


@login_required
def member_erase(request, code, pk):
    commune = get_commune_or_404(request.user, code)
    member = selectors.member_or_404(request.user, commune, pk)
    if request.method != "POST":
        return render(request, "members/member_erase.html", {"commune": commune, "member": member})
    try:
        services.member_erase(user=request.user, member=member)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, "Đã xoá thông tin cá nhân của hội viên; số liệu các năm được giữ nguyên."
        )
    return redirect("members:list", code=commune.code)
