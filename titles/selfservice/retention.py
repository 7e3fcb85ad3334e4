"""What households sent is deleted, with its history: on request, with the person, or
when the province's retention period is over (the daily task, titles/selfservice/tasks.py,
and `manage.py purge_self_service`). Imports no other module of the self-service, so the
task and the services that start its clock both import it."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import SelfRegistration


def delete_sent(submissions) -> int:
    """Answers, evidence and their history rows: nothing of what was sent is left."""
    ids = list(submissions.values_list("pk", flat=True))
    SelfRegistration.objects.filter(pk__in=ids).delete()
    # after the rows: deleting one writes a last history row, with every field
    SelfRegistration.history.filter(id__in=ids).delete()
    return len(ids)


@transaction.atomic
def submissions_purge(*, now=None) -> int:
    """Deletes what was sent and decided (or left waiting) longer ago than the province
    keeps it (SELF_SERVICE_RETENTION_DAYS). Accepted ones leave their registration and
    evaluation, the commune's own record, as they are."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.SELF_SERVICE_RETENTION_DAYS)
    old = SelfRegistration.objects.annotate(last=Coalesce("decided_at", "sent_at")).filter(
        last__lt=cutoff
    )
    return delete_sent(old)
