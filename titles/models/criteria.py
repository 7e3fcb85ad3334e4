"""Criteria sets as data: a new official decision is a new version added in the admin."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from khuyenhoc.areas.metrics import TITLES

TITLE_CHOICES = [(code, name) for code, (name, _) in TITLES.items()]


class CriteriaSetQuerySet(models.QuerySet):
    def in_force(self, *, title: str, year: int):
        """The newest version whose effective dates cover part of the year."""
        return (
            self.filter(title=title, effective_from__year__lte=year)
            .filter(Q(effective_to__isnull=True) | Q(effective_to__year__gte=year))
            .order_by("-effective_from", "-version")
            .first()
        )


class CriteriaSet(models.Model):
    title = models.CharField("danh hiệu", max_length=12, choices=TITLE_CHOICES)
    version = models.PositiveSmallIntegerField("phiên bản")
    name = models.CharField("tên bộ tiêu chí", max_length=200)
    decision_reference = models.CharField("căn cứ (quyết định, thông tư)", max_length=200)
    effective_from = models.DateField("áp dụng từ ngày")
    effective_to = models.DateField("áp dụng đến ngày", null=True, blank=True)
    pass_mark = models.PositiveSmallIntegerField("điểm đạt")
    pass_mark_disadvantaged = models.PositiveSmallIntegerField(
        "điểm đạt ở vùng khó khăn", null=True, blank=True
    )
    min_per_indicator = models.PositiveSmallIntegerField(
        "điểm tối thiểu mỗi chỉ số", null=True, blank=True
    )
    to_be_checked = models.BooleanField(
        "cần đối chiếu văn bản gốc",
        default=False,
        help_text="Bộ tiêu chí chưa được đối chiếu với văn bản chính thức.",
    )
    notes = models.TextField("ghi chú", blank=True)

    objects = CriteriaSetQuerySet.as_manager()

    class Meta:
        verbose_name = "bộ tiêu chí"
        verbose_name_plural = "bộ tiêu chí"
        ordering = ["title", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "version"],
                name="uniq_criteria_version",
                violation_error_message="Danh hiệu này đã có phiên bản bộ tiêu chí mang số này.",
            ),
        ]

    def __str__(self):
        return f"{self.get_title_display()} – phiên bản {self.version} ({self.decision_reference})"

    def clean(self):
        if self.effective_to and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": "Ngày kết thúc trước ngày bắt đầu áp dụng."})

    def indicators(self):
        return Indicator.objects.filter(group__criteria_set=self).order_by("group__order", "order")

    @property
    def max_total(self):
        return sum(i.max_points for i in self.indicators())


class CriteriaGroup(models.Model):
    criteria_set = models.ForeignKey(
        CriteriaSet, on_delete=models.CASCADE, related_name="groups", verbose_name="bộ tiêu chí"
    )
    order = models.PositiveSmallIntegerField("thứ tự")
    name = models.CharField("tên nhóm tiêu chí", max_length=300)

    class Meta:
        verbose_name = "nhóm tiêu chí"
        verbose_name_plural = "nhóm tiêu chí"
        ordering = ["criteria_set", "order"]

    def __str__(self):
        return f"{self.order}. {self.name}"


class Indicator(models.Model):
    group = models.ForeignKey(
        CriteriaGroup, on_delete=models.CASCADE, related_name="indicators", verbose_name="nhóm"
    )
    order = models.PositiveSmallIntegerField("thứ tự")
    code = models.CharField("mã", max_length=10)
    name = models.CharField("chỉ số", max_length=400)
    max_points = models.PositiveSmallIntegerField("điểm tối đa")

    class Meta:
        verbose_name = "chỉ số"
        verbose_name_plural = "chỉ số"
        ordering = ["group", "order"]

    def __str__(self):
        return f"{self.code}. {self.name}"
