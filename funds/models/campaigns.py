"""Fundraising drives (Tháng Khuyến học, flood relief) with their period and target."""

from django.db import models
from django.db.models import F, Q

from members.models import Branch


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
