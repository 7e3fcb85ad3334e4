"""The province's settings of its figures, kept by administrators (reviewers read them):
every save goes through services.py, like the staff pages."""

from django.contrib import admin

from khuyenhoc.core.access.admin_scope import ScopedAdmin

from . import services
from .models import Publication, Reminder, ReportingDeadline, ValidationRule


class SettingsAdmin(ScopedAdmin):
    admin_writes = frozenset({"add", "change"})

    def save_model(self, request, obj, form, change):
        # the form ran the model's clean(): the service checks the role and saves
        self.save_through_service(request.user, obj)


@admin.register(Publication)
class PublicationAdmin(SettingsAdmin):
    list_display = ["province", "published_year"]

    def save_through_service(self, user, obj):
        services.publication_set(
            user=user, province=obj.province, published_year=obj.published_year
        )


@admin.register(ReportingDeadline)
class ReportingDeadlineAdmin(SettingsAdmin):
    list_display = ["year", "due_on", "province"]

    def save_through_service(self, user, obj):
        services.deadline_save(user=user, deadline=obj)


@admin.register(ValidationRule)
class ValidationRuleAdmin(SettingsAdmin):
    list_display = ["name", "kind", "severity", "low", "high", "is_active"]
    list_filter = ["severity", "is_active"]

    def save_through_service(self, user, obj):
        services.rule_save(user=user, rule=obj)


@admin.register(Reminder)
class ReminderAdmin(ScopedAdmin):
    list_display = ["commune", "year", "sent_at", "read_at"]
    list_select_related = ["commune"]
