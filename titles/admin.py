"""Reviewers work here too: bulk actions call the same services as the staff pages."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.shortcuts import render

from khuyenhoc.core.access.admin_counts import WholeListCount
from khuyenhoc.core.access.admin_scope import CommuneListFilter, ScopedAdmin, ScopedHistoryAdmin
from khuyenhoc.core.access.scope import is_administrator, is_reviewer

from . import criteria, recognition
from .forms import DecisionForm, ReasonForm
from .models import (
    Citizen,
    Clan,
    CriteriaGroup,
    CriteriaSet,
    DeclaredCount,
    Evaluation,
    Household,
    Indicator,
    RecognitionList,
    Registration,
    Transition,
    Unit,
)


class IndicatorFormSet(BaseInlineFormSet):
    """A group's indicators as entered: a code names one indicator for each group of
    people in the whole set (the scores sheet has a column a code), and only Công dân
    học tập has indicators for one group of people."""

    def clean(self):
        super().clean()
        criteria_set = getattr(self.instance, "criteria_set", None)
        if criteria_set is None:
            return  # the group's own form has errors and is shown again
        taken = list(
            Indicator.objects.filter(group__criteria_set=criteria_set)
            .exclude(group=self.instance.pk)
            .values_list("code", "citizen_group")
        )
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("code"):
                continue
            code, group = data["code"], data.get("citizen_group")
            if group is not None and criteria_set.title != "citizen":
                form.add_error("citizen_group", ONE_GROUP_ONLY_FOR_CITIZENS)
            if any(c == code and (g is None or group is None or g == group) for c, g in taken):
                form.add_error("code", f"Mã {code} đã có trong bộ tiêu chí cho nhóm đối tượng này.")
            taken.append((code, group))


ONE_GROUP_ONLY_FOR_CITIZENS = "Chỉ bộ tiêu chí Công dân học tập có chỉ số riêng cho một nhóm."


class IndicatorInline(admin.TabularInline):
    model = Indicator
    formset = IndicatorFormSet
    extra = 0


class ReferenceDataAdmin(admin.ModelAdmin):
    """Reviewers read the criteria; administrators add and change versions."""

    def has_module_permission(self, request):
        return is_reviewer(request.user)

    def has_view_permission(self, request, obj=None):
        return is_reviewer(request.user)

    def has_change_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_add_permission(self, request):
        return is_administrator(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_administrator(request.user)


@admin.register(CriteriaGroup)
class CriteriaGroupAdmin(ReferenceDataAdmin):
    list_display = ["criteria_set", "order", "name"]
    list_filter = ["criteria_set"]
    inlines = [IndicatorInline]


class CriteriaGroupInline(admin.TabularInline):
    model = CriteriaGroup
    extra = 0
    show_change_link = True


@admin.register(CriteriaSet)
class CriteriaSetAdmin(ReferenceDataAdmin):
    """An administrator adds a new version (with its groups, then indicators) here."""

    list_display = [
        "title",
        "version",
        "decision_reference",
        "effective_from",
        "effective_to",
        "pass_mark",
        "pass_mark_disadvantaged",
        "min_per_indicator",
        "to_be_checked",
    ]
    list_filter = ["title", "status", "to_be_checked"]
    readonly_fields = ["status"]
    inlines = [CriteriaGroupInline]
    actions = ["check_version", "activate_version"]

    def save_model(self, request, obj, form, change):
        if not change:
            # a new version scores nobody until checked and activated (titles/criteria.py)
            obj.status = CriteriaSet.Status.DRAFT
        super().save_model(request, obj, form, change)

    @admin.action(
        description="Kiểm tra bộ tiêu chí đã chọn (bản nháp → đã kiểm tra)", permissions=["change"]
    )
    def check_version(self, request, queryset):
        for criteria_set in queryset:
            try:
                criteria.criteria_set_check(user=request.user, criteria_set=criteria_set)
            except ValidationError as exc:
                self.message_user(
                    request, f"{criteria_set}: {' '.join(exc.messages)}", messages.ERROR
                )
            else:
                self.message_user(request, f"Đã kiểm tra: {criteria_set}.", messages.SUCCESS)

    @admin.action(
        description="Áp dụng bộ tiêu chí đã chọn (xem trước kết quả năm trước)",
        permissions=["change"],
    )
    def activate_version(self, request, queryset):
        if "apply" in request.POST:
            for criteria_set in queryset:
                try:
                    criteria.criteria_set_activate(user=request.user, criteria_set=criteria_set)
                except ValidationError as exc:
                    self.message_user(
                        request, f"{criteria_set}: {' '.join(exc.messages)}", messages.ERROR
                    )
                else:
                    self.message_user(request, f"Đã áp dụng: {criteria_set}.", messages.SUCCESS)
            return None
        return render(
            request,
            "titles/criteria_activate.html",
            {
                **self.admin_site.each_context(request),
                "title": "Áp dụng bộ tiêu chí",
                "sets": [
                    (s, criteria.problems(s), criteria.activation_preview(s)) for s in queryset
                ],
                "opts": self.model._meta,
            },
        )


class SubjectAdmin(WholeListCount, ScopedAdmin):
    show_full_result_count = False  # a second count of the province's citizens on each page
    # the newest first, read backwards along the primary key: by name, each page sorted
    # the province's million citizens (a column's header still sorts by it)
    ordering = ["-pk"]
    list_filter = [("commune", CommuneListFilter)]
    search_fields = ["name_folded"]
    raw_id_fields = ["village"]


@admin.register(Citizen)
class CitizenAdmin(SubjectAdmin):
    list_display = ["full_name", "birth_year", "sex", "group", "village", "commune"]


@admin.register(Household)
class HouseholdAdmin(SubjectAdmin):
    list_display = ["head_name", "members", "village", "commune"]


@admin.register(Clan)
class ClanAdmin(SubjectAdmin):
    list_display = ["name", "commune"]
    raw_id_fields = []
    filter_horizontal = ["villages"]


@admin.register(Unit)
class UnitAdmin(SubjectAdmin):
    list_display = ["name", "kind", "commune"]
    raw_id_fields = []


SUBJECTS = ["citizen", "household", "clan", "village", "unit"]  # a registration's


class YearListFilter(admin.SimpleListFilter):
    """The years a change list offers: those of the recognition lists (one a commune,
    title and year), not Django's SELECT DISTINCT over the province's millions of
    registrations on every page."""

    title = "năm"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = (
            RecognitionList.objects.for_user(request.user)
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isascii() or not value.isdigit() or len(value) > 4:
            raise IncorrectLookupParameters(value)
        return queryset.filter(year=int(value))


@admin.register(Registration)
class RegistrationAdmin(WholeListCount, ScopedHistoryAdmin):
    list_display = ["__str__", "commune", "year", "title", "state"]
    list_filter = [YearListFilter, "title", "state"]
    # the newest first, read backwards along the primary key: any other order sorts the
    # province's millions of rows for each page (a column's header still sorts by it)
    ordering = ["-pk"]
    search_fields = ["household__name_folded", "citizen__name_folded", "clan__name_folded"]
    raw_id_fields = ["citizen", "household", "clan", "village", "unit", "created_by"]
    list_select_related = ["commune"]
    show_full_result_count = False  # a second count of every registration of the province

    def get_queryset(self, request):
        # each row names its subject: one query for each kind of subject, not one a row;
        # joined into the page's query, the seven tables took longer to plan than to run
        return super().get_queryset(request).prefetch_related(*SUBJECTS)


@admin.register(DeclaredCount)
class DeclaredCountAdmin(ScopedHistoryAdmin):
    """Read here by reviewers; declared and changed on the commune's staff pages."""

    list_display = ["village", "commune", "year", "title", "registered", "recognised"]
    list_filter = ["year", "title", ("commune", CommuneListFilter)]
    search_fields = ["village__name", "commune__name"]
    list_select_related = ["village", "commune"]
    readonly_fields = ["updated_at", "updated_by"]


