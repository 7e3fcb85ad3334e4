"""Uploads at their worst: each workbook of tests/trust/xlsx_bombs.py (the biggest an
attacker fits in the 20 MB limit, and the biggest within every limit) imported into the
member register. `seconds` is the import in this process (the check, the reading and
the service, until the refusal); `peak_mb` the peak memory of a child process doing the
same through `manage.py import_members`, Django's own 60 MB or so included.

Run: scripts/with-postgres.sh .venv/bin/python -m pytest tests/bench/bench_uploads.py \
         -q -s -o python_files='bench_*.py'
"""

import sys

import pytest
from django.core.management import CommandError, call_command

from tests.bench.util import bench_line, stopwatch
from tests.trust.child_peak import database_url, measure
from tests.trust.xlsx_bombs import WORST_CASES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("name", "build"), [(n, b) for n, b, _ in WORST_CASES], ids=str)
def test_upload_worst_case(name, build, commune_a, tmp_path):
    data = build()
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(data)
    with stopwatch() as elapsed, pytest.raises(CommandError):
        call_command("import_members", str(path), commune=commune_a.code, stderr=_Null())
    command = ["manage.py", "import_members", str(path), "--commune", str(commune_a.code)]
    child = measure([sys.executable, *command], env={"DATABASE_URL": database_url()})
    bench_line(
        "upload_worst_case",
        case=name,
        bytes=len(data),
        seconds=elapsed(),
        peak_mb=child.peak_mb,
    )
    assert child.returncode == 1
    assert child.peak_mb < 300


class _Null:
    def write(self, text):
        pass

    def flush(self):
        pass
