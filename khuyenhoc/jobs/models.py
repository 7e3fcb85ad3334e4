"""A background job as the pages read it: who started it, for which commune, how far it
got (rows read, checked, written) and how it ended.

django_tasks_db keeps its own row per task (status, return value, traceback), but it is
written only when the task starts and ends, holds no progress and knows no user or
commune; this small record is what the progress and result pages read, and what the
scope rule filters."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from khuyenhoc.core.access.scope import communes_for, is_reviewer


class JobQuerySet(models.QuerySet):
    def for_user(self, user):
        """Reviewers and administrators read every job; staff their own commune's."""
        if is_reviewer(user):
            return self
        return self.filter(commune__in=communes_for(user))


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang chạy"
        NEEDS_CHOICE = "choice", "Chờ chọn"
        DONE = "done", "Xong"
        REFUSED = "refused", "Không ghi"
        STOPPED = "stopped", "Đã dừng"
        FAILED = "failed", "Lỗi"

    FINISHED = (State.DONE, State.REFUSED, State.STOPPED, State.FAILED)

    kind = models.CharField("loại việc", max_length=60)
    label = models.CharField("tên việc", max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="người chạy",
    )
    commune = models.ForeignKey(
        "areas.Commune",  # by label: jobs imports nothing of areas
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="xã",
    )
    params = models.JSONField(default=dict, blank=True)  # what the runner needs besides the sheet
    back_url = models.CharField(max_length=300, blank=True)  # the page the job was started from
    state = models.CharField("trạng thái", max_length=10, choices=State, default=State.QUEUED)
    total = models.PositiveIntegerField("tổng số dòng", default=0)
    rows_read = models.PositiveIntegerField("đã đọc", default=0)
    rows_checked = models.PositiveIntegerField("đã kiểm tra", default=0)
    rows_written = models.PositiveIntegerField("đã ghi", default=0)
    message = models.TextField("kết quả", blank=True)
    errors = models.JSONField("lỗi từng dòng", default=list, blank=True)
    preview = models.JSONField(null=True, blank=True)  # rows already there: the choice
    data = models.BinaryField(null=True, blank=True)  # the uploaded sheet, until it is done
    output = models.BinaryField(null=True, blank=True)  # a file made by the job
    output_name = models.CharField(max_length=200, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField("bắt đầu", default=timezone.now, db_index=True)
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = "việc chạy nền"
        verbose_name_plural = "việc chạy nền"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.label} ({self.get_state_display()})"

    @property
    def finished(self) -> bool:
        return self.state in self.FINISHED

    @property
    def percent(self) -> int:
        """Reading, checking and writing each count for a third of the bar."""
        if self.finished:
            return 100
        if not self.total:
            return 0
        done = min(self.rows_read, self.total) + min(self.rows_checked, self.total)
        done += min(self.rows_written, self.total)
        return min(99, done * 100 // (3 * self.total))
