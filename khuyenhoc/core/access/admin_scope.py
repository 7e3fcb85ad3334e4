"""The admin side of the scoping mechanism and of the roles (scope.py, README "Vai trò").

Every ModelAdmin of a commune-owned model inherits ScopedAdmin, so its changelist,
change page and choices follow scope.py; one with change history inherits
ScopedHistoryAdmin. The admin is a place to read: a ModelAdmin writes only where it says
so in `admin_writes`, only for administrators, and then through its app's services
(save_model), so that the admin checks the same rules as the staff pages. Reviewers act
through admin actions that declare `allowed_permissions = ("review",)` and call the same
services as the review pages.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from khuyenhoc.core.access.querysets import communes
from khuyenhoc.core.access.scope import communes_for, is_administrator, is_reviewer


class CommuneListFilter(admin.RelatedFieldListFilter):
    """A change list's commune filter offers the communes the user may see (a reviewer:
    the province's 150 or so), not the country's 3,321 that Django's filter would list
    on every page of the list."""

    def field_choices(self, field, request, model_admin):
        return list(communes_for(request.user).order_by("name").values_list("code", "name"))


class ScopedAdmin(admin.ModelAdmin):
    """Reviewers and administrators read the province; nobody else gets the admin.

    `admin_writes` names what an administrator may do here ("add", "change",
    "delete"); by default nothing: a record of a commune is written on the staff pages,
    where the services check scope and state."""

    admin_writes = frozenset()

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        for_user = getattr(qs, "for_user", None)
        return for_user(request.user) if for_user else qs

    def has_module_permission(self, request):
        return is_reviewer(request.user)

    def has_view_permission(self, request, obj=None):
        return is_reviewer(request.user)

    def has_change_permission(self, request, obj=None):
        return "change" in self.admin_writes and is_administrator(request.user)

    def has_add_permission(self, request):
        return "add" in self.admin_writes and is_administrator(request.user)

    def has_delete_permission(self, request, obj=None):
        return "delete" in self.admin_writes and is_administrator(request.user)

    def has_review_permission(self, request):
        """For actions with allowed_permissions = ("review",): approve, return, reopen."""
        return is_reviewer(request.user)

    def has_erase_permission(self, request):
        """For actions with allowed_permissions = ("erase",): erasure on request."""
        return is_administrator(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is communes().model:
            kwargs["queryset"] = communes_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedHistoryAdmin(ScopedAdmin, SimpleHistoryAdmin):
    """A ScopedAdmin whose records keep their change history. Reverting to an old
    version is a change like any other: django-simple-history lets anyone who may *view*
    the history post its revert form, so here it takes the change permission, and goes
    through the same save_model (the same service). Ledgers set `revert_allowed = False`:
    their entries are corrected by new entries, never rewritten."""

    revert_allowed = True

    def has_view_history_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_change_history_permission(self, request, obj=None):
        return self.revert_allowed and self.has_change_permission(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            obj = self.get_object(request, unquote(object_id))
            if obj is None or not self.has_change_history_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReferenceAdmin(admin.ModelAdmin):
    """Official reference data: loaded from the package, read-only for everyone."""

    def has_module_permission(self, request):
        return is_reviewer(request.user)

    def has_view_permission(self, request, obj=None):
        return is_reviewer(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
