from titles import score_imports

from .import_registrations import Command as ImportCommand


class Command(ImportCommand):
    """The scores upload of the staff pages, from a shell: the sheet of «Tải bảng điểm»."""

    help = "Nhập điểm đánh giá từ bảng điểm Excel (tất cả các dòng hoặc không)."
    done = "dòng điểm"

    def run(self, **kwargs):
        return score_imports.scores_import(**kwargs)

    def choices(self, parser):
        """A registration scored again is scored anew: no row is skipped."""
