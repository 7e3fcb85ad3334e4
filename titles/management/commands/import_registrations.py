from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from khuyenhoc.areas.models import Commune
from khuyenhoc.core.numbers import number
from khuyenhoc.core.sheets.spreadsheets import ImportRejected, read_upload
from khuyenhoc.submissions.previews import ImportNeedsChoice
from titles import imports


class Command(BaseCommand):
    """The registrations upload of the staff pages, from a shell; import_scores reuses it."""

    help = "Nhập danh sách đăng ký danh hiệu học tập từ tệp Excel (tất cả các dòng hoặc không)."
    done = "đăng ký"

    def run(self, **kwargs):
        return imports.registrations_import(**kwargs)

    def choices(self, parser):
        parser.add_argument(
            "--skip-existing",
            action="store_true",
            help="bỏ qua các đối tượng đã đăng ký năm đó, chỉ ghi dòng mới",
        )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--commune", type=int, required=True, help="mã xã, phường")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument(
            "--title", required=True, help="citizen, household, clan, village, unit, commune"
        )
        parser.add_argument("--user", help="tên đăng nhập người nhập (để kiểm tra phạm vi)")
        self.choices(parser)

    def handle(self, *args, file, commune, year, title, user=None, **options):
        try:
            target = Commune.objects.get(code=commune)
        except Commune.DoesNotExist as exc:
            raise CommandError(f"Không có xã, phường mã {commune}.") from exc
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Không có tài khoản «{user}».")
        skip = {"skip_existing": True} if options.get("skip_existing") else {}
        try:
            with Path(file).open("rb") as stream:
                data = read_upload(stream)
            result = self.run(user=actor, commune=target, year=year, title=title, data=data, **skip)
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {file}.") from exc
        except ImportRejected as exc:
            for error in exc.errors[:50]:
                self.stderr.write(str(error))
            raise CommandError(f"Không nhập dòng nào: {len(exc.errors)} lỗi.") from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        except ImportNeedsChoice as exc:
            raise CommandError(
                f"{exc.preview.summary} Chưa ghi dòng nào; chạy lại với --skip-existing để "
                "chỉ ghi các dòng mới."
            ) from exc
        self.stdout.write(
            f"Đã nhập {number(result.created)} {self.done} vào {target.name}, năm {year}."
        )
