from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from khuyenhoc.areas.models import Commune
from khuyenhoc.core.numbers import number
from khuyenhoc.core.sheets.spreadsheets import ImportRejected, read_upload
from khuyenhoc.submissions.previews import ImportNeedsChoice
from members.imports import members_import


class Command(BaseCommand):
    help = "Nhập danh sách hội viên từ tệp Excel .xlsx vào một xã, phường (tất cả hoặc không)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--commune", type=int, required=True, help="Mã xã, phường")
        parser.add_argument(
            "--skip-existing",
            action="store_true",
            help="bỏ qua các hội viên đã có, chỉ ghi dòng mới",
        )

    def handle(self, *args, file, commune, skip_existing=False, **options):
        target = Commune.objects.filter(code=commune).first()
        if target is None:
            raise CommandError(f"Không có xã, phường mã {commune}.")
        try:
            with file.open("rb") as stream:
                data = read_upload(stream)
            # user=None: the operator at the console is trusted with every commune
            result = members_import(
                user=None, commune=target, data=data, skip_existing=skip_existing
            )
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {file}: {exc.strerror}.") from exc
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"Không nhập dòng nào: {number(len(exc.errors))} lỗi.") from exc
        except ImportNeedsChoice as exc:
            raise CommandError(
                f"{exc.preview.summary} Chưa ghi dòng nào; chạy lại với --skip-existing để "
                "chỉ ghi các dòng mới."
            ) from exc
        skipped = f"; bỏ qua {number(result.skipped)} đã có" if result.skipped else ""
        self.stdout.write(f"Đã nhập {number(result.created)} hội viên vào {target.name}{skipped}.")
