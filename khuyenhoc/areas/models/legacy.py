"""What staff enter for a year before the reform: one report per old commune and year,
the figures as the commune published them (denominators and, per title, how many
registered and how many were recognised: the columns of khuyenhoc/areas/legacy_fields.py).
The summary table of the old units (LegacyFigure) is computed from these rows
(khuyenhoc/areas/past_years.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from khuyenhoc.core.db.history import ChangeHistory

from ..legacy_fields import FIELDS, check
from ..reform import REFORM_DAY, REFORM_YEAR
from .units import LegacyCommune


def _count(label):
    return models.PositiveIntegerField(label, null=True, blank=True)


class LegacyReportQuerySet(models.QuerySet):
    """The one scope rule, through the old→new table (LegacyCommune.objects)."""

    def for_user(self, user):
        return self.filter(legacy_commune__in=LegacyCommune.objects.feeding_communes_for(user))

    def writable_by(self, user):
        olds = LegacyCommune.objects.feeding_communes_writable_by(user)
        return self.filter(legacy_commune__in=olds)


class LegacyReport(models.Model):
    legacy_commune = models.ForeignKey(
        LegacyCommune, on_delete=models.PROTECT, related_name="reports", verbose_name="xã cũ"
    )
    year = models.PositiveSmallIntegerField("năm")
    # one nullable count per entry of FIELDS: empty means "not reported", 0 means none
    population = _count("Dân số")
    adults = _count("Dân số trong độ tuổi")
    households = _count("Hộ gia đình")
    clans = _count("Dòng họ")
    villages = _count("Thôn, bản, tổ dân phố")
    units = _count("Cơ quan, đơn vị")
    citizen_registered = _count("Công dân học tập: đăng ký")
    citizen_recognised = _count("Công dân học tập: được công nhận")
    household_registered = _count("Gia đình học tập: đăng ký")
    household_recognised = _count("Gia đình học tập: được công nhận")
    clan_registered = _count("Dòng họ học tập: đăng ký")
    clan_recognised = _count("Dòng họ học tập: được công nhận")
    village_registered = _count("Cộng đồng học tập cấp thôn: đăng ký")
    village_recognised = _count("Cộng đồng học tập cấp thôn: được công nhận")
    commune_registered = _count("Cộng đồng học tập cấp xã: đăng ký")
    commune_recognised = _count("Cộng đồng học tập cấp xã: được công nhận")
    unit_registered = _count("Đơn vị học tập: đăng ký")
    unit_recognised = _count("Đơn vị học tập: được công nhận")
    updated_at = models.DateTimeField("cập nhật", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người cập nhật",
    )

    objects = LegacyReportQuerySet.as_manager()
    history = ChangeHistory(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "báo cáo năm của xã cũ"
        verbose_name_plural = f"báo cáo năm của xã cũ (trước {REFORM_DAY})"
        ordering = ["legacy_commune_id", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["legacy_commune", "year"], name="uniq_legacy_report"),
            models.CheckConstraint(
                condition=Q(year__lt=REFORM_YEAR), name="legacy_report_before_reform"
            ),
        ]

    def __str__(self):
        return f"{self.legacy_commune_id} – {self.year}"

    def values(self) -> dict[str, int | None]:
        return {name: getattr(self, name) for name in FIELDS}

    def clean(self):
        errors = check(self.values())
        if self.year is not None and self.year >= REFORM_YEAR:
            errors["year"] = f"Chỉ nhập các năm trước {REFORM_YEAR}."
        if errors:
            raise ValidationError(errors)
