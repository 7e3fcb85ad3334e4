"""Every write of the quality app: the publication year, deadlines, rules (the
administrator's reference data) and reminders (a reviewer's message to a commune)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from khuyenhoc.areas.freshness import figures_changed
from khuyenhoc.core.access.scope import require_administrator, require_reviewer

from . import selectors
from .models import Publication, Reminder, ReportingDeadline, ValidationRule


@transaction.atomic
def publication_set(*, user, province, published_year) -> Publication:
    require_administrator(user, "chọn năm công bố số liệu")
    row, _ = Publication.objects.get_or_create(province=province)
    row.published_year = published_year
    row.full_clean()
    row.save()
    # the cached year and the cached pages go once the new year is committed
    transaction.on_commit(lambda: selectors.forget_published_year(province.pk), robust=True)
    figures_changed()
    return row


@transaction.atomic
def deadline_save(*, user, deadline: ReportingDeadline) -> ReportingDeadline:
    require_administrator(user, "đặt hạn báo cáo")
    deadline.full_clean()
    deadline.save()
    return deadline


@transaction.atomic
def rule_save(*, user, rule: ValidationRule) -> ValidationRule:
    require_administrator(user, "sửa quy tắc kiểm tra số liệu")
    rule.full_clean()
    rule.save()
    return rule


@transaction.atomic
def reminder_send(*, user, commune, year, text) -> Reminder:
    require_reviewer(user, "gửi lời nhắc cho xã, phường")
    text = (text or "").strip()
    if not text:
        raise ValidationError("Cần ghi nội dung lời nhắc.")
    # the same words still unread are not sent again (a double click, a reload)
    waiting = Reminder.objects.filter(commune=commune, year=year, text=text, read_at__isnull=True)
    return waiting.first() or Reminder.objects.create(
        commune=commune, year=year, text=text, sent_at=timezone.now(), sent_by=user
    )


@transaction.atomic
def reminder_read(*, user, reminder: Reminder) -> Reminder:
    if not Reminder.objects.writable_by(user).filter(pk=reminder.pk).exists():
        raise ValidationError("Bạn không có quyền với lời nhắc này.")
    if reminder.read_at is None:
        reminder.read_at = timezone.now()
        reminder.save(update_fields=["read_at"])
    return reminder
