from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils import timezone

from khuyenhoc.core.access.admin_scope import (
    CommuneListFilter,
    ReferenceAdmin,
    ScopedAdmin,
    ScopedHistoryAdmin,
)
from khuyenhoc.core.access.scope import is_administrator

from .models import (
    Commune,
    Denominator,
    Figure,
    LegacyCommune,
    LegacyDistrict,
    LegacyMapping,
    LegacyProvince,
    Province,
    StaffProfile,
    Village,
)

admin.site.site_header = "Quản trị Cổng khuyến học"
admin.site.site_title = "Quản trị khuyến học"
admin.site.index_title = "Dữ liệu của Hội Khuyến học"


@admin.register(Province)
class ProvinceAdmin(ReferenceAdmin):
    list_display = ["code_display", "name", "kind"]
    search_fields = ["name", "codename"]


@admin.register(Commune)
class CommuneAdmin(ScopedAdmin):
    """The units come from the package; an administrator marks disadvantaged areas."""

    admin_writes = frozenset({"change"})
    list_display = ["code_display", "name", "kind", "province", "is_disadvantaged"]
    list_filter = ["province", "kind", "is_disadvantaged"]
    search_fields = ["name", "codename", "code"]
    readonly_fields = ["code", "name", "kind", "codename", "province"]
    list_select_related = ["province"]


@admin.register(LegacyProvince)
class LegacyProvinceAdmin(ReferenceAdmin):
    list_display = ["code", "name", "kind"]
    search_fields = ["name"]


@admin.register(LegacyDistrict)
class LegacyDistrictAdmin(ReferenceAdmin):
    list_display = ["code", "name", "kind", "province"]
    list_filter = ["province"]
    search_fields = ["name"]
    list_select_related = ["province"]


@admin.register(LegacyCommune)
class LegacyCommuneAdmin(ReferenceAdmin):
    list_display = ["code_display", "name", "kind", "district"]
    list_filter = ["district__province"]
    search_fields = ["name"]
    list_select_related = ["district"]


@admin.register(LegacyMapping)
class LegacyMappingAdmin(ReferenceAdmin):
    list_display = ["legacy_commune", "commune", "is_partly_merged"]
    list_filter = ["is_partly_merged", "commune__province"]
    search_fields = ["legacy_commune__name", "commune__name"]
    list_select_related = ["legacy_commune__district", "commune"]


@admin.register(Village)
class VillageAdmin(ScopedHistoryAdmin):
    list_display = ["name", "kind", "commune", "is_active"]
    list_filter = ["kind", "is_active", "commune__province", ("commune", CommuneListFilter)]
    search_fields = ["name", "commune__name"]
    list_select_related = ["commune"]
    exclude = ["name_folded"]


@admin.register(Denominator)
class DenominatorAdmin(ScopedHistoryAdmin):
    list_display = [
        "commune",
        "year",
        "population",
        "adults",
        "households",
        "clans",
        "villages",
        "units",
    ]
    list_filter = ["year", "commune__province", ("commune", CommuneListFilter)]
    search_fields = ["commune__name"]
    list_select_related = ["commune"]
    readonly_fields = ["updated_at", "updated_by"]


@admin.register(Figure)
class FigureAdmin(ReferenceAdmin):
    list_display = ["commune", "year", "metric", "value"]
    list_filter = ["year", "metric"]
    search_fields = ["commune__name", "metric"]
    list_select_related = ["commune"]


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    filter_horizontal = ["communes"]


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class StaffUserAdmin(UserAdmin):
    """Accounts are the administrator's alone."""

    inlines = [StaffProfileInline]
    list_display = ["username", "first_name", "email", "role", "is_active"]
    list_filter = ["staff_profile__role", "is_active", "staff_profile__communes__province"]
    list_select_related = ["staff_profile"]

    @admin.display(description="vai trò")
    def role(self, user):
        profile = getattr(user, "staff_profile", None)
        return profile.get_role_display() if profile else "–"

    def has_module_permission(self, request):
        return is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    has_change_permission = has_add_permission = has_view_permission

    def has_delete_permission(self, request, obj=None):
        return is_administrator(request.user)


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class LoginAttemptAdmin(AccessAttemptAdmin):
    """django-axes' own, with its clean-up action mended: the action reads the time of
    the attempt, which axes sets on login requests only, and answered a server error."""

    @admin.action(description="Xoá các lần đăng nhập sai đã hết hạn")
    def cleanup_expired_attempts(self, request, queryset):
        request.axes_attempt_time = timezone.now()
        return super().cleanup_expired_attempts(request, queryset)


from . import admin_groups  # noqa: E402, F401  (registers the groups' admin)
