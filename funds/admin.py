"""Reviewers read every fund of the province here. The money trail is append-only:
entries, books and overdraft grants are never added, changed or deleted in the admin;
corrections go through the staff pages (services.entry_reverse). Administrators may
create a fund or change one, through services.fund_create and services.fund_update
whatever the admin door (change form, history revert)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect

from khuyenhoc.core.access.admin_scope import ScopedAdmin, ScopedHistoryAdmin

from . import services
from .models import (
    Beneficiary,
    Campaign,
    Fund,
    FundYear,
    OverdraftGrant,
    Payout,
    Receipt,
    SignedList,
    Transfer,
)

FUND_FIELDS = ["branch", "name", "opening_year", "opening_balance"]


class ReadOnlyAdmin(ScopedHistoryAdmin):
    """The ledger: read, never rewritten, not even to an earlier version."""

    revert_allowed = False

    def save_model(self, request, obj, form, change):
        # The last word for any admin door that reaches a save (a history revert):
        # entries and books are written by the services only.
        raise PermissionDenied

    def delete_model(self, request, obj):
        raise PermissionDenied


class FundAdminForm(forms.ModelForm):
    class Meta:
        model = Fund
        fields = FUND_FIELDS
        help_texts = {
            "branch": "Để trống khi tạo quỹ của Hội Khuyến học tỉnh (tạo Hội tỉnh nếu chưa có)."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["branch"].required = False

    def _get_validation_exclusions(self):
        # a new fund without a branch is the provincial association's: the service finds
        # or creates that branch, the form has none to check yet
        exclusions = super()._get_validation_exclusions()
        if self.instance.branch_id is None:
            exclusions.add("branch")
        return exclusions

    def clean(self):
        data = super().clean()
        if self.instance.pk and not self.errors:
            # Against the stored fund: a history revert's form holds an old version.
            stored = Fund.objects.get(pk=self.instance.pk)
            try:
                services.fund_check_update(stored, {f: data[f] for f in FUND_FIELDS})
            except ValidationError as exc:
                raise forms.ValidationError(exc.messages) from exc
        return data


@admin.register(Fund)
class FundAdmin(ScopedHistoryAdmin):
    admin_writes = frozenset({"add", "change"})  # through services.fund_create, fund_update
    form = FundAdminForm
    list_display = ["name", "branch", "opening_year", "opening_balance"]
    list_select_related = ["branch"]
    search_fields = ["name", "branch__name"]
    raw_id_fields = ["branch"]

    def save_model(self, request, obj, form, change):
        values = {f: form.cleaned_data[f] for f in FUND_FIELDS}
        if change:
            services.fund_update(user=request.user, fund=obj, **values)
        else:
            obj.pk = services.fund_create(user=request.user, **values).pk
            obj._state.adding = False

    def changeform_view(self, request, *args, **kwargs):
        return self._refusals_as_messages(request, super().changeform_view, *args, **kwargs)

    def history_form_view(self, request, *args, **kwargs):
        return self._refusals_as_messages(request, super().history_form_view, *args, **kwargs)

    def _refusals_as_messages(self, request, view, *args, **kwargs):
        """A service's refusal (a year closed between the form's check and the save)
        is shown on the page it came from; its transaction has rolled back."""
        try:
            return view(request, *args, **kwargs)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


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


@admin.register(Transfer)
class TransferAdmin(ReadOnlyAdmin):
    list_display = ["date", "from_fund", "to_fund", "external_party", "amount", "state"]
    list_filter = ["state"]
    list_select_related = ["from_fund", "to_fund"]

    def get_queryset(self, request):
        # Transfer has no scoped manager of its own: the province's funds' transfers
        visible = Fund.objects.for_user(request.user)
        return Transfer.objects.filter(from_fund__in=visible) | Transfer.objects.filter(
            to_fund__in=visible
        )


@admin.register(SignedList)
class SignedListAdmin(ScopedAdmin):
    """The scans' records; the files themselves are served by the staff page only."""

    list_display = ["payout", "original_name", "content_type", "size", "uploaded_at"]
    list_select_related = ["payout"]
    exclude = ["file"]


@admin.register(Campaign)
class CampaignAdmin(ScopedAdmin):
    """Campaigns are created on the staff page (funds.campaigns.campaign_create)."""

    list_display = ["name", "starts_on", "ends_on", "target"]
