"""The admin of the named groups of communes (imported by admin.py)."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect

from khuyenhoc.core.access.admin_scope import ScopedHistoryAdmin
from khuyenhoc.core.access.scope import communes_for

from . import services
from .models import CommuneGroup


@admin.register(CommuneGroup)
class CommuneGroupAdmin(ScopedHistoryAdmin):
    """Named groups of today's communes (a former city, an emulation cluster): reference
    data of the administrators, written through services.commune_group_save whatever the
    door (add, change, history revert) and deleted one by one through
    services.commune_group_delete (no bulk delete, which would go round the service).
    Reviewers read them, as every ScopedAdmin."""

    admin_writes = frozenset({"add", "change", "delete"})
    fields = ["name", "description", "communes"]
    filter_horizontal = ["communes"]
    list_display = ["name", "commune_count"]
    search_fields = ["name", "communes__name"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(province_id=settings.PROVINCE_CODE)

    @admin.display(description="số xã, phường")
    def commune_count(self, group):
        return group.communes.count()

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)
        return actions

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "communes":
            kwargs["queryset"] = communes_for(request.user).order_by("name")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = services.commune_group_save(
            user=request.user,
            group=obj if change else None,
            name=data["name"],
            description=data.get("description", ""),
            communes=data["communes"],
        )
        obj.pk = saved.pk
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        """The service has set the communes; the form's own save_m2m would write them a
        second time, outside it."""

    def delete_model(self, request, obj):
        services.commune_group_delete(user=request.user, group=obj)

    def changeform_view(self, request, *args, **kwargs):
        return self._refusals_as_messages(request, super().changeform_view, *args, **kwargs)

    def history_form_view(self, request, *args, **kwargs):
        return self._refusals_as_messages(request, super().history_form_view, *args, **kwargs)

    def _refusals_as_messages(self, request, view, *args, **kwargs):
        """A service's refusal (a name another group has) is shown on the page it came
        from; its transaction has rolled back."""
        try:
            return view(request, *args, **kwargs)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
