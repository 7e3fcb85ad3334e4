"""Deletes what households sent longer ago than the province keeps it, at once: the daily
task titles.selfservice.tasks.purge_expired does the same on its own every night."""

from django.conf import settings
from django.core.management.base import BaseCommand

from titles.selfservice.retention import submissions_purge


class Command(BaseCommand):
    help = (
        "Xoá hồ sơ tự đăng ký (tự đánh giá, số CCCD, minh chứng) quá thời hạn lưu giữ "
        "SELF_SERVICE_RETENTION_DAYS kể từ khi xã xử lý."
    )

    def handle(self, *args, **options):
        deleted = submissions_purge()
        days = settings.SELF_SERVICE_RETENTION_DAYS
        self.stdout.write(f"Đã xoá {deleted} hồ sơ tự đăng ký quá {days} ngày.")
