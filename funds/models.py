"""Quỹ khuyến học: funds, receipts (thu), payouts (chi) and the yearly books.

The money trail is append-only: a receipt or payout is never edited or deleted after
the day it was recorded, nor at all once its year is closed; a mistake is undone by a
reversing entry pointing to the original, booked in an open year. Balances are always
computed from the entries (ledger.py). Database triggers (migration 0004) refuse the
same writes when something bypasses the models.
"""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from khuyenhoc.areas.metrics import PAYOUT_KINDS
from khuyenhoc.core.access.querysets import scoped_manager
from khuyenhoc.core.db.history import ChangeHistory
from members.models import Branch

SCOPE = ("branch__commune", "branch__province")
ENTRY_SCOPE = ("fund__branch__commune", "fund__branch__province")


class Fund(models.Model):
    branch = models.ForeignKey(
        Branch, on_delete=models.PROTECT, related_name="funds", verbose_name="hội, chi hội"
    )
    name = models.CharField("tên quỹ", max_length=200)
    opening_year = models.PositiveSmallIntegerField("năm bắt đầu ghi sổ")
    opening_balance = models.BigIntegerField(
        "số dư đầu năm bắt đầu (đồng)",
        default=0,
        help_text="Tồn quỹ chuyển sang khi bắt đầu ghi sổ trên cổng; các năm sau tự tính.",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    objects = scoped_manager(*SCOPE)
    history = ChangeHistory()

    class Meta:
        verbose_name = "quỹ khuyến học"
        verbose_name_plural = "quỹ khuyến học"
        ordering = ["branch__commune_id", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opening_balance__gte=0),
                name="fund_opening_not_negative",
                violation_error_message="Số dư đầu kỳ không được âm.",
            ),
            models.UniqueConstraint(
                fields=["branch", "name"],
                name="uniq_fund_name_per_branch",
                violation_error_message="Hội này đã có quỹ mang tên này.",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def commune_id(self):
        return self.branch.commune_id


class FundYear(models.Model):
    """One fund's book for one year: the receipt and payout counters (locked with
    SELECT … FOR UPDATE so numbers never collide and never skip) and the closing."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="years")
    year = models.PositiveSmallIntegerField("năm")
    last_receipt_number = models.PositiveIntegerField("số phiếu thu cuối", default=0)
    last_payout_number = models.PositiveIntegerField("số phiếu chi cuối", default=0)
    closed_at = models.DateTimeField("khóa sổ lúc", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người duyệt quyết toán",
    )
    statement = models.JSONField("báo cáo quyết toán đã duyệt", null=True, blank=True)

    objects = scoped_manager(*ENTRY_SCOPE)
    history = ChangeHistory()

    class Meta:
        verbose_name = "sổ quỹ năm"
        verbose_name_plural = "sổ quỹ theo năm"
        ordering = ["fund_id", "year"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "year"], name="uniq_fund_year"),
        ]

    def __str__(self):
        return f"{self.fund} – {self.year}"

    @property
    def is_closed(self):
        return self.closed_at is not None


class Campaign(models.Model):
    """A fundraising drive (Tháng Khuyến học, Ủng hộ học sinh vùng lũ): a period, a
    target, the branches taking part; receipts and payouts are linked to it
    (funds/campaigns.py)."""

    province = models.ForeignKey(
        "areas.Province", on_delete=models.PROTECT, related_name="+", verbose_name="tỉnh"
    )
    name = models.CharField("tên đợt vận động", max_length=120)
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày")
    target = models.BigIntegerField("chỉ tiêu (đồng)", default=0)
    branches = models.ManyToManyField(
        Branch, blank=True, related_name="campaigns", verbose_name="hội, chi hội tham gia"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "đợt vận động"
        verbose_name_plural = "đợt vận động"
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="campaign_ends_after_start",
                violation_error_message="Ngày kết thúc phải sau ngày bắt đầu.",
            ),
            models.CheckConstraint(condition=Q(target__gte=0), name="campaign_target_not_negative"),
            models.UniqueConstraint(
                fields=["province", "name", "starts_on"],
                name="uniq_campaign",
                violation_error_message="Đã có đợt vận động này.",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.starts_on:%d/%m/%Y} – {self.ends_on:%d/%m/%Y})"


class ImmutableEntry(models.Model):
    """Common fields and the rule "never edited in place after its day"."""

    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="%(class)ss", verbose_name="quỹ"
    )
    year = models.PositiveSmallIntegerField("năm", editable=False)
    number = models.PositiveIntegerField("số phiếu")
    date = models.DateField("ngày")
    amount = models.BigIntegerField("số tiền (đồng)")
    note = models.CharField("ghi chú", max_length=300, blank=True)
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversal",
        verbose_name="điều chỉnh cho phiếu",
    )
    reason = models.CharField("lý do điều chỉnh", max_length=300, blank=True)
    drive = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="%(class)ss",
        verbose_name="thuộc đợt vận động",
    )
    recorded_at = models.DateTimeField("ghi lúc", default=timezone.now, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người ghi",
    )

    objects = scoped_manager(*ENTRY_SCOPE)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.date = self._meta.get_field("date").to_python(self.date)
        self.year = self.date.year
        if not self._state.adding:
            self._guard("sửa")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._guard("xóa")
        return super().delete(*args, **kwargs)

    @property
    def is_reversal(self):
        return self.reverses_id is not None

    @property
    def signed_amount(self):
        return -self.amount if self.reverses_id else self.amount

    def _guard(self, action):
        stored = type(self).objects.filter(pk=self.pk).values_list("year", flat=True).first()
        closed = FundYear.objects.filter(fund_id=self.fund_id, closed_at__isnull=False)
        if closed.filter(year__gte=min(self.year, stored or self.year)).exists():
            raise ValidationError(
                f"Không thể {action} phiếu của năm đã khóa sổ: hãy lập phiếu điều chỉnh "
                "trong năm đang mở."
            )
        if self.pk and timezone.localdate(self.recorded_at) < timezone.localdate():
            raise ValidationError(
                f"Không thể {action} phiếu đã ghi từ ngày trước: hãy lập phiếu điều chỉnh."
            )


def _entry_constraints(prefix):
    return [
        models.CheckConstraint(
            condition=Q(amount__gt=0),
            name=f"{prefix}_amount_positive",
            violation_error_message="Số tiền phải lớn hơn 0 đồng.",
        ),
        models.UniqueConstraint(
            fields=["fund", "year", "number"],
            name=f"uniq_{prefix}_number",
            violation_error_message="Số phiếu này đã được dùng trong năm.",
        ),
        models.CheckConstraint(
            condition=Q(reverses__isnull=True) | ~Q(reason=""),
            name=f"{prefix}_reversal_has_reason",
            violation_error_message="Phiếu điều chỉnh phải ghi lý do.",
        ),
    ]


class Receipt(ImmutableEntry):
    class DonorCategory(models.TextChoices):
        PERSON = "person", "Cá nhân"
        ORGANISATION = "organisation", "Cơ quan, tổ chức"
        ENTERPRISE = "enterprise", "Doanh nghiệp"
        ANONYMOUS = "anonymous", "Ẩn danh"

    donor_category = models.CharField(
        "người ủng hộ là", max_length=16, choices=DonorCategory.choices
    )
    donor_name = models.CharField("tên người, đơn vị ủng hộ", max_length=200, blank=True)
    donor_name_public = models.BooleanField("đồng ý công khai tên", default=False)
    in_kind = models.BooleanField("bằng hiện vật", default=False)
    item_description = models.CharField("hiện vật", max_length=200, blank=True)
    item_quantity = models.PositiveIntegerField("số lượng", null=True, blank=True)
    unit = models.CharField("đơn vị tính", max_length=30, blank=True)
    campaign = models.CharField("đợt vận động", max_length=120, blank=True)

    history = ChangeHistory()

    class Meta:
        verbose_name = "phiếu thu"
        verbose_name_plural = "phiếu thu"
        ordering = ["fund_id", "year", "number"]
        constraints = [
            *_entry_constraints("receipt"),
            models.CheckConstraint(
                condition=Q(in_kind=False) | ~Q(item_description=""),
                name="receipt_in_kind_described",
                violation_error_message="Ủng hộ bằng hiện vật phải ghi rõ hiện vật.",
            ),
        ]

    def __str__(self):
        return f"Phiếu thu {self.number}/{self.year}"

    @property
    def public_donor(self):
        """What a public page may say about the donor."""
        if self.donor_category == self.DonorCategory.ANONYMOUS or not self.donor_name_public:
            return None
        return self.donor_name


class Payout(ImmutableEntry):
    """A payout to a list of named beneficiaries, or by count (`unit_amount` set):
    N portions (suất) of one amount paid through a school, a village or the commune,
    the names optional (added later, or kept on a signed paper list, see SignedList)."""

    KIND_CHOICES = list(PAYOUT_KINDS.items())

    class Through(models.TextChoices):
        SCHOOL = "school", "Trường học"
        VILLAGE = "village", "Thôn, bản, tổ dân phố"
        COMMUNE = "commune", "Xã, phường"

    kind = models.CharField("loại chi", max_length=16, choices=KIND_CHOICES)
    decision_ref = models.CharField("số quyết định", max_length=120, blank=True)
    description = models.CharField("nội dung", max_length=300, blank=True)
    portions = models.PositiveIntegerField("số suất", default=0)
    unit_amount = models.BigIntegerField("số tiền mỗi suất (đồng)", null=True, blank=True)
    through = models.CharField("chi qua", max_length=8, choices=Through.choices, blank=True)
    through_name = models.CharField("tên trường, thôn, xã", max_length=200, blank=True)
    level = models.CharField("cấp học, loại giải", max_length=120, blank=True)
    # A payout of goods from the fund's stock (funds/goods.py): `amount` is their value
    # at the stock's average, and the cash balance does not move.
    in_kind = models.BooleanField("bằng hiện vật", default=False)
    item_description = models.CharField("hiện vật", max_length=200, blank=True)
    item_quantity = models.PositiveIntegerField("số lượng", null=True, blank=True)
    unit = models.CharField("đơn vị tính", max_length=30, blank=True)
    overdraft = models.OneToOneField(
        "OverdraftGrant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payout",
        verbose_name="chi vượt số dư theo cho phép",
    )

    history = ChangeHistory()

    class Meta:
        verbose_name = "phiếu chi"
        verbose_name_plural = "phiếu chi"
        ordering = ["fund_id", "year", "number"]
        constraints = [
            *_entry_constraints("payout"),
            models.CheckConstraint(
                condition=Q(unit_amount__isnull=True)
                | Q(unit_amount__gt=0, portions__gt=0, amount=F("unit_amount") * F("portions")),
                name="payout_by_count_exact",
                violation_error_message="Tổng tiền phải đúng bằng số suất nhân số tiền mỗi suất.",
            ),
            models.CheckConstraint(
                condition=Q(in_kind=False) | (~Q(item_description="") & Q(item_quantity__gt=0)),
                name="payout_in_kind_described",
                violation_error_message="Chi bằng hiện vật phải ghi rõ hiện vật và số lượng.",
            ),
        ]

    def __str__(self):
        return f"Phiếu chi {self.number}/{self.year}"

    @property
    def by_count(self) -> bool:
        return self.unit_amount is not None


class Beneficiary(models.Model):
    """A person who received a portion (suất) of a payout; never shown publicly
    unless `name_public` records consent."""

    payout = models.ForeignKey(Payout, on_delete=models.PROTECT, related_name="beneficiaries")
    name = models.CharField("họ và tên", max_length=120)
    school = models.CharField("trường", max_length=200, blank=True)
    grade = models.CharField("lớp, cấp học", max_length=60, blank=True)
    amount = models.BigIntegerField("số tiền (đồng)")
    name_public = models.BooleanField("đồng ý công khai tên", default=False)

    objects = scoped_manager("payout__fund__branch__commune", "payout__fund__branch__province")

    class Meta:
        verbose_name = "người nhận"
        verbose_name_plural = "người nhận"
        ordering = ["payout_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="beneficiary_amount_positive",
                violation_error_message="Số tiền mỗi suất phải lớn hơn 0 đồng.",
            ),
        ]

    def __str__(self):
        return self.name


class PrivateStorage(FileSystemStorage):
    """Scans of signed lists hold names and signatures: kept in PRIVATE_MEDIA_ROOT,
    outside the public media, with no address of their own; funds.views_batches serves
    each to the staff of its fund. The folder is read from the settings at each use."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def private_storage():
    return PrivateStorage()


class SignedList(models.Model):
    """The scanned paper list that beneficiaries signed (danh sách ký nhận) for a payout."""

    payout = models.ForeignKey(Payout, on_delete=models.PROTECT, related_name="signed_lists")
    file = models.FileField("tệp quét", storage=private_storage, upload_to="ky-nhan/%Y/")
    content_type = models.CharField("loại tệp", max_length=40)
    size = models.PositiveIntegerField("dung lượng (byte)")
    original_name = models.CharField("tên tệp gốc", max_length=200, blank=True)
    uploaded_at = models.DateTimeField("tải lên lúc", default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người tải lên",
    )

    objects = scoped_manager("payout__fund__branch__commune", "payout__fund__branch__province")

    class Meta:
        verbose_name = "danh sách ký nhận (bản quét)"
        verbose_name_plural = "danh sách ký nhận (bản quét)"
        ordering = ["payout_id", "id"]

    def __str__(self):
        return self.original_name or self.file.name


class Transfer(models.Model):
    """Money moved from one fund to another (a commune's to the provincial fund, the
    province's to a commune's), or out of the province (to the national association, to
    another province: `external_party`). One paired entry: the payout of the sending
    fund at once, the receipt of the receiving fund when its staff confirm. Neither is
    counted as money raised or paid (funds/figures.py): a province's totals count the
    money once, when it was first received."""

    class State(models.TextChoices):
        PENDING = "pending", "Chờ quỹ nhận xác nhận"
        CONFIRMED = "confirmed", "Đã nhận"

    from_fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="transfers_out", verbose_name="từ quỹ"
    )
    to_fund = models.ForeignKey(
        Fund,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfers_in",
        verbose_name="đến quỹ",
    )
    external_party = models.CharField("nơi nhận ngoài tỉnh", max_length=200, blank=True)
    date = models.DateField("ngày chuyển")
    amount = models.BigIntegerField("số tiền (đồng)")
    note = models.CharField("nội dung", max_length=300, blank=True)
    state = models.CharField("trạng thái", max_length=12, choices=State.choices)
    payout = models.OneToOneField(
        Payout, on_delete=models.PROTECT, related_name="transfer", verbose_name="phiếu chi"
    )
    receipt = models.OneToOneField(
        Receipt,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfer",
        verbose_name="phiếu thu",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField("xác nhận lúc", null=True, blank=True)

    history = ChangeHistory()

    class Meta:
        verbose_name = "chuyển quỹ"
        verbose_name_plural = "chuyển quỹ"
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(to_fund__isnull=False) & Q(external_party=""))
                | (Q(to_fund__isnull=True) & ~Q(external_party="")),
                name="transfer_one_counterpart",
                violation_error_message="Chọn quỹ nhận trong tỉnh hoặc ghi nơi nhận ngoài tỉnh.",
            ),
            models.CheckConstraint(
                condition=~Q(to_fund=F("from_fund")), name="transfer_not_to_itself"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="transfer_amount_positive"),
        ]

    def __str__(self):
        return (
            f"Chuyển {self.amount} đ từ {self.from_fund} đến {self.to_fund or self.external_party}"
        )

    @property
    def counterpart(self) -> str:
        return str(self.to_fund.branch) if self.to_fund_id else self.external_party


class OverdraftGrant(models.Model):
    """A reviewer's permission for one payout to exceed the balance by up to `amount`."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="overdrafts")
    amount = models.BigIntegerField("được chi vượt tối đa (đồng)")
    reason = models.CharField("lý do", max_length=300)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField("cho phép lúc", default=timezone.now)

    objects = scoped_manager(*ENTRY_SCOPE)
    history = ChangeHistory()

    class Meta:
        verbose_name = "cho phép chi vượt số dư"
        verbose_name_plural = "cho phép chi vượt số dư"
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="overdraft_amount_positive"),
        ]

    def __str__(self):
        return f"{self.fund}: {self.amount}"
