from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from khuyenhoc.areas.admin_scope import ScopedAdmin

from .models import AnnualReport


@admin.register(AnnualReport)
class AnnualReportAdmin(ScopedAdmin, SimpleHistoryAdmin):
    """Read-only: a report changes only through its commune's page (services.py), so its
    history says who submitted what and when."""

    list_display = ["commune", "year", "submitted_at", "submitted_by"]
    list_filter = ["year"]
    list_select_related = ["commune", "submitted_by"]
    search_fields = ["commune__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
