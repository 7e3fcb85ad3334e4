"""Criteria sets as data: a new official decision is a new version added in the admin."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from ..metrics import CITIZEN_GROUPS, TITLES

TITLE_CHOICES = [(code, name) for code, (name, _) in TITLES.items()]


class CriteriaSetQuerySet(models.QuerySet):
    def in_force(self, *, title: str, year: int):
        """The newest active version whose effective dates cover part of the year: a
        draft, or one checked but not yet activated, scores nobody."""
        return (
            self.filter(title=title, effective_from__year__lte=year, status="active")
            .filter(Q(effective_to__isnull=True) | Q(effective_to__year__gte=year))
            .order_by("-effective_from", "-version")
            .first()
        )


class CriteriaSet(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Bản nháp"
        CHECKED = "checked", "Đã kiểm tra, chờ áp dụng"
        ACTIVE = "active", "Đang áp dụng"

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
    # The versions shipped by migrations are in force; one an administrator adds starts as
    # a draft (titles.criteria.criteria_set_create), is checked, then activated.
    status = models.CharField(
        "tình trạng", max_length=8, choices=Status.choices, default=Status.ACTIVE
    )

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

    def indicators(self, citizen_group=None):
        """Every indicator of the set or, given a citizen's group of people, those that
        score that group: the ones shared by every group and the group's own."""
        found = Indicator.objects.filter(group__criteria_set=self)
        if citizen_group is not None:
            found = found.filter(Q(citizen_group__isnull=True) | Q(citizen_group=citizen_group))
        return found.order_by("group__order", "order")

    def codes(self) -> list[str]:
        """Each indicator code once, in order: the columns of a scores sheet, where a
        code worded per group of people is one column filled by each row's group."""
        return list(dict.fromkeys(i.code for i in self.indicators()))

    def indicators_by_code(self, citizen_group=None) -> dict:
        """{code: indicator} of those that score the group; a code used twice for one
        group would make a sheet's column ambiguous, and is refused."""
        found = {}
        for indicator in self.indicators(citizen_group):
            if indicator.code in found:
                raise ValidationError(
                    f"Bộ tiêu chí «{self}» có hai chỉ số cùng mã {indicator.code} cho một "
                    "nhóm đối tượng; quản trị cần sửa lại bộ tiêu chí."
                )
            found[indicator.code] = indicator
        return found

    def indicators_for(self, registration):
        """The indicators that score `registration` (a citizen's by the year's group)."""
        return self.indicators(registration.citizen_group)


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
    # Công dân học tập scores each group of people on its own indicators where the
    # decision words them differently (a pupil's learning, a worker's trade).
    citizen_group = models.PositiveSmallIntegerField(
        "chỉ cho nhóm đối tượng",
        choices=sorted(CITIZEN_GROUPS.items()),
        null=True,
        blank=True,
        help_text="Để trống nếu chỉ số áp dụng cho mọi nhóm (và cho các danh hiệu khác).",
    )

    class Meta:
        verbose_name = "chỉ số"
        verbose_name_plural = "chỉ số"
        ordering = ["group", "order"]

    def __str__(self):
        return f"{self.code}. {self.name}"
