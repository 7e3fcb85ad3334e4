"""Every write of a year before the reform: the old communes' reports (LegacyReport) and
the summary rows of the old units computed from them (LegacyFigure).

Who may write which old commune follows the official old→new table: the staff of a
commune of today that took over (part of) the old commune, and administrators for the
whole province; reviewers read only. The form, the Excel import and the demo seed all
write through `legacy_reports_save`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from khuyenhoc.core.db.statistics import analyze_if_grown

from .freshness import figures_changed
from .legacy_fields import FIELDS, check, field_metrics
from .models import LegacyCommune, LegacyFigure, LegacyReport
from .reform import REFORM_YEAR, is_legacy_year

NOT_YOURS = (
    "Bạn không có quyền với xã cũ này: chỉ cán bộ của xã, phường hiện nay đã nhận xã cũ đó "
    "(theo bảng chuyển đổi chính thức) và quản trị được nhập."
)


def province_legacy_communes():
    """The old communes that fed at least one commune of the province."""
    return LegacyCommune.objects.filter(
        pk__in=LegacyCommune.objects.filter(
            mappings__commune__province_id=settings.PROVINCE_CODE
        ).values("pk")
    )


def legacy_communes_for(user):
    """The old communes whose reports the user may read."""
    return LegacyCommune.objects.feeding_communes_for(user)


def legacy_communes_writable_by(user):
    """The old communes whose reports the user may write: see the module docstring."""
    return LegacyCommune.objects.feeding_communes_writable_by(user)


def require_legacy_year(year: int) -> None:
    if not is_legacy_year(year):
        raise ValidationError(f"Chỉ nhập ở đây các năm trước {REFORM_YEAR} (đơn vị cũ).")


def _actor(user):
    return user if user is not None and user.is_authenticated else None


@transaction.atomic
def legacy_reports_save(*, user, year: int, reports: dict[int, dict]) -> tuple[int, int]:
    """Writes the reports of old communes for one year, {old commune code: {field: value}}
    (fields of legacy_fields.FIELDS; a field left out keeps its stored value), all or
    none, then their summary rows. `user=None` is the system (the demo seed). Returns
    (created, updated)."""
    require_legacy_year(year)
    codes = list(reports)
    if user is not None:
        allowed = set(
            legacy_communes_writable_by(user).filter(pk__in=codes).values_list("pk", flat=True)
        )
        if allowed != set(codes):
            raise ValidationError(NOT_YOURS)
    stored = {
        r.legacy_commune_id: r
        for r in LegacyReport.objects.select_for_update().filter(
            legacy_commune__in=codes, year=year
        )
    }
    who, now = _actor(user), timezone.now()
    created, updated, errors = [], [], []
    for code, values in reports.items():
        row = stored.get(code) or LegacyReport(legacy_commune_id=code, year=year)
        for name in FIELDS:
            if name in values:
                setattr(row, name, values[name])
        row.updated_by = who
        row.updated_at = now  # bulk_update sets no auto_now field
        problems = check(row.values())
        if problems:
            errors.append(ValidationError(problems))
            continue
        (updated if row.pk else created).append(row)
    if errors:
        raise ValidationError(errors[0].message_dict if len(errors) == 1 else errors)
    bulk_create_with_history(created, LegacyReport, batch_size=1000, default_user=who)
    if updated:
        bulk_update_with_history(
            updated,
            LegacyReport,
            [*FIELDS, "updated_by", "updated_at"],
            batch_size=1000,
            default_user=who,
        )
    refresh_figures(codes=codes, year=year)
    return len(created), len(updated)


def refresh_figures(*, codes, year) -> None:
    """The summary rows of these old communes and year, made again from their reports.
    Rows of other metrics (the demo's members and funds of the old units) stay."""
    LegacyFigure.objects.filter(
        legacy_commune__in=codes, year=year, metric__in=list(field_metrics().values())
    ).delete()
    rows = [
        LegacyFigure(legacy_commune_id=report.legacy_commune_id, year=year, metric=metric, value=v)
        for report in LegacyReport.objects.filter(legacy_commune__in=codes, year=year)
        for name, metric in field_metrics().items()
        if (v := getattr(report, name)) is not None
    ]
    LegacyFigure.objects.bulk_create(rows, batch_size=2000)
    # a district's first reports may make the table many times larger: plan the public
    # pages' reads of it from statistics at once (core.db.statistics)
    analyze_if_grown([LegacyFigure], len(rows))
    figures_changed()


@transaction.atomic
def rebuild_figures() -> None:
    """Every old commune's summary rows made again from its reports (rebuild_summaries)."""
    by_year: dict[int, list[int]] = {}
    for code, year in LegacyReport.objects.values_list("legacy_commune_id", "year"):
        by_year.setdefault(year, []).append(code)
    for year, codes in by_year.items():
        refresh_figures(codes=codes, year=year)
