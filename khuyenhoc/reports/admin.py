from django.contrib import admin

from khuyenhoc.core.access.admin_scope import ScopedHistoryAdmin

from .models import AnnualReport


@admin.register(AnnualReport)
class AnnualReportAdmin(ScopedHistoryAdmin):
    """Read-only: a report changes only through its commune's page (services.py), so its
    history says who submitted what and when."""

    list_display = ["commune", "year", "submitted_at", "submitted_by"]
    list_filter = ["year"]
    list_select_related = ["commune", "submitted_by"]
    search_fields = ["commune__name"]
