"""Every write of the areas app: denominators, villages, staff accounts."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from khuyenhoc.text import fold, nfc

from . import figures, summaries
from .models import Commune, Denominator, StaffProfile, Village
from .scope import can_touch


def _require_scope(user, commune):
    if user is not None and not can_touch(user, commune.code):
        raise ValidationError("Bạn không có quyền với xã, phường này.")


@transaction.atomic
def denominator_save(*, user, commune: Commune, year: int, values: dict) -> Denominator:
    _require_scope(user, commune)
    row = Denominator.objects.select_for_update().filter(
        commune=commune, year=year
    ).first() or Denominator(commune=commune, year=year)
    for field in Denominator.FIELDS:
        if field in values:
            setattr(row, field, values[field])
    row.updated_by = user if user is not None and user.is_authenticated else None
    row.full_clean()
    row.save()
    summaries.refresh(figures, commune=commune, year=year)
    return row


@transaction.atomic
def village_create(*, user, commune: Commune, name: str, kind: str) -> Village:
    _require_scope(user, commune)
    village = Village(commune=commune, name=nfc(name).strip(), kind=kind)
    village.name_folded = fold(village.name)
    village.full_clean()
    village.save()
    return village


@transaction.atomic
def village_rename(*, user, village: Village, name: str) -> Village:
    _require_scope(user, village.commune)
    village.name = nfc(name).strip()
    village.name_folded = fold(village.name)
    village.full_clean()
    village.save()
    return village


@transaction.atomic
def village_merge(*, user, source: Village, target: Village) -> Village:
    """Merging keeps the old village (records of past years point at it) and marks it."""
    _require_scope(user, source.commune)
    if source.pk == target.pk or source.commune_id != target.commune_id:
        raise ValidationError("Chỉ gộp được hai thôn, bản khác nhau của cùng một xã.")
    if not target.is_active:
        raise ValidationError("Không thể gộp vào một thôn, bản đã ngừng hoạt động.")
    source.is_active = False
    source.merged_into = target
    source.save(update_fields=["is_active", "merged_into"])
    return target


@transaction.atomic
def staff_account_ensure(*, username, password, role, communes=(), email="", full_name=""):
    """Create or update an account with its role and communes (seed and admin scripts)."""
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(username=username)
    user.first_name = full_name
    user.email = email
    user.is_staff = role in (StaffProfile.Role.REVIEWER, StaffProfile.Role.ADMINISTRATOR)
    user.is_superuser = role == StaffProfile.Role.ADMINISTRATOR
    user.set_password(password)
    user.save()
    profile, _ = StaffProfile.objects.update_or_create(user=user, defaults={"role": role})
    profile.communes.set(communes)
    return user
