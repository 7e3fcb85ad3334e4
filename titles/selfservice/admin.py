"""Self-service in the admin: the province reads the codes a commune issued and what its
households sent, and writes nothing here. Codes are issued (and printed, the one time
they exist in clear) and revoked on the commune's pages; submissions are decided there,
through titles/selfservice/services.py. The self-assessment, the ID number and the
evidence are not shown: they are served to the staff of the commune only."""

from django.contrib import admin
from django.db.models import Count

from khuyenhoc.core.access.admin_scope import CommuneListFilter, ScopedAdmin, ScopedHistoryAdmin

from ..models import HouseholdCode, SelfRegistration


@admin.register(HouseholdCode)
class HouseholdCodeAdmin(ScopedHistoryAdmin):
    list_display = ["__str__", "commune", "village", "issued_at", "revoked_at", "household"]
    list_filter = [("commune", CommuneListFilter)]
    list_select_related = ["commune", "village", "household"]
    # the digest is left out: it says nothing to a reader and is all a guesser needs
    fields = ["commune", "village", "number", "issued_at", "revoked_at", "household"]
    readonly_fields = fields


@admin.register(SelfRegistration)
class SelfRegistrationAdmin(ScopedAdmin):
    """Without the history pages of ScopedHistoryAdmin: every history row holds the
    answers and the ID number as they were sent."""

    list_display = ["full_name", "title", "year", "commune", "village", "state", "sent_at"]
    list_filter = ["state", "title", "year", ("commune", CommuneListFilter)]
    list_select_related = ["commune", "village"]
    search_fields = ["name_folded"]
    fields = [
        "commune",
        "village",
        "household_code",
        "year",
        "title",
        "full_name",
        "birth_year",
        "sex",
        "group",
        "members",
        "consent_at",
        "sent_at",
        "evidence_files",
        "state",
        "reason",
        "decided_at",
        "registration_entry",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(evidence_count=Count("evidence"))

    @admin.display(description="phiếu mã của hộ")
    def household_code(self, obj):
        return obj.code

    @admin.display(description="số tệp minh chứng")
    def evidence_files(self, obj):
        return obj.evidence_count

    @admin.display(description="đăng ký trong danh sách của xã")
    def registration_entry(self, obj):
        return obj.registration or "—"
