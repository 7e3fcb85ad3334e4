"""Administrative units, villages, yearly denominators, summary figures and staff scope.

Two code spaces live side by side: the 2025 two-tier units (Province, Commune) and the
pre-2025 three-tier units (Legacy*). The package vietnam-provinces reuses numbers between
them (new 3646 is Phường Tô Hiệu, old 3646 is Phường Chiềng Lề), so they are separate
tables and never share a column.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from khuyenhoc.core.access.querysets import CommuneQuerySet, scoped_manager
from khuyenhoc.core.access.roles import Role
from khuyenhoc.core.access.scope import communes_for, communes_writable_by
from khuyenhoc.core.db.history import ChangeHistory
from khuyenhoc.core.text import fold

from ..metrics import METRIC_LENGTH
from ..reform import REFORM_DAY, REFORM_YEAR


class Province(models.Model):
    code = models.PositiveIntegerField("mã", primary_key=True)
    name = models.CharField("tên", max_length=100)
    kind = models.CharField("loại", max_length=40)
    codename = models.SlugField("mã chữ", max_length=100)

    class Meta:
        verbose_name = "tỉnh, thành phố"
        verbose_name_plural = f"tỉnh, thành phố (từ {REFORM_DAY})"
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def code_display(self):
        return f"{self.code:02d}"


class Commune(models.Model):
    """A commune-level unit since 1/7/2025: xã, phường or đặc khu."""

    code = models.PositiveIntegerField("mã", primary_key=True)
    name = models.CharField("tên", max_length=100)
    kind = models.CharField("loại", max_length=40)
    codename = models.SlugField("mã chữ", max_length=100)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="communes", verbose_name="tỉnh"
    )
    is_disadvantaged = models.BooleanField(
        "vùng khó khăn",
        default=False,
        help_text="Vùng sâu, vùng xa, vùng đặc biệt khó khăn hoặc vùng đồng bào dân tộc "
        "thiểu số: ngưỡng đạt danh hiệu thấp hơn.",
    )

    objects = CommuneQuerySet.as_manager()

    class Meta:
        verbose_name = "xã, phường, đặc khu"
        verbose_name_plural = f"xã, phường, đặc khu (từ {REFORM_DAY})"
        ordering = ["province_id", "name"]

    def __str__(self):
        return self.name

    @property
    def code_display(self):
        return f"{self.code:05d}"


class LegacyProvince(models.Model):
    code = models.PositiveIntegerField("mã", primary_key=True)
    name = models.CharField("tên", max_length=100)
    kind = models.CharField("loại", max_length=40)

    class Meta:
        verbose_name = "tỉnh cũ"
        verbose_name_plural = f"tỉnh cũ (trước {REFORM_DAY})"
        ordering = ["code"]

    def __str__(self):
        return self.name


class LegacyDistrict(models.Model):
    code = models.PositiveIntegerField("mã", primary_key=True)
    name = models.CharField("tên", max_length=100)
    kind = models.CharField("loại", max_length=40)
    province = models.ForeignKey(
        LegacyProvince, on_delete=models.PROTECT, related_name="districts", verbose_name="tỉnh cũ"
    )

    class Meta:
        verbose_name = "huyện cũ"
        verbose_name_plural = f"huyện cũ (trước {REFORM_DAY})"
        ordering = ["code"]

    def __str__(self):
        return self.name


class LegacyCommuneQuerySet(models.QuerySet):
    """The one scope rule through the old→new table: the old communes that fed a commune
    the user may read (or write), whose reports they may read (or write). Not named
    for_user: the list of old communes itself is public, for every role."""

    def feeding_communes_for(self, user):
        return self.filter(
            pk__in=self.model.objects.filter(mappings__commune__in=communes_for(user)).values("pk")
        )

    def feeding_communes_writable_by(self, user):
        return self.filter(
            pk__in=self.model.objects.filter(
                mappings__commune__in=communes_writable_by(user)
            ).values("pk")
        )


class LegacyCommune(models.Model):
    code = models.PositiveIntegerField("mã", primary_key=True)
    name = models.CharField("tên", max_length=100)
    kind = models.CharField("loại", max_length=40)
    district = models.ForeignKey(
        LegacyDistrict, on_delete=models.PROTECT, related_name="communes", verbose_name="huyện cũ"
    )
    new_communes = models.ManyToManyField(
        Commune, through="LegacyMapping", related_name="legacy_sources", verbose_name="xã mới"
    )

    objects = LegacyCommuneQuerySet.as_manager()

    class Meta:
        verbose_name = "xã cũ"
        verbose_name_plural = f"xã cũ (trước {REFORM_DAY})"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.district.name})"

    @property
    def code_display(self):
        return f"{self.code:05d}"


class LegacyMapping(models.Model):
    """One old→new pair of the official conversion table (many-to-many)."""

    legacy_commune = models.ForeignKey(
        LegacyCommune, on_delete=models.CASCADE, related_name="mappings", verbose_name="xã cũ"
    )
    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="legacy_mappings", verbose_name="xã mới"
    )
    is_partly_merged = models.BooleanField(
        "sáp nhập một phần", help_text="Xã cũ bị chia cho nhiều xã mới."
    )

    class Meta:
        verbose_name = "chuyển đổi cũ → mới"
        verbose_name_plural = "bảng chuyển đổi cũ → mới"
        constraints = [
            models.UniqueConstraint(fields=["legacy_commune", "commune"], name="uniq_legacy_pair")
        ]

    def __str__(self):
        return f"{self.legacy_commune_id} → {self.commune_id}"


class Village(models.Model):
    """Thôn, bản, tổ dân phố: the unit of "Cộng đồng học tập cấp thôn"."""

    class Kind(models.TextChoices):
        THON = "thon", "Thôn"
        BAN = "ban", "Bản"
        TO_DAN_PHO = "to", "Tổ dân phố"
        KHAC = "khac", "Khác (ấp, khu phố, tiểu khu…)"

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="villages", verbose_name="xã, phường"
    )
    name = models.CharField("tên", max_length=120)
    name_folded = models.CharField(max_length=120, editable=False, db_index=True)
    kind = models.CharField("loại", max_length=8, choices=Kind.choices, default=Kind.THON)
    is_active = models.BooleanField("đang hoạt động", default=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name="đã sáp nhập vào",
    )

    objects = scoped_manager("commune")
    history = ChangeHistory()

    class Meta:
        verbose_name = "thôn, bản, tổ dân phố"
        verbose_name_plural = "thôn, bản, tổ dân phố"
        ordering = ["commune_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "name_folded"],
                condition=Q(is_active=True),
                name="uniq_active_village_name",
                violation_error_message="Xã đã có thôn, bản, tổ dân phố mang tên này.",
            ),
            # what the composite keys of titles' households and citizens point at
            models.UniqueConstraint(fields=["id", "commune"], name="village_in_commune"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)


class Denominator(models.Model):
    """The yearly counts a commune reports, against which rates are computed."""

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="denominators", verbose_name="xã, phường"
    )
    year = models.PositiveSmallIntegerField("năm")
    population = models.PositiveIntegerField("dân số", null=True, blank=True)
    adults = models.PositiveIntegerField("người trưởng thành", null=True, blank=True)
    households = models.PositiveIntegerField("hộ gia đình", null=True, blank=True)
    clans = models.PositiveIntegerField("dòng họ", null=True, blank=True)
    villages = models.PositiveIntegerField("thôn, bản, tổ dân phố", null=True, blank=True)
    units = models.PositiveIntegerField("cơ quan, đơn vị", null=True, blank=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người cập nhật",
    )

    objects = scoped_manager("commune")
    history = ChangeHistory(excluded_fields=["updated_at"])

    FIELDS = ("population", "adults", "households", "clans", "villages", "units")

    class Meta:
        verbose_name = "số liệu nền"
        verbose_name_plural = "số liệu nền theo năm"
        ordering = ["commune_id", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], name="uniq_denominator_year"),
            models.CheckConstraint(
                condition=Q(adults__isnull=True)
                | Q(population__isnull=True)
                | Q(adults__lte=models.F("population")),
                name="adults_within_population",
            ),
            models.CheckConstraint(
                condition=Q(households__isnull=True)
                | Q(population__isnull=True)
                | Q(households__lte=models.F("population")),
                name="households_within_population",
            ),
        ]

    def __str__(self):
        return f"{self.commune} – {self.year}"

    def clean(self):
        errors = {}
        pop = self.population
        if pop is not None:
            if self.adults is not None and self.adults > pop:
                errors["adults"] = "Số người trưởng thành không thể lớn hơn dân số."
            if self.households is not None and self.households > pop:
                errors["households"] = "Số hộ gia đình không thể lớn hơn dân số."
        if self.households is not None and self.clans is not None and self.clans > self.households:
            errors["clans"] = "Số dòng họ không thể lớn hơn số hộ gia đình."
        if errors:
            raise ValidationError(errors)


class Figure(models.Model):
    """One summary figure of a commune and year, e.g. ("titles.gdht.recognised", 10110).

    Kept long rather than wide so each app owns its own metric names (prefixed by the
    app label) without changing this table; a public page reads all figures of a year in
    one query. Rates are never stored: they are computed from counts at display time.
    """

    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="figures", verbose_name="xã, phường"
    )
    year = models.PositiveSmallIntegerField("năm")
    metric = models.CharField("chỉ tiêu", max_length=METRIC_LENGTH)
    value = models.BigIntegerField("giá trị")

    class Meta:
        verbose_name = "số liệu tổng hợp"
        verbose_name_plural = "số liệu tổng hợp"
        constraints = [
            models.UniqueConstraint(fields=["commune", "year", "metric"], name="uniq_figure"),
        ]
        indexes = [models.Index(fields=["year", "metric"], name="figure_year_metric")]

    def __str__(self):
        return f"{self.commune_id} {self.year} {self.metric}={self.value}"


class ProvinceFigure(models.Model):
    """A summary figure of the province's own association for a year: what belongs to no
    commune (the Hội tỉnh's own funds). Written by the apps' figures.py like Figure, read
    through khuyenhoc.figures.selectors."""

    province = models.ForeignKey(
        Province, on_delete=models.CASCADE, related_name="figures", verbose_name="tỉnh"
    )
    year = models.PositiveSmallIntegerField("năm")
    metric = models.CharField("chỉ tiêu", max_length=METRIC_LENGTH)
    value = models.BigIntegerField("giá trị")

    class Meta:
        verbose_name = "số liệu tổng hợp của Hội tỉnh"
        verbose_name_plural = "số liệu tổng hợp của Hội tỉnh"
        constraints = [
            models.UniqueConstraint(
                fields=["province", "year", "metric"], name="uniq_province_figure"
            ),
        ]

    def __str__(self):
        return f"{self.province_id} {self.year} {self.metric}={self.value}"


class LegacyFigure(models.Model):
    """A summary figure of a pre-2025 commune, as it was reported in its day."""

    legacy_commune = models.ForeignKey(
        LegacyCommune, on_delete=models.CASCADE, related_name="figures", verbose_name="xã cũ"
    )
    year = models.PositiveSmallIntegerField("năm")
    metric = models.CharField("chỉ tiêu", max_length=METRIC_LENGTH)
    value = models.BigIntegerField("giá trị")

    class Meta:
        verbose_name = "số liệu tổng hợp (đơn vị cũ)"
        verbose_name_plural = "số liệu tổng hợp (đơn vị cũ)"
        constraints = [
            models.UniqueConstraint(
                fields=["legacy_commune", "year", "metric"], name="uniq_legacy_figure"
            ),
            models.CheckConstraint(
                condition=Q(year__lte=REFORM_YEAR), name="legacy_figure_before_reform"
            ),
        ]

    def __str__(self):
        return f"{self.legacy_commune_id} {self.year} {self.metric}={self.value}"


class StaffProfile(models.Model):
    """What a signed-in user may touch; the scope rules live in scope.py."""

    Role = Role

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_profile",
        verbose_name="tài khoản",
    )
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    communes = models.ManyToManyField(
        Commune, blank=True, related_name="staff_profiles", verbose_name="xã, phường phụ trách"
    )

    class Meta:
        verbose_name = "phân quyền cán bộ"
        verbose_name_plural = "phân quyền cán bộ"

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"
