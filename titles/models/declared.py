"""Counts a commune declares without a named list: per village, title and year, how many
registered and how many were recognised (the tallies many communes keep instead of a
list of every person or household). The figures use a declared count only where no
named registration of that village (or, for clans and units, which live in no one
village, of that commune) exists for the title and year: see titles/declared.py."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from khuyenhoc.areas.models import Commune, Village
from khuyenhoc.core.access.querysets import scoped_manager
from khuyenhoc.core.db.history import ChangeHistory

from ..metrics import TITLES

# Every title but the commune's own (one commune, named by itself: nothing to count).
DECLARABLE = ("citizen", "household", "clan", "village", "unit")
DECLARABLE_CHOICES = [(code, TITLES[code][0]) for code in DECLARABLE]


class DeclaredCount(models.Model):
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="+", verbose_name="xã, phường"
    )
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="+", verbose_name="thôn, bản, tổ"
    )
    year = models.PositiveSmallIntegerField("năm")
    title = models.CharField("danh hiệu", max_length=12, choices=DECLARABLE_CHOICES)
    registered = models.PositiveIntegerField("số đăng ký")
    recognised = models.PositiveIntegerField("số được công nhận")
    updated_at = models.DateTimeField("cập nhật", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,  # like a history row's user: outlives the account
        verbose_name="người cập nhật",
    )

    objects = scoped_manager("commune")
    history = ChangeHistory(excluded_fields=["updated_at"], no_db_index=["commune", "village"])

    class Meta:
        verbose_name = "số lượng khai báo (không kèm danh sách)"
        verbose_name_plural = "số lượng khai báo (không kèm danh sách)"
        ordering = ["commune_id", "-year", "title", "village_id"]
        indexes = [models.Index(fields=["commune", "year"], name="declared_commune_year")]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "year", "title"],
                name="uniq_declared_count",
                violation_error_message="Thôn này đã khai báo số lượng danh hiệu này trong năm.",
            ),
            models.CheckConstraint(
                condition=Q(recognised__lte=F("registered")),
                name="declared_recognised_within_registered",
                violation_error_message="Số được công nhận không thể lớn hơn số đăng ký.",
            ),
            models.CheckConstraint(condition=Q(title__in=DECLARABLE), name="declared_count_title"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="declared_count_year"
            ),
        ]

    def __str__(self):
        return f"{self.village} – {self.get_title_display()} {self.year}"
