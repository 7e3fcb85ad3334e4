"""Every write of the members app: branches and members. Views, admin, the import and
the management command all come through here; each function checks scope and keeps the
summary figures in the same transaction."""

import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from khuyenhoc.areas import summaries
from khuyenhoc.areas.models import Province
from khuyenhoc.core import erasure
from khuyenhoc.core.access.scope import require_province_office, require_writable
from khuyenhoc.core.text import nfc

from . import figures
from .models import Branch, Member, clean_phone, member_errors, validate_member_number

MEMBER_FIELDS = ("full_name", "gender", "birth_year", "phone", "branch", "joined_on")


def refresh_figures(commune, *dates):
    for year in figures.years_affected(*dates):
        summaries.refresh(figures, commune=commune, year=year)


# Branches


def _check_branch(branch: Branch, *, earliest_join=None):
    if branch.kind == Branch.Kind.PROVINCE:
        raise ValidationError("Hội Khuyến học tỉnh chỉ do quản trị tạo.")
    if not branch.name:
        raise ValidationError({"name": "Hãy nhập tên chi hội."})
    if branch.founded_on and branch.founded_on > timezone.localdate():
        raise ValidationError({"founded_on": "Ngày thành lập không thể ở tương lai."})
    if earliest_join and branch.founded_on and branch.founded_on > earliest_join:
        raise ValidationError(
            {
                "founded_on": "Chi hội có hội viên vào hội từ "
                f"{earliest_join:%d/%m/%Y}, trước ngày thành lập này."
            }
        )
    if branch.kind == Branch.Kind.COMMUNE:
        others = Branch.objects.filter(
            commune=branch.commune, kind=Branch.Kind.COMMUNE, dissolved_on__isnull=True
        ).exclude(pk=branch.pk)
        if others.exists():
            raise ValidationError({"kind": "Xã, phường này đã có Hội Khuyến học."})
    branch.full_clean()


def _parent_for(branch: Branch):
    if branch.kind == Branch.Kind.COMMUNE:
        return Branch.objects.filter(
            province=branch.province, kind=Branch.Kind.PROVINCE, dissolved_on__isnull=True
        ).first()
    return Branch.objects.filter(
        commune=branch.commune, kind=Branch.Kind.COMMUNE, dissolved_on__isnull=True
    ).first()


@transaction.atomic
def branch_create(*, user, commune, kind, name, village=None, founded_on=None) -> Branch:
    require_writable(user, commune)
    branch = Branch(
        province_id=commune.province_id,
        commune=commune,
        kind=kind,
        name=nfc(name).strip(),
        village=village,
        founded_on=founded_on,
    )
    _check_branch(branch)
    branch.parent = _parent_for(branch)
    branch.save()
    refresh_figures(commune, founded_on or timezone.localdate().replace(month=1, day=1))
    return branch


@transaction.atomic
def province_branch_ensure(*, user, name: str = "") -> Branch:
    """The provincial association (Hội Khuyến học tỉnh), created on first need by an
    administrator or its office staff: the one branch with no commune, whose province is
    the portal's own."""
    require_province_office(user, "tạo Hội Khuyến học tỉnh")
    existing = (
        Branch.objects.select_for_update()
        .filter(province_id=settings.PROVINCE_CODE, kind=Branch.Kind.PROVINCE)
        .filter(dissolved_on__isnull=True)
        .first()
    )
    if existing is not None:
        return existing
    province = Province.objects.get(pk=settings.PROVINCE_CODE)
    name = nfc(name).strip() or f"Hội Khuyến học {province.name}"
    branch = Branch(province=province, kind=Branch.Kind.PROVINCE, name=name[:200])
    branch.full_clean()
    branch.save()
    # the commune associations created before it now have their parent
    Branch.objects.filter(province=province, kind=Branch.Kind.COMMUNE, parent__isnull=True).update(
        parent=branch
    )
    return branch


@transaction.atomic
def branch_update(*, user, branch: Branch, name, kind, village=None, founded_on=None) -> Branch:
    require_writable(user, branch.commune)
    branch.name, branch.kind, branch.village = nfc(name).strip(), kind, village
    branch.founded_on = founded_on
    earliest = branch.members.order_by("joined_on").values_list("joined_on", flat=True).first()
    _check_branch(branch, earliest_join=earliest)
    branch.parent = _parent_for(branch) if branch.parent_id is None else branch.parent
    branch.save()
    # a change of kind moves the per-kind figure of every counted year
    refresh_figures(branch.commune, date(figures.FIRST_YEAR, 1, 1))
    return branch


@transaction.atomic
def branch_dissolve(*, user, branch: Branch, dissolved_on) -> Branch:
    require_writable(user, branch.commune)
    if branch.dissolved_on is not None:
        raise ValidationError("Chi hội này đã giải thể.")
    if dissolved_on is None or dissolved_on > timezone.localdate():
        raise ValidationError({"dissolved_on": "Hãy nhập ngày giải thể, không ở tương lai."})
    if branch.founded_on and dissolved_on < branch.founded_on:
        raise ValidationError({"dissolved_on": "Ngày giải thể phải sau ngày thành lập."})
    remaining = branch.members.filter(left_on__isnull=True).count()
    if remaining:
        raise ValidationError(
            f"Chi hội còn {remaining} hội viên đang sinh hoạt: hãy chuyển họ sang chi hội "
            "khác hoặc ghi ra hội trước khi giải thể."
        )
    branch.dissolved_on = dissolved_on
    branch.save(update_fields=["dissolved_on"])
    refresh_figures(branch.commune, dissolved_on)
    return branch


# Members


