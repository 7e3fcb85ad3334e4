"""Reviewers read every fund of the province here. The money trail is append-only:
entries, books and overdraft grants are never added, changed or deleted in the admin;
corrections go through the staff pages (services.entry_reverse)."""

from django.contrib import admin

from khuyenhoc.areas.admin_scope import ScopedHistoryAdmin

from .models import Beneficiary, Fund, FundYear, OverdraftGrant, Payout, Receipt


class ReadOnlyAdmin(ScopedHistoryAdmin):
    """The ledger: read, never rewritten, not even to an earlier version."""

    revert_allowed = False


@admin.register(Fund)
class FundAdmin(ScopedHistoryAdmin):
    admin_writes = frozenset({"change"})
    list_display = ["name", "branch", "opening_year", "opening_balance"]
    list_select_related = ["branch"]
    search_fields = ["name", "branch__name"]
    raw_id_fields = ["branch"]


@admin.register(FundYear)
class FundYearAdmin(ReadOnlyAdmin):
    list_display = ["fund", "year", "last_receipt_number", "last_payout_number", "closed_at"]
    list_filter = ["year"]
    list_select_related = ["fund"]


class BeneficiaryInline(admin.TabularInline):
    model = Beneficiary
    extra = 0
    can_delete = False
    fields = ["name", "school", "grade", "amount", "name_public"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Receipt)
class ReceiptAdmin(ReadOnlyAdmin):
    list_display = ["number", "year", "date", "fund", "donor_category", "amount", "reverses"]
    list_filter = ["year", "donor_category", "in_kind"]
    list_select_related = ["fund", "reverses"]
    search_fields = ["donor_name", "campaign"]


@admin.register(Payout)
class PayoutAdmin(ReadOnlyAdmin):
    list_display = ["number", "year", "date", "fund", "kind", "portions", "amount", "reverses"]
    list_filter = ["year", "kind"]
    list_select_related = ["fund", "reverses"]
    inlines = [BeneficiaryInline]


@admin.register(OverdraftGrant)
class OverdraftGrantAdmin(ReadOnlyAdmin):
    list_display = ["fund", "amount", "reason", "granted_by", "granted_at"]
    list_select_related = ["fund", "granted_by"]
