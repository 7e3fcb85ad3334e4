"""The association's own register: its branches (this module) and members."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from khuyenhoc.areas.models import Commune, Province, Village
from khuyenhoc.areas.querysets import scoped_manager


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
    history = HistoricalRecords()

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
