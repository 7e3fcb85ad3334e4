"""The worst workbooks the 20 MB upload limit admits (tests/trust/xlsx_bombs.py: parts
inflating to gigabytes, a part larger than it declares, shared strings by the million or
copied into a hundred thousand cells, a grid to XFD1048576, a million cells, a cell of
8 MB, 60,000 sheets, 20,000 parts, and the biggest files within every limit), each
imported in a child process through the member register's command, as a console
operator would, by the same service as the staff page: the child's peak memory stays
under 300 MB, it refuses the file with the reason in Vietnamese and writes nothing, in a
few seconds (measured in tests/bench/bench_uploads.py). The registrations import is
tried with one of them too."""

import sys
from datetime import date

import pytest

from members.models import Member
from tests.trust.child_peak import database_url, measure
from tests.trust.xlsx_bombs import WORST_CASES, far_cell
from titles.models import Registration

pytestmark = pytest.mark.django_db
MAX_PEAK_MB = 300
# A guard against a hang or a read that grows with the cells, not a timing: the child takes
# 2–8 s on a quiet machine, and twice that beside the other worker of a parallel run;
# tests/bench/bench_uploads.py measures the seconds.
MAX_SECONDS = 60


def import_in_a_child(command, path, *options):
    return measure(
        [sys.executable, "manage.py", command, str(path), *options],
        env={"DATABASE_URL": database_url()},
    )


@pytest.mark.parametrize(
    ("build", "expected"),
    [(build, expected) for _, build, expected in WORST_CASES],
    ids=[name for name, _, _ in WORST_CASES],
)
def test_the_worst_workbook_is_refused_by_the_member_import_in_a_child_under_300_mb(
    build, expected, commune_a, tmp_path
):
    path = tmp_path / "hoi-vien.xlsx"
    path.write_bytes(build())
    run = import_in_a_child("import_members", path, "--commune", str(commune_a.code))
    assert run.returncode == 1, run.stderr[-2000:]
    assert "Không nhập dòng nào" in run.stderr
    assert expected in run.stderr
    assert run.peak_mb < MAX_PEAK_MB
    assert run.seconds < MAX_SECONDS
    assert not Member.objects.filter(commune=commune_a).exists()


def test_a_value_in_xfd1048576_is_refused_by_the_registrations_import_in_a_child(
    commune_a, tmp_path
):
    """calamine would abort the process asking for 550 GB."""
    path = tmp_path / "dang-ky.xlsx"
    path.write_bytes(far_cell())
    year = str(date.today().year)
    run = import_in_a_child(
        "import_registrations", path, "--commune", str(commune_a.code), "--year", year,
        "--title", "household",
    )  # fmt: skip
    assert run.returncode == 1, run.stderr[-2000:]
    assert "Tệp có quá 50.000 dòng" in run.stderr
    assert run.peak_mb < MAX_PEAK_MB
    assert run.seconds < MAX_SECONDS
    assert not Registration.objects.filter(commune=commune_a).exists()
