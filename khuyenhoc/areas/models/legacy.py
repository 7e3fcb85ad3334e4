"""What staff enter for a year before the reform: one report per old commune and year,
the figures as the commune published them (denominators and, per title, how many
registered and how many were recognised). The summary table of the old units
(LegacyFigure) is computed from these rows (khuyenhoc/areas/past_years.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from khuyenhoc.core import registry
from khuyenhoc.core.db.history import ChangeHistory

from . import metrics
from .models import LegacyCommune
from .reform import REFORM_YEAR

DENOMINATORS = {
    "population": ("Dân số", metrics.POPULATION),
    "adults": ("Dân số trong độ tuổi", metrics.ADULTS),
    "households": ("Hộ gia đình", metrics.HOUSEHOLDS),
    "clans": ("Dòng họ", metrics.CLANS),
    "villages": ("Thôn, bản, tổ dân phố", metrics.VILLAGES),
    "units": ("Cơ quan, đơn vị", metrics.UNITS),
}
STAGES = {"registered": "đăng ký", "recognised": "được công nhận"}
# The learning titles as the old communes published them, the columns of their reports
# (a fixed schema: its fields are in the migrations): code → (name, denominator field or
# None for "1 commune"). Their metric names in the summary table are the titles app's,
# read from the registry (field_metrics).
PUBLISHED_TITLES = {
    "citizen": ("Công dân học tập", "adults"),
    "household": ("Gia đình học tập", "households"),
    "clan": ("Dòng họ học tập", "clans"),
    "village": ("Cộng đồng học tập cấp thôn", "villages"),
    "commune": ("Cộng đồng học tập cấp xã", None),
    "unit": ("Đơn vị học tập", "units"),
}


def title_field(title: str, stage: str) -> str:
    return f"{title}_{stage}"


# field name → label, denominators first, then the titles
FIELDS = {name: label for name, (label, _metric) in DENOMINATORS.items()} | {
    title_field(title, stage): f"{name}: {word}"
    for title, (name, _denominator) in PUBLISHED_TITLES.items()
    for stage, word in STAGES.items()
}


def field_metrics() -> dict[str, str]:
    """field name → its metric in the summary table of the old units (LegacyFigure):
    the denominators' are areas', a title's stage is the one the titles app registers
    (khuyenhoc.core.registry: a title's first two metrics, registered and recognised)."""

    def make():
        found = {name: metric for name, (_label, metric) in DENOMINATORS.items()}
        for title in PUBLISHED_TITLES:
            counts = registry.get(title).metrics
            for stage, metric in zip(STAGES, counts, strict=False):
                found[title_field(title, stage)] = metric
        return found

    return registry.derived("legacy_fields", make)


def _count(label):
    return models.PositiveIntegerField(label, null=True, blank=True)


class LegacyReportQuerySet(models.QuerySet):
    """The one scope rule, through the old→new table (khuyenhoc.areas.past_years)."""

    def for_user(self, user):
        from .past_years import legacy_communes_for

        return self.filter(legacy_commune__in=legacy_communes_for(user))

    def writable_by(self, user):
        from .past_years import legacy_communes_writable_by

        return self.filter(legacy_commune__in=legacy_communes_writable_by(user))


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
        verbose_name_plural = "báo cáo năm của xã cũ (trước 01/7/2025)"
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


def check(values: dict) -> dict[str, str]:
    """{field: Vietnamese message} of what cannot be true: a count above its
    denominator, more recognised than registered, more than one commune itself."""
    errors = {}
    pop = values.get("population")
    for name in ("adults", "households"):
        if pop is not None and values.get(name) is not None and values[name] > pop:
            errors[name] = f"{DENOMINATORS[name][0]} không thể lớn hơn dân số."
    for title, (name, denominator) in PUBLISHED_TITLES.items():
        whole = values.get(denominator) if denominator else 1
        registered = values.get(title_field(title, "registered"))
        recognised = values.get(title_field(title, "recognised"))
        for stage, count in (("registered", registered), ("recognised", recognised)):
            if whole is not None and count is not None and count > whole:
                below = (
                    "1 (chính xã)" if denominator is None else DENOMINATORS[denominator][0].lower()
                )
                errors[title_field(title, stage)] = (
                    f"{name}: số {STAGES[stage]} ({count}) lớn hơn {below} ({whole})."
                )
        if registered is not None and recognised is not None and recognised > registered:
            errors.setdefault(
                title_field(title, "recognised"),
                f"{name}: số được công nhận ({recognised}) lớn hơn số đăng ký ({registered}).",
            )
    return errors