@admin.register(Evaluation)
class EvaluationAdmin(WholeListCount, ScopedHistoryAdmin):
    list_display = ["registration", "total", "passed", "reason", "evaluated_at"]
    list_filter = ["passed"]
    ordering = ["-pk"]  # as RegistrationAdmin
    scope_model = Registration  # an evaluation is where its registration is
    raw_id_fields = ["registration", "evaluated_by"]
    show_full_result_count = False  # a second count of every evaluation of the province
    # each row names its registration's subject: a query for the page and one for each
    # kind of subject, not two a row. Joined into the page's query, the nine tables
    # cost PostgreSQL 40 ms to plan for a 2 ms run.
    list_select_related = ["registration__commune"]

    def get_queryset(self, request):
        subjects = [f"registration__{field}" for field in SUBJECTS]
        return super().get_queryset(request).prefetch_related(*subjects)


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "from_state", "to_state", "note"]

    def has_add_permission(self, request, obj=None):
        return False


def _each(modeladmin, request, queryset, call, done):
    count = 0
    for rlist in queryset:
        try:
            call(rlist)
        except ValidationError as exc:
            modeladmin.message_user(request, f"{rlist}: {' '.join(exc.messages)}", messages.ERROR)
        else:
            count += 1
    if count:
        modeladmin.message_user(request, f"{done}: {count} danh sách.", messages.SUCCESS)