# The n of "<commune code>-<n>" that the numbering counts from: ASCII digits only (a
# stored "03646-①" is no number), and no more than nine, so that the next number still
# fits the column whatever was typed by hand (a 14-digit n is left out of the count).
_COUNTED_SUFFIX = re.compile(r"[0-9]{1,9}")


def next_member_numbers(commune, count: int) -> list[str]:
    """Numbers "<commune code>-<n>" after the highest already given in the commune."""
    if count <= 0:  # a sheet whose rows all have their number: no need to read the register
        return []
    prefix = f"{commune.pk:05d}-"
    highest = 0
    taken = Member.objects.filter(commune=commune, member_number__startswith=prefix)
    for number in taken.values_list("member_number", flat=True).iterator():
        suffix = number[len(prefix) :]
        if _COUNTED_SUFFIX.fullmatch(suffix):
            highest = max(highest, int(suffix))
    return [f"{prefix}{n:05d}" for n in range(highest + 1, highest + count + 1)]


def _check_member(user, member: Member):
    branch = member.branch
    require_writable(user, branch.commune)
    if not member.full_name:
        raise ValidationError({"full_name": "Hãy nhập họ và tên."})
    if member.gender not in Member.Gender.values:
        raise ValidationError({"gender": "Hãy chọn giới tính."})
    if member.birth_year is None:
        raise ValidationError({"birth_year": "Hãy nhập năm sinh."})
    if member.joined_on is None:
        raise ValidationError({"joined_on": "Hãy nhập ngày vào hội."})
    if not branch.is_active:
        raise ValidationError({"branch": "Chi hội này đã giải thể."})
    errors = member_errors(
        birth_year=member.birth_year,
        joined_on=member.joined_on,
        left_on=member.left_on,
        branch=branch,
        today=timezone.localdate(),
    )
    if errors:
        raise ValidationError(errors)
    try:
        member.phone = clean_phone(member.phone)
    except ValueError as exc:
        raise ValidationError({"phone": f"Số điện thoại không hợp lệ: {exc}."}) from exc
    try:
        validate_member_number(member.member_number)
    except ValidationError as exc:
        raise ValidationError({"member_number": exc.messages}) from exc
    taken = Member.objects.filter(province=member.province_id, member_number=member.member_number)
    if taken.exclude(pk=member.pk).exists():
        raise ValidationError({"member_number": f"Số thẻ {member.member_number} đã có trong tỉnh."})


@transaction.atomic
def member_create(
    *, user, branch, full_name, gender, birth_year, joined_on, phone="", member_number=""
) -> Member:
    if branch.commune is None:
        raise ValidationError({"branch": "Hãy chọn chi hội của xã, phường."})
    member = Member(
        province_id=branch.province_id,
        commune_id=branch.commune_id,
        branch=branch,
        full_name=" ".join(nfc(full_name).split()),
        gender=gender,
        birth_year=birth_year,
        joined_on=joined_on,
        phone=phone or "",
        member_number=(member_number or "").strip() or next_member_numbers(branch.commune, 1)[0],
    )
    _check_member(user, member)
    member.save()
    refresh_figures(branch.commune, joined_on)
    return member


@transaction.atomic
def member_update(*, user, member: Member, **changes) -> Member:
    require_writable(user, member.commune)
    if member.is_erased:
        raise ValidationError("Hội viên này đã được xoá thông tin cá nhân; không sửa được.")
    unknown = set(changes) - {*MEMBER_FIELDS, "member_number"}
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    old_joined, old_commune = member.joined_on, member.commune
    for field, value in changes.items():
        setattr(member, field, value)
    member.full_name = " ".join(nfc(member.full_name).split())
    member.member_number = (member.member_number or "").strip() or next_member_numbers(
        member.branch.commune, 1
    )[0]
    if member.branch.commune_id != old_commune.pk:
        raise ValidationError({"branch": "Chỉ chuyển được sang chi hội trong cùng xã, phường."})
    _check_member(user, member)
    member.save()
    refresh_figures(member.commune, old_joined, member.joined_on)
    return member


@transaction.atomic
def member_leave(*, user, member: Member, left_on, reason="") -> Member:
    require_writable(user, member.commune)
    if member.left_on is not None:
        raise ValidationError("Hội viên này đã ra hội.")
    errors = member_errors(
        birth_year=None,
        joined_on=member.joined_on,
        left_on=left_on,
        branch=None,
        today=timezone.localdate(),
    )
    if left_on is None:
        errors["left_on"] = "Hãy nhập ngày ra hội."
    if errors:
        raise ValidationError(errors)
    member.left_on = left_on
    member.leave_reason = " ".join(nfc(reason or "").split())[:200]
    member.save(update_fields=["left_on", "leave_reason", "updated_at"])
    refresh_figures(member.commune, left_on)
    return member


@transaction.atomic
def member_erase(*, user, member: Member) -> Member:
    """On the person's request (Luật Bảo vệ dữ liệu cá nhân): the personal fields go, in
    the register and in its history, and every name the member was stored under goes
    from the admin log and from the commune's notes (khuyenhoc.core.erasure); the dates stay,
    so past years' counts stay."""
    require_writable(user, member.commune)
    if member.is_erased:
        raise ValidationError("Hội viên này đã được xoá thông tin cá nhân.")
    names = erasure.names_in_history(member, "full_name")
    member.full_name = member.phone = member.gender = member.leave_reason = ""
    member.birth_year = None
    member.member_number = None
    member.erased_on = timezone.localdate()
    member.save()
    member.history.all().update(
        full_name="", phone="", gender="", birth_year=None, member_number=None, leave_reason=""
    )
    erasure.mentions_erase(names=names, commune=member.commune, records=[(Member, [member.pk])])
    return member
