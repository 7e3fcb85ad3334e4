"""Every write of the areas app: denominators, villages, staff accounts, groups of communes."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from khuyenhoc.core import checks, registry
from khuyenhoc.core.access.scope import require_administrator, require_writable
from khuyenhoc.core.numbers import number as formatted
from khuyenhoc.core.text import fold, nfc

from . import figures, summaries, within
from .freshness import figures_changed
from .models import Commune, CommuneGroup, Denominator, Figure, StaffProfile, Village
from .within import STAGE_WORDS, denominator_field, denominator_words, rated_titles


@transaction.atomic
def denominator_save(*, user, commune: Commune, year: int, values: dict) -> Denominator:
    require_writable(user, commune)
    row = Denominator.objects.select_for_update().filter(
        commune=commune, year=year
    ).first() or Denominator(commune=commune, year=year)
    for field in Denominator.FIELDS:
        if field in values:
            setattr(row, field, values[field])
    row.updated_by = user if user is not None and user.is_authenticated else None
    row._history_user = row.updated_by  # services also run outside a request
    row.full_clean()
    row.save()
    summaries.refresh(figures, commune=commune, year=year)
    _check_declared_counts_fit(row)
    # the validation rules (khuyenhoc.quality): a blocking one undoes the save
    row.warnings = checks.check_figures(commune=commune, year=year, stage=checks.ENTRY)
    return row


def _check_declared_counts_fit(row: Denominator) -> None:
    """A denominator is never lowered (or emptied) below the counts already in use of a
    title declared without a named list (areas.within): the rate would pass 100 %.
    Reads the summary table just refreshed; raising rolls the save back."""
    if summaries.is_deferred():
        return  # the demo seed: the summary table is rebuilt, and checked, at its end
    current = dict(
        Figure.objects.filter(commune=row.commune, year=row.year).values_list("metric", "value")
    )
    titles = rated_titles()
    limits = {title: getattr(row, denominator_field(title)) for title in titles}
    problems = []
    for e in within.excesses(current, limits, titles):
        label = registry.get(e.title).label
        counted = (
            f"{label}: năm {row.year} {row.commune.name} đã có {formatted(e.count)} "
            f"{denominator_words(e.title)} {STAGE_WORDS[e.stage]} (có số lượng khai báo không "
            "kèm danh sách)"
        )
        if e.denominator is None:
            problems.append(f"{counted}, nên không thể để trống số {denominator_words(e.title)}.")
        else:
            problems.append(
                f"{counted}, nên số {denominator_words(e.title)} không thể nhỏ hơn "
                f"{formatted(e.count)} (đang nhập {formatted(e.denominator)}). Hãy sửa số liệu nền "
                "hoặc số lượng đã khai báo."
            )
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def village_create(*, user, commune: Commune, name: str, kind: str) -> Village:
    require_writable(user, commune)
    village = Village(commune=commune, name=nfc(name).strip(), kind=kind)
    village.name_folded = fold(village.name)
    village._history_user = user
    village.full_clean()
    village.save()
    figures_changed()  # the public commune page lists the villages
    return village


@transaction.atomic
def village_rename(*, user, village: Village, name: str, kind: str | None = None) -> Village:
    require_writable(user, village.commune)
    if kind:
        village.kind = kind
    village.name = nfc(name).strip()
    village.name_folded = fold(village.name)
    village._history_user = user
    village.full_clean()
    village.save()
    figures_changed()  # the public commune page lists the villages
    return village


@transaction.atomic
def village_merge(*, user, source: Village, target: Village) -> Village:
    """Merging keeps the old village (records of past years point at it) and marks it."""
    require_writable(user, source.commune)
    if source.pk == target.pk or source.commune_id != target.commune_id:
        raise ValidationError("Chỉ gộp được hai thôn, bản khác nhau của cùng một xã.")
    if not target.is_active:
        raise ValidationError("Không thể gộp vào một thôn, bản đã ngừng hoạt động.")
    source.is_active = False
    source.merged_into = target
    source._history_user = user
    source.save(update_fields=["is_active", "merged_into"])
    figures_changed()  # the public commune page lists the active villages
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


VILLAGE_HEADERS = {"name": "Tên thôn, bản, tổ dân phố", "kind": "Loại"}
_KIND_BY_WORD = {fold(label): value for value, label in Village.Kind.choices} | {
    "thon": Village.Kind.THON,
    "ban": Village.Kind.BAN,
    "to dan pho": Village.Kind.TO_DAN_PHO,
    "to": Village.Kind.TO_DAN_PHO,
    "khac": Village.Kind.KHAC,
}


SAME_VILLAGE = (
    "cùng tên (không kể dấu và chữ hoa) với một thôn, bản, tổ dân phố đang hoạt động của xã."
)


@transaction.atomic
def villages_import(*, user, commune: Commune, data: bytes, skip_existing=False):
    """Adds the villages of a sheet: every row checked first, all rows or none. Names
    the commune already has (SAME_VILLAGE) raise ImportNeedsChoice with the preview,
    unless skip_existing: then only the new villages are added."""
    from khuyenhoc.core.sheets.spreadsheets import ImportRejected, RowError, clean_text, read_sheet
    from khuyenhoc.submissions.previews import (
        DuplicateRow,
        ImportNeedsChoice,
        ImportOutcome,
        Preview,
    )

    require_writable(user, commune)
    rows = read_sheet(data, headers=VILLAGE_HEADERS)
    existing = dict(
        Village.objects.filter(commune=commune, is_active=True).values_list("name_folded", "kind")
    )
    seen: dict[str, int] = {}
    errors, villages = [], []
    preview = Preview(SAME_VILLAGE)
    for number, cells in rows:
        try:
            name = clean_text(cells["name"], max_length=120)
        except ValueError as exc:
            errors.append(RowError(number, str(exc), VILLAGE_HEADERS["name"]))
            continue
        if not name:
            errors.append(RowError(number, "thiếu tên.", VILLAGE_HEADERS["name"]))
            continue
        kind = _KIND_BY_WORD.get(fold(str(cells["kind"] or "Thôn")))
        if kind is None:
            errors.append(
                RowError(
                    number, "loại phải là Thôn, Bản, Tổ dân phố hoặc Khác.", VILLAGE_HEADERS["kind"]
                )
            )
            continue
        key, text = fold(name), f"{name} ({Village.Kind(kind).label})"
        if key in seen:
            errors.append(DuplicateRow(number, text, VILLAGE_HEADERS["name"], first=seen[key]))
            continue
        seen[key] = number
        if key in existing:
            differs = VILLAGE_HEADERS["kind"] if existing[key] != kind else ""
            preview.add("changed" if differs else "same", number, text, differs)
            continue
        preview.add("new", number, text)
        villages.append(Village(commune=commune, name=name, name_folded=key, kind=kind))
    if errors:
        raise ImportRejected(errors)
    if preview.already and not skip_existing:
        raise ImportNeedsChoice(preview)
    bulk_create_with_history(villages, Village, default_user=user)
    figures_changed()  # the public commune page lists the villages
    return ImportOutcome(created=len(villages), skipped=preview.already)


GROUP_NEEDS_COMMUNES = "Nhóm cần ít nhất một xã, phường."
GROUP_OUTSIDE = "Nhóm chỉ gồm các xã, phường của tỉnh: {names} thuộc tỉnh khác."


@transaction.atomic
def commune_group_save(
    *, user, group: CommuneGroup | None = None, name: str, description: str = "", communes
) -> CommuneGroup:
    """Creates (group None) or changes a named group of today's communes of the
    province: an administrator's reference data, whatever the door (admin form, history
    revert)."""
    require_administrator(user, "tạo hay sửa nhóm xã, phường")
    communes = list(communes)
    if not communes:
        raise ValidationError(GROUP_NEEDS_COMMUNES)
    outside = [c.name for c in communes if c.province_id != settings.PROVINCE_CODE]
    if outside:
        raise ValidationError(GROUP_OUTSIDE.format(names=", ".join(outside)))
    group = group or CommuneGroup(province_id=settings.PROVINCE_CODE)
    group.name = nfc(name).strip()
    group.description = nfc(description).strip()
    group._history_user = user
    group.full_clean()
    group.save()
    group.communes.set(communes)
    figures_changed()  # the public pages list the groups
    return group


@transaction.atomic
def commune_group_delete(*, user, group: CommuneGroup) -> None:
    require_administrator(user, "xoá nhóm xã, phường")
    group._history_user = user
    group.delete()
    figures_changed()
