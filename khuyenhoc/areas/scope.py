"""The one scoping mechanism: which communes a user may see and change.

Every staff view, export, import and admin page asks here, through
`communes_for(user)`, `ScopedQuerySet.for_user(user)` or `get_commune_or_404`.
Nothing else filters by commune on its own.
"""

from django.conf import settings
from django.db import models
from django.http import Http404

from .models import Commune, StaffProfile

Role = StaffProfile.Role


def role_of(user) -> str | None:
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    profile = getattr(user, "staff_profile", None)
    return profile.role if profile else None


def is_reviewer(user) -> bool:
    """Reviewers and administrators read the whole province and approve."""
    return role_of(user) in (Role.REVIEWER, Role.ADMINISTRATOR)


def is_administrator(user) -> bool:
    return role_of(user) == Role.ADMINISTRATOR


def communes_for(user) -> models.QuerySet[Commune]:
    role = role_of(user)
    province_communes = Commune.objects.filter(province_id=settings.PROVINCE_CODE)
    if role in (Role.REVIEWER, Role.ADMINISTRATOR):
        return province_communes
    if role == Role.COMMUNE_STAFF:
        return province_communes.filter(staff_profiles__user=user)
    return Commune.objects.none()


def can_touch(user, commune_code) -> bool:
    return communes_for(user).filter(code=commune_code).exists()


def get_commune_or_404(user, code) -> Commune:
    """The commune with this code, if the user may work on it; 404 otherwise, so that a
    stranger cannot even learn whether the commune has data."""
    try:
        return communes_for(user).select_related("province").get(code=int(code))
    except (Commune.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404("Không tìm thấy xã, phường này trong phạm vi của bạn.") from exc
