"""What the quality app puts in a staff member's inbox on the staff home (read through
QualityConfig.inbox): reminders from the province, the reporting deadline, and the
warnings of the validation rules for their communes."""

from django.urls import reverse
from django.utils import timezone

from khuyenhoc.core.access.scope import is_reviewer

from . import rules, selectors
from .models import Reminder

SHOWN_WARNINGS = 5


def items(*, user, communes) -> list[dict]:
    today = timezone.localdate()
    out = []
    reminders = (
        Reminder.objects.for_user(user)
        .filter(read_at__isnull=True)
        .select_related("commune")
        .order_by("-sent_at")[:20]
    )
    for reminder in reminders:
        out.append(
            {
                "kind": "Lời nhắc của Hội tỉnh",
                "text": f"{reminder.commune.name}: {reminder.text}",
                "when": reminder.sent_at,
                "read_url": reverse("quality:reminder_read", args=[reminder.pk]),
            }
        )
    due_on = selectors.deadline(today.year)
    if due_on is not None and due_on >= today:
        days = (due_on - today).days
        out.append(
            {
                "kind": "Hạn báo cáo",
                "text": f"Hạn gửi danh sách đề nghị công nhận năm {today.year}: "
                f"{due_on:%d/%m/%Y} (còn {days} ngày).",
                "when": None,
                "url": reverse("quality:completeness") if is_reviewer(user) else None,
            }
        )
    if not is_reviewer(user) and communes:
        found = rules.province_violations(
            year=today.year, communes=[(c.code, c.name) for c in communes]
        )
        for violation in found[:SHOWN_WARNINGS]:
            out.append(
                {
                    "kind": "Lỗi số liệu" if violation.blocks else "Cảnh báo số liệu",
                    "text": violation.text,
                    "when": None,
                    "url": reverse("areas:commune", args=[violation.commune_code]),
                }
            )
    return out
