"""The staff home's inbox (JobsConfig.inbox): the user's imports of the last week that
were refused, failed, or wait for a choice, and the ones that went through."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from .models import Job

RECENT = timedelta(days=7)


def items(*, user, communes) -> list[dict]:
    jobs = Job.objects.filter(user=user, created_at__gte=timezone.now() - RECENT).order_by(
        "-created_at"
    )[:10]
    out = []
    for job in jobs:
        result = job.message or job.get_state_display()
        out.append(
            {
                "kind": "Kết quả nhập"
                if job.state == Job.State.DONE
                else f"Nhập: {job.get_state_display().lower()}",
                "text": f"{job.label}: {result}",
                "when": job.finished_at or job.created_at,
                "url": reverse("jobs:detail", args=[job.pk]),
            }
        )
    return out
