"""Writes of the annual report: its text, and marking it submitted."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from khuyenhoc.core import checks
from khuyenhoc.core.access.scope import require_writable

from . import selectors
from .models import AnnualReport

NARRATIVE_FIELDS = ("highlights", "difficulties", "proposals")
MAX_TEXT = 10_000


def _check(user, commune, year):
    require_writable(user, commune)
    if not selectors.FIRST_YEAR <= year <= timezone.localdate().year:
        raise ValidationError(f"Chỉ báo cáo được các năm từ {selectors.FIRST_YEAR} đến năm nay.")


def _report(commune, year) -> AnnualReport:
    """The year's report, locked; a new one is saved once, by the caller, so that its
    history starts with the change that created it."""
    found = AnnualReport.objects.select_for_update().filter(commune=commune, year=year).first()
    return found or AnnualReport(commune=commune, year=year)


@transaction.atomic
def report_narrative_save(*, user, commune, year, highlights, difficulties, proposals):
    _check(user, commune, year)
    values = {"highlights": highlights, "difficulties": difficulties, "proposals": proposals}
    for field, text in values.items():
        text = (text or "").strip()
        if len(text) > MAX_TEXT:
            label = AnnualReport._meta.get_field(field).verbose_name
            raise ValidationError(f"Phần “{label}” dài quá {MAX_TEXT:,} ký tự.".replace(",", "."))
        values[field] = text
    report = _report(commune, year)
    for field, text in values.items():
        setattr(report, field, text)
    report._change_reason = "Sửa phần thuyết minh"
    report.save()
    return report


@transaction.atomic
def report_submit(*, user, commune, year) -> AnnualReport:
    """Marks the report "đã nộp" and keeps the figures it states; submitting again after a
    correction replaces them."""
    _check(user, commune, year)
    figures = selectors.figures_of(commune.code, year)
    if not figures:
        raise ValidationError(f"Chưa có số liệu năm {year} của {commune.name} để nộp báo cáo.")
    report = _report(commune, year)
    report.submitted_at = timezone.now()
    report.submitted_by = user
    report.snapshot = figures
    report._change_reason = "Nộp báo cáo"
    report.save()
    report.warnings = checks.check_figures(commune=commune, year=year, stage=checks.SUBMISSION)
    return report
