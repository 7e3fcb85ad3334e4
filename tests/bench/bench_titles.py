"""Titles at scale: import 50,000 household registrations into one commune (every row
validated, all or nothing) against the time to merely read the sheet; then approve a
commune's list of 5,000 proposed registrations.

Run: scripts/with-postgres.sh .venv/bin/python -m pytest tests/bench/bench_titles.py \
         -q -s -o python_files='bench_*.py'
"""

import random
from pathlib import Path

import pytest
from django.utils import timezone

from khuyenhoc.areas.demo_names import person_name, village_names
from khuyenhoc.areas.models import Village
from khuyenhoc.core.sheets.spreadsheets import read_sheet, workbook_bytes
from khuyenhoc.core.text import fold
from tests.bench.util import bench_line, run_commit_checks, stopwatch
from titles import bulk, recognition
from titles.imports import REGISTRATION_HEADERS, registrations_import
from titles.models import CriteriaSet, Evaluation, Household, Registration

pytestmark = pytest.mark.django_db
ROWS = 50_000
APPROVE_ROWS = 5_000
YEAR = 2026
STATUS = Path("/proc/self/status")


def reset_peak_memory():
    """Linux: make VmHWM (peak resident memory) start again from the current size."""
    Path("/proc/self/clear_refs").write_text("5")


def peak_memory_mb() -> float:
    for line in STATUS.read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def make_villages(commune, rng, count=40):
    return Village.objects.bulk_create(
        [
            Village(commune=commune, name=name, name_folded=fold(name), kind=kind)
            for name, kind in village_names(rng, count, False)
        ]
    )


def household_sheet(commune) -> bytes:
    rng = random.Random(5)
    villages = make_villages(commune, rng)
    rows = [
        [f"{person_name(rng, 'nam')} {n}", villages[n % len(villages)].name, rng.randint(1, 9)]
        for n in range(ROWS)
    ]
    return workbook_bytes(
        [("Danh sách hộ", list(REGISTRATION_HEADERS["household"].values()), rows)]
    )


def read_seconds(data, times=3) -> float:
    """The fastest of three reads: one read alone varied from 0.16 to 0.28 s here, which
    moved the ratio more than any change to the import did."""
    best = None
    for _ in range(times):
        with stopwatch() as read_time:
            read = read_sheet(data, headers=REGISTRATION_HEADERS["household"])
        assert len(read) == ROWS
        del read
        best = read_time() if best is None else min(best, read_time())
    return best


def timed_copies(monkeypatch, *, write=True) -> list[float]:
    """Times the import's COPYs (titles.bulk.run_copies): the database's share.
    With write=False the COPYs are skipped, leaving what Python spends alone."""
    spent = []
    run_copies = bulk.run_copies

    def timed(copies):
        with stopwatch() as elapsed:
            if write:
                run_copies(copies)
        spent.append(elapsed())

    monkeypatch.setattr(bulk, "run_copies", timed)
    return spent


def test_import_50000_household_registrations(commune_a, staff_a, monkeypatch):
    data = household_sheet(commune_a)
    read = read_seconds(data)
    database = timed_copies(monkeypatch)
    reset_peak_memory()
    with stopwatch() as elapsed:
        result = registrations_import(
            user=staff_a, commune=commune_a, year=YEAR, title="household", data=data
        )
        run_commit_checks()
    peak = peak_memory_mb()
    assert result.created == ROWS
    assert Registration.objects.filter(commune=commune_a, year=YEAR).count() == ROWS
    bench_line(
        "import_registrations",
        rows=ROWS,
        seconds=elapsed(),
        read_seconds=read,
        peak_mb=peak,
        ratio=elapsed() / read,
        database_seconds=sum(database),
    )
    bench_line(
        "import_registrations_targets",
        under_4s=elapsed() < 4,
        within_6x_read=elapsed() < 6 * read,
        under_300mb=peak < 300,
    )
    # Memory is asserted; the time is read off the BENCH lines, since on a shared machine
    # it follows the load. The 6x ratio is not met (9-11x on 2026-11-24, with
    # python-calamine 0.9 reading in 0.16 s): the database's COPYs, whose index entries,
    # history rows and foreign-key checks the trust rules require, take 1.3-1.5 s alone,
    # which database_seconds shows. So this only stops a regression.
    assert peak < 300
    assert elapsed() < 15 * read


def test_import_50000_household_registrations_without_the_database_writes(
    commune_a, staff_a, monkeypatch
):
    """The same import with its COPYs skipped: what reading, checking every row and
    building the COPY text cost in Python, against the reading alone."""
    data = household_sheet(commune_a)
    read = read_seconds(data)
    timed_copies(monkeypatch, write=False)
    with stopwatch() as elapsed:
        result = registrations_import(
            user=staff_a, commune=commune_a, year=YEAR, title="household", data=data
        )
    assert result.created == ROWS
    bench_line(
        "import_registrations_python_only",
        rows=ROWS,
        seconds=elapsed(),
        read_seconds=read,
        ratio=elapsed() / read,
    )


def test_approve_a_list_of_5000(commune_b, staff_b, reviewer):
    rng = random.Random(6)
    villages = make_villages(commune_b, rng, 10)
    households = Household.objects.bulk_create(
        [
            Household(
                commune=commune_b,
                village=villages[n % len(villages)],
                head_name=f"Hộ {n}",
                name_folded=f"ho {n}",
                members=4,
            )
            for n in range(APPROVE_ROWS)
        ]
    )
    registrations = Registration.objects.bulk_create(
        [
            Registration(
                commune=commune_b, year=YEAR, title="household", household=h, state="evaluated"
            )
            for h in households
        ]
    )
    criteria_set = CriteriaSet.objects.in_force(title="household", year=YEAR)
    Evaluation.objects.bulk_create(
        [
            Evaluation(
                registration=r, criteria_set=criteria_set, total=90 - n % 20, passed=n % 20 < 11
            )
            for n, r in enumerate(registrations)
        ]
    )
    rlist = recognition.list_propose(user=staff_b, commune=commune_b, year=YEAR, title="household")
    with stopwatch() as elapsed:
        recognition.list_approve(
            user=reviewer,
            rlist=rlist,
            decision_number="125/QĐ-UBND",
            decision_date=timezone.localdate(),
            signer="Nguyễn Văn Bình",
        )
    assert Registration.objects.filter(commune=commune_b, state="recognised").count() == 2750
    bench_line("approve_list", rows=APPROVE_ROWS, seconds=elapsed())
    assert elapsed() < 3
