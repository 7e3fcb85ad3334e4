from django.core.management.base import BaseCommand

from khuyenhoc.areas import summaries
from khuyenhoc.areas.models import Figure
from khuyenhoc.core.numbers import number


class Command(BaseCommand):
    help = "Tính lại toàn bộ bảng số liệu tổng hợp từ dữ liệu gốc."

    def handle(self, *args, **options):
        summaries.rebuild_all()
        self.stdout.write(f"Đã tính lại {number(Figure.objects.count())} số liệu tổng hợp.")
