"""The admin side of the scoping mechanism: every ModelAdmin of a commune-owned model
inherits ScopedAdmin, so its changelist, change page and choices follow scope.py."""

from django.contrib import admin

from .models import Commune
from .scope import communes_for, is_administrator, is_reviewer


class ScopedAdmin(admin.ModelAdmin):
    """Reviewers read the province and change what reviewers may change; administrators
    may do everything; nobody else gets the admin."""

    reviewer_can_change = False

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        for_user = getattr(qs, "for_user", None)
        return for_user(request.user) if for_user else qs

    def has_module_permission(self, request):
        return is_reviewer(request.user)

    def has_view_permission(self, request, obj=None):
        return is_reviewer(request.user)

    def has_change_permission(self, request, obj=None):
        return is_administrator(request.user) or (
            self.reviewer_can_change and is_reviewer(request.user)
        )

    def has_add_permission(self, request):
        return self.has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return is_administrator(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Commune:
            kwargs["queryset"] = communes_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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