def _with_form(modeladmin, request, queryset, form_class, action, title, call, done):
    form = form_class(request.POST if "apply" in request.POST else None)
    if "apply" in request.POST and form.is_valid():
        _each(modeladmin, request, queryset, lambda r: call(r, form.cleaned_data), done)
        return None
    return render(
        request,
        "titles/admin_action.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "form": form,
            "queryset": queryset,
            "action": action,
            "opts": modeladmin.model._meta,
        },
    )


@admin.register(RecognitionList)
class RecognitionListAdmin(ScopedHistoryAdmin):
    list_display = ["__str__", "state", "proposed_at", "decision_number", "decision_date"]
    list_filter = ["state", "year", "title"]
    list_select_related = ["commune"]  # each row names its commune
    readonly_fields = [f.name for f in RecognitionList._meta.fields]
    inlines = [TransitionInline]
    actions = ["approve", "send_back", "reopen"]

    @admin.action(
        description="Công nhận danh sách đã chọn (ghi số quyết định)", permissions=["review"]
    )
    def approve(self, request, queryset):
        return _with_form(
            self,
            request,
            queryset,
            DecisionForm,
            "approve",
            "Công nhận danh sách",
            lambda r, d: recognition.list_approve(user=request.user, rlist=r, **d),
            "Đã công nhận",
        )

    @admin.action(description="Trả lại danh sách đã chọn (ghi lý do)", permissions=["review"])
    def send_back(self, request, queryset):
        return _with_form(
            self,
            request,
            queryset,
            ReasonForm,
            "send_back",
            "Trả lại danh sách",
            lambda r, d: recognition.list_return(user=request.user, rlist=r, reason=d["reason"]),
            "Đã trả lại",
        )

    @admin.action(description="Mở lại danh sách đã công nhận (ghi lý do)", permissions=["review"])
    def reopen(self, request, queryset):
        return _with_form(
            self,
            request,
            queryset,
            ReasonForm,
            "reopen",
            "Mở lại danh sách",
            lambda r, d: recognition.list_reopen(user=request.user, rlist=r, reason=d["reason"]),
            "Đã mở lại",
        )


# registers the self-service models (titles/selfservice/admin.py)
from .selfservice import admin as selfservice_admin  # noqa: E402, F401
