"""The association's own register: its branches and members."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from khuyenhoc.areas.models import Commune, Province, Village
from khuyenhoc.core.access.querysets import scoped_manager
from khuyenhoc.core.db.history import ChangeHistory
from khuyenhoc.core.text import fold

# A member number as cards are written: letters without diacritics and the digits 0-9,
# parted by "-", "/" or "." (03646-00012, SL-1, KH/2024/15). Nothing else: "①" and "٣"
# pass str.isdigit(), and one of them stored stopped the automatic numbering, which
# reads back the digits after the commune's prefix.
MEMBER_NUMBER_CHARACTERS = "chữ cái không dấu, chữ số 0–9 và dấu - / . ở giữa"
validate_member_number = RegexValidator(
    r"\A[A-Za-z0-9]+(?:[-/.][A-Za-z0-9]+)*\Z",
    f"Số thẻ chỉ gồm {MEMBER_NUMBER_CHARACTERS}.",
    code="member_number",
)


class Branch(models.Model):
    """Hội Khuyến học tỉnh → Hội xã/phường/đặc khu → chi hội and Ban khuyến học."""

    class Kind(models.TextChoices):
        PROVINCE = "hoi_tinh", "Hội Khuyến học tỉnh"
        COMMUNE = "hoi_xa", "Hội Khuyến học xã, phường, đặc khu"
        VILLAGE = "chi_hoi_thon", "Chi hội thôn, bản, tổ dân phố"
        SCHOOL = "chi_hoi_truong", "Chi hội trường học"
        AGENCY = "chi_hoi_co_quan", "Chi hội cơ quan"
        ENTERPRISE = "chi_hoi_doanh_nghiep", "Chi hội doanh nghiệp"
        CLAN_BOARD = "ban_dong_ho", "Ban khuyến học dòng họ"
        SCHOOL_BOARD = "ban_truong", "Ban khuyến học trường học"

    # Kinds that sit under a commune association ("chi hội và Ban khuyến học").
    GRASSROOTS = (
        Kind.VILLAGE,
        Kind.SCHOOL,
        Kind.AGENCY,
        Kind.ENTERPRISE,
        Kind.CLAN_BOARD,
        Kind.SCHOOL_BOARD,
    )

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="branches", verbose_name="tỉnh"
    )
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="branches",
        verbose_name="xã, phường",
        help_text="Để trống chỉ với Hội Khuyến học tỉnh.",
    )
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="branches",
        verbose_name="thôn, bản, tổ dân phố",
    )
    kind = models.CharField("loại", max_length=24, choices=Kind.choices)
    name = models.CharField("tên", max_length=200)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="trực thuộc",
    )
    founded_on = models.DateField("ngày thành lập", null=True, blank=True)
    dissolved_on = models.DateField("ngày giải thể", null=True, blank=True)

    objects = scoped_manager("commune", province_path="province")
    history = ChangeHistory()

    class Meta:
        verbose_name = "chi hội, ban khuyến học"
        verbose_name_plural = "chi hội, ban khuyến học"
        ordering = ["province_id", "commune_id", "kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="hoi_tinh", commune__isnull=True)
                | (~Q(kind="hoi_tinh") & Q(commune__isnull=False)),
                name="branch_commune_matches_level",
                violation_error_message="Chỉ Hội Khuyến học tỉnh không thuộc xã, phường nào.",
            ),
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(founded_on__isnull=True)
                | Q(dissolved_on__gte=models.F("founded_on")),
                name="branch_dissolved_after_founded",
                violation_error_message="Ngày giải thể phải sau ngày thành lập.",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None

    def clean(self):
        if self.village_id and self.commune_id and self.village.commune_id != self.commune_id:
            raise ValidationError({"village": "Thôn, bản này không thuộc xã, phường của chi hội."})
        if self.commune_id and self.commune.province_id != self.province_id:
            raise ValidationError({"commune": "Xã, phường không thuộc tỉnh này."})


class Member(models.Model):
    """A hội viên. Leaving is a state (left_on); erasure blanks the personal fields and
    keeps the row, so the counts of past years never change.

    `province` and `commune` copy the branch's, so that a member number is unique in the
    province by a database constraint and a commune's list is one index range.
    """

    class Gender(models.TextChoices):
        MALE = "nam", "Nam"
        FEMALE = "nu", "Nữ"

    # No single-column indexes on the keys: the composite indexes below start with each
    # of them, and every index slows the bulk import of a 20,000-row sheet. Province and
    # commune are copies of the branch's (services and bulk writers set them from it), so
    # they carry no database foreign key either: its per-row check ran at every commit.
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name="tỉnh",
        db_index=False,
        db_constraint=False,
    )
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name="xã, phường",
        db_index=False,
        db_constraint=False,
    )
    branch = models.ForeignKey(
        Branch,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name="chi hội",
        db_index=False,
    )
    # NULL, not "", once erased: the unique constraint ignores NULLs
    member_number = models.CharField(  # noqa: DJ001
        "số thẻ hội viên",
        max_length=20,
        null=True,
        blank=True,
        help_text="Duy nhất trong tỉnh.",
        validators=[validate_member_number],
    )
    full_name = models.CharField("họ và tên", max_length=120, blank=True)
    name_folded = models.CharField(max_length=120, editable=False, blank=True)
    birth_year = models.PositiveSmallIntegerField("năm sinh", null=True, blank=True)
    gender = models.CharField("giới tính", max_length=3, choices=Gender.choices, blank=True)
    phone = models.CharField("điện thoại", max_length=15, blank=True)
    joined_on = models.DateField("ngày vào hội")
    left_on = models.DateField("ngày ra hội", null=True, blank=True)
    leave_reason = models.CharField("lý do ra hội", max_length=200, blank=True)
    erased_on = models.DateField("ngày xoá thông tin cá nhân", null=True, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    objects = scoped_manager("commune", province_path="province")
    # The history is read member by member (by id); an import writes one history row per
    # member, so the keys it copies (province, commune, branch) are not indexed there.
    history = ChangeHistory(
        excluded_fields=["name_folded", "updated_at"],
        no_db_index=["province", "commune", "branch"],
    )

    class Meta:
        verbose_name = "hội viên"
        verbose_name_plural = "hội viên"
        ordering = ["commune_id", "name_folded", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "member_number"],
                name="uniq_member_number_in_province",
                violation_error_message="Số thẻ hội viên này đã có trong tỉnh.",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="member_left_after_joined",
                violation_error_message="Ngày ra hội phải sau ngày vào hội.",
            ),
            models.CheckConstraint(
                condition=Q(erased_on__isnull=False) | Q(member_number__isnull=False),
                name="member_number_unless_erased",
                violation_error_message="Hội viên phải có số thẻ.",
            ),
        ]
        indexes = [
            # A commune's names in order; on PostgreSQL it also carries the columns the
            # list's filters read, so a search and its count read the index alone.
            models.Index(
                fields=["commune", "name_folded", "id"],
                include=["member_number", "branch", "joined_on", "left_on", "erased_on"],
                name="member_commune_search",
            ),
            models.Index(fields=["branch", "joined_on"], name="member_branch_joined"),
        ]

    def __str__(self):
        return self.full_name or f"Hội viên đã xoá thông tin #{self.pk}"

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.full_name)
        super().save(*args, **kwargs)

    @property
    def is_erased(self) -> bool:
        return self.erased_on is not None

    @property
    def is_active(self) -> bool:
        return self.left_on is None

    @property
    def status_display(self) -> str:
        if self.is_erased:
            return "Đã xoá thông tin"
        return "Đang sinh hoạt" if self.is_active else "Đã ra hội"

    def clean(self):
        errors = member_errors(
            birth_year=self.birth_year,
            joined_on=self.joined_on,
            left_on=self.left_on,
            branch=self.branch if self.branch_id else None,
            today=timezone.localdate(),
            is_erased=self.is_erased,
        )
        if errors:
            raise ValidationError(errors)


def member_errors(*, birth_year, joined_on, left_on, branch, today, is_erased=False) -> dict:
    """The one-row rules, shared by the form path (clean) and the bulk import, which checks
    20,000 rows without touching the database."""
    errors = {}
    if birth_year is not None and not is_erased:
        if birth_year > today.year:
            errors["birth_year"] = "Năm sinh không thể ở tương lai."
        elif birth_year < today.year - 120:
            errors["birth_year"] = f"Năm sinh không thể trước năm {today.year - 120}."
    if joined_on is not None:
        if joined_on > today:
            errors["joined_on"] = "Ngày vào hội không thể ở tương lai."
        elif branch is not None and branch.founded_on and joined_on < branch.founded_on:
            errors["joined_on"] = (
                f"Ngày vào hội trước ngày thành lập chi hội ({branch.founded_on:%d/%m/%Y})."
            )
    if left_on is not None:
        if left_on > today:
            errors["left_on"] = "Ngày ra hội không thể ở tương lai."
        elif joined_on is not None and left_on < joined_on:
            errors["left_on"] = "Ngày ra hội phải sau ngày vào hội."
    return errors


def clean_phone(value) -> str:
    """A Vietnamese phone number kept as digits (a leading + allowed); raises ValueError."""
    if value in (None, ""):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    for ch in " .-()":
        text = text.replace(ch, "")
    if isinstance(value, int) and not text.startswith("0"):
        text = "0" + text  # Excel drops the leading zero of a number cell
    if not re.fullmatch(r"\+?[0-9]{9,12}", text):  # \d would take "٠٩١٢…" too
        raise ValueError(f"số điện thoại «{value}» không hợp lệ")
    return text
