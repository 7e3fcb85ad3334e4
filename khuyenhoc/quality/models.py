"""What the province decides about its figures: which year the public pages open on, when
the communes' reports are due, and the validation rules (as data, the DHIS2 way), plus the
reminders a reviewer sends a commune."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from khuyenhoc.areas.models import Commune, Province
from khuyenhoc.core.access.querysets import scoped_manager

# What a rule's message may name: the commune, the year, the item checked, its value, the
# bound it broke, and last year's value.
PLACEHOLDERS = dict.fromkeys(("xa", "nam", "muc", "gia_tri", "moc", "nam_truoc", "truoc"), "")


class Publication(models.Model):
    """The year the province marks as published: the public pages open on it. Left empty,
    they open on the latest year whose recognitions are decided."""

    province = models.OneToOneField(
        Province, on_delete=models.CASCADE, primary_key=True, verbose_name="tỉnh"
    )
    published_year = models.PositiveSmallIntegerField(
        "năm công bố",
        null=True,
        blank=True,
        help_text="Trang thống kê công khai mở năm này. Để trống: năm gần nhất đã có quyết "
        "định công nhận.",
    )

    class Meta:
        verbose_name = "năm công bố số liệu"
        verbose_name_plural = "năm công bố số liệu"

    def __str__(self):
        return f"{self.province}: {self.published_year or 'năm gần nhất đã xét'}"


class ReportingDeadline(models.Model):
    """The day by which every commune sends up its lists of a year (before 15/12)."""

    province = models.ForeignKey(Province, on_delete=models.CASCADE, verbose_name="tỉnh")
    year = models.PositiveSmallIntegerField("năm số liệu")
    due_on = models.DateField("hạn báo cáo")

    class Meta:
        verbose_name = "hạn báo cáo"
        verbose_name_plural = "hạn báo cáo"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="uniq_deadline_year"),
        ]

    def __str__(self):
        return f"Năm {self.year}: hạn {self.due_on:%d/%m/%Y}"


class ValidationRule(models.Model):
    """One check of a commune's figures, with its message and what it does when broken."""

    class Kind(models.TextChoices):
        WITHIN_DENOMINATOR = "within_denominator", "Số đăng ký, công nhận không vượt mẫu số"
        VILLAGES_LISTED = "villages_listed", "Số thôn khai báo khớp danh sách thôn, bản"
        PEOPLE_PER_HOUSEHOLD = "people_per_household", "Số người một hộ hợp lý"
        ADULTS_SHARE = "adults_share", "Tỷ lệ người trưởng thành trong dân số hợp lý"
        CHANGE = "change", "Thay đổi so với năm trước trong ngưỡng"

    class Severity(models.TextChoices):
        BLOCK = "block", "Chặn: không cho ghi"
        WARN = "warn", "Cảnh báo: ghi nhưng báo người nhập và thẩm định"

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=160)
    kind = models.CharField("loại kiểm tra", max_length=24, choices=Kind.choices)
    severity = models.CharField("mức", max_length=8, choices=Severity.choices)
    low = models.DecimalField("ngưỡng dưới", max_digits=8, decimal_places=2, null=True, blank=True)
    high = models.DecimalField(
        "ngưỡng trên",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Với «thay đổi so với năm trước»: phần trăm thay đổi tối đa.",
    )
    message = models.CharField(
        "thông báo",
        max_length=300,
        help_text="Câu người nhập đọc. Có thể dùng {xa}, {nam}, {muc}, {gia_tri}, {moc}, "
        "{nam_truoc}, {truoc}.",
    )
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "quy tắc kiểm tra số liệu"
        verbose_name_plural = "quy tắc kiểm tra số liệu"
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(low__isnull=True) | Q(high__isnull=True) | Q(low__lte=models.F("high")),
                name="rule_low_below_high",
                violation_error_message="Ngưỡng dưới phải nhỏ hơn ngưỡng trên.",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        try:
            self.message.format(**PLACEHOLDERS)
        except (KeyError, ValueError, IndexError, AttributeError) as exc:
            raise ValidationError(
                {
                    "message": "Thông báo chỉ dùng được các chỗ thay thế {xa}, {nam}, {muc}, "
                    "{gia_tri}, {moc}, {nam_truoc}, {truoc}."
                }
            ) from exc


class Reminder(models.Model):
    """A message from the province to a commune's staff (a late report, a list to fix):
    shown in their inbox on the staff home until they mark it read."""

    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="+", verbose_name="xã, phường"
    )
    year = models.PositiveSmallIntegerField("năm số liệu")
    text = models.TextField("nội dung")
    sent_at = models.DateTimeField("gửi lúc")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người gửi",
    )
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)

    objects = scoped_manager("commune")

    class Meta:
        verbose_name = "lời nhắc"
        verbose_name_plural = "lời nhắc"
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.commune}: {self.text[:40]}"
