"""Reviewers read branches and members across the province; administrators may change
them. Personal fields are read-only unless the user is an administrator, and writes go
through services so figures and history stay right."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from khuyenhoc.core.access.admin_counts import WholeListCount
from khuyenhoc.core.access.admin_scope import CommuneListFilter, ScopedAdmin
from khuyenhoc.core.access.scope import is_administrator
from khuyenhoc.core.text import fold

from . import services
from .models import Branch, Member

PERSONAL = ["member_number", "full_name", "birth_year", "gender", "phone", "leave_reason"]


class ProvinceBranchForm(forms.ModelForm):
    """The admin adds one kind of branch: the provincial association (its province is
    the portal's own, set by the service). Communes' branches are made on staff pages."""

    class Meta:
        model = Branch
        fields = ["name"]
        help_texts = {"name": "Ví dụ: Hội Khuyến học tỉnh Sơn La."}

    def clean(self):
        data = super().clean()
        if Branch.objects.filter(kind=Branch.Kind.PROVINCE, dissolved_on__isnull=True).exists():
            raise forms.ValidationError("Tỉnh đã có Hội Khuyến học tỉnh.")
        return data


@admin.register(Branch)
class BranchAdmin(ScopedAdmin):
    admin_writes = frozenset({"add"})  # the provincial association, services.province_branch_ensure
    list_display = ["name", "kind", "commune", "village", "founded_on", "dissolved_on"]
    list_filter = [
        "kind",
        ("commune", CommuneListFilter),
        ("dissolved_on", admin.EmptyFieldListFilter),
    ]
    search_fields = ["name", "commune__name"]
    list_select_related = ["commune", "village"]
    readonly_fields = ["province", "parent"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ProvinceBranchForm
            kwargs["fields"] = ["name"]
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return ["name"] if obj is None else super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        branch = services.province_branch_ensure(user=request.user, name=form.cleaned_data["name"])
        obj.pk = branch.pk
        obj._state.adding = False


@admin.register(Member)
class MemberAdmin(WholeListCount, ScopedAdmin):
    admin_writes = frozenset({"change"})  # through services.member_update
    list_display = [
        "__str__",
        "member_number",
        "birth_year",
        "gender",
        "branch",
        "commune",
        "joined_on",
        "left_on",
    ]
    list_filter = [
        ("commune", CommuneListFilter),
        "branch__kind",
        "gender",
        ("left_on", admin.EmptyFieldListFilter),
    ]
    search_fields = ["name_folded", "=member_number"]
    list_select_related = ["branch", "commune"]
    show_full_result_count = False
    # the newest first, read backwards along the primary key: by commune and name,
    # each page sorted the province's members (a column's header still sorts by it)
    ordering = ["-pk"]
    fields = [
        "member_number",
        "full_name",
        "birth_year",
        "gender",
        "phone",
        "branch",
        "joined_on",
        "left_on",
        "leave_reason",
        "commune",
        "province",
        "erased_on",
    ]
    actions = ["erase_selected"]

    def get_readonly_fields(self, request, obj=None):
        always = ["commune", "province", "erased_on", "left_on", "leave_reason"]
        if is_administrator(request.user) and not (obj and obj.is_erased):
            return always
        return always + [f for f in PERSONAL if f not in always]

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "branch":
            kwargs["queryset"] = Branch.objects.for_user(request.user).exclude(
                kind=Branch.Kind.PROVINCE
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        changes = {f: form.cleaned_data[f] for f in form.changed_data if f in form.cleaned_data}
        stored = Member.objects.get(pk=obj.pk)  # the form already changed obj: keep old dates
        try:
            services.member_update(user=request.user, member=stored, **changes)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)

    @admin.action(
        description="Xoá thông tin cá nhân (theo yêu cầu của người đó)",
        permissions=["erase"],
    )
    def erase_selected(self, request, queryset):
        done = 0
        for member in queryset.filter(erased_on__isnull=True):
            try:
                services.member_erase(user=request.user, member=member)
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
            else:
                done += 1
        self.message_user(request, f"Đã xoá thông tin cá nhân của {done} hội viên.")
