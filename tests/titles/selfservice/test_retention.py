"""What households send is purged after the retention period by a daily task that runs
on its own: the first send leaves a run waiting at the quiet hour, and each run leaves
the next."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from khuyenhoc.jobs.daily import QUIET_HOUR, next_quiet_hour
from tests.jobs.worker import run_queued_tasks
from titles.models import SelfEvidence, SelfRegistration
from titles.selfservice import evidence, services
from titles.selfservice.tasks import purge_expired

from .conftest import photo_bytes, sent_directly

pytestmark = pytest.mark.django_db


def _waiting():
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=purge_expired.module_path
    )


def _photo():
    upload = SimpleUploadedFile("anh.jpg", photo_bytes(), content_type="image/jpeg")
    return [evidence.kept(upload)]


def test_the_daily_purge_erases_expired_answers_and_evidence_and_keeps_recent_ones(
    staff_a, village_a, issued, settings
):
    settings.SELF_SERVICE_RETENTION_DAYS = 30
    row, _ = issued[0]
    old = sent_directly(row, village_a, name="Người Cũ", files=_photo())
    services.submission_return(user=staff_a, submission=old, reason="Thiếu ảnh giấy khen")
    recent = sent_directly(row, village_a, name="Người Mới", files=_photo())

    waiting = _waiting().get()  # one run, however many sends and decisions
    assert timezone.localtime(waiting.run_after).hour == QUIET_HOUR
    assert waiting.run_after > timezone.now()

    SelfRegistration.objects.filter(pk=old.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=31)
    )
    _waiting().update(run_after=timezone.now())  # the night has come
    assert run_queued_tasks() == 1

    assert list(SelfRegistration.objects.values_list("pk", flat=True)) == [recent.pk]
    assert list(SelfEvidence.objects.values_list("submission", flat=True)) == [recent.pk]
    assert not SelfRegistration.history.filter(id=old.pk).exists(), "answers gone from history"
    finished = DBTaskResult.objects.get(status=TaskResultStatus.SUCCESSFUL)
    assert finished.return_value == 1
    assert _waiting().get().run_after == next_quiet_hour(), "tomorrow's run waits"


def test_the_quiet_hour_is_tonight_before_it_and_tomorrow_after_it():
    hanoi = timezone.get_current_timezone()
    before = datetime.datetime(2026, 5, 4, 1, 30, tzinfo=hanoi)
    after = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=hanoi)
    assert next_quiet_hour(before) == datetime.datetime(2026, 5, 4, QUIET_HOUR, tzinfo=hanoi)
    assert next_quiet_hour(after) == datetime.datetime(2026, 5, 5, QUIET_HOUR, tzinfo=hanoi)
