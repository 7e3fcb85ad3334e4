"""The append-only entries of the money trail and the receipt (phiếu thu)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from khuyenhoc.core.access.querysets import scoped_manager
from khuyenhoc.core.db.history import ChangeHistory

from .books import ENTRY_SCOPE, Fund, FundYear
from .campaigns import Campaign


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


class InKind(models.Model):
    """The goods of an entry made in kind (hiện vật): what, how many, in which unit.
    The entry's `amount` is their value in đồng; funds/goods.py keeps the stock."""

    in_kind = models.BooleanField("bằng hiện vật", default=False)
    item_description = models.CharField("hiện vật", max_length=200, blank=True)
    item_quantity = models.PositiveIntegerField("số lượng", null=True, blank=True)
    unit = models.CharField("đơn vị tính", max_length=30, blank=True)

    class Meta:
        abstract = True


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


class Receipt(InKind, ImmutableEntry):
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
