"""A commune's yearly report: its own text and, once submitted, the figures it sent."""

from django.conf import settings
from django.db import models

from khuyenhoc.areas.models import Commune
from khuyenhoc.core.access.querysets import scoped_manager
from khuyenhoc.core.db.history import ChangeHistory


class AnnualReport(models.Model):
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="annual_reports", verbose_name="xã, phường"
    )
    year = models.PositiveSmallIntegerField("năm")
    highlights = models.TextField("kết quả nổi bật", blank=True)
    difficulties = models.TextField("khó khăn, hạn chế", blank=True)
    proposals = models.TextField("đề xuất, kiến nghị", blank=True)
    submitted_at = models.DateTimeField("ngày nộp", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người nộp",
    )
    # {metric: value} of the summary table at submission, to tell later changes.
    snapshot = models.JSONField("số liệu khi nộp", null=True, blank=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    objects = scoped_manager("commune")
    history = ChangeHistory()

    class Meta:
        verbose_name = "báo cáo năm"
        verbose_name_plural = "báo cáo năm"
        ordering = ["commune_id", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], name="uniq_annual_report"),
        ]

    def __str__(self):
        return f"Báo cáo năm {self.year} – {self.commune}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def changed_since_submission(self, figures: dict[str, int]) -> bool:
        return self.is_submitted and (self.snapshot or {}) != figures
