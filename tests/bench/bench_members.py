"""Members at province scale: seed ~300,000 members, import a 20,000-row sheet into one
commune (every row validated, all or nothing), then time the searched member list.

Run: scripts/with-postgres.sh .venv/bin/python -m pytest tests/bench/bench_members.py \
         -q -s -o python_files='bench_*.py'
"""

import io
import statistics
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from python_calamine import CalamineWorkbook

from khuyenhoc.areas import demo as area_demo
from khuyenhoc.areas.demo_names import person_name
from members import demo, views
from members.imports import members_import
from members.models import Branch, Member
from tests.bench.util import bench_line, stopwatch
from tests.factories import login, make_user
from tests.members.sheets import row, sheet

# committed, as in production, so that VACUUM ANALYZE (autovacuum's job) can run
pytestmark = pytest.mark.django_db(transaction=True)
ROWS = 20_000
STATUS = Path("/proc/self/status")


def reset_peak_memory():
    """Linux: make VmHWM (peak resident memory) start again from the current size."""
    Path("/proc/self/clear_refs").write_text("5")


def peak_memory_mb() -> float:
    for line in STATUS.read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def big_sheet(rng, branches, prefix="NK") -> bytes:
    rows = []
    for n in range(ROWS):
        gender = "Nam" if n % 2 else "Nữ"
        branch = branches[n % len(branches)]
        joined = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2013, 2024)}"
        rows.append(
            row(
                person_name(rng, "nam" if gender == "Nam" else "nu"),
                number=f"{prefix}-{n:06d}",
                year=rng.randint(1945, 2005),
                gender=gender,
                phone=f"09{rng.randint(10_000_000, 99_999_999)}" if n % 3 else "",
                branch=branch.name,
                joined=joined,
            )
        )
    return sheet(rows)


def test_members_at_province_scale(client, units):
    ctx = area_demo.build_context(province_code=settings.PROVINCE_CODE, scale="province", seed=2026)
    area_demo.seed(ctx)
    with stopwatch() as seeding:
        demo.seed(ctx)
    bench_line("seed_members", members=Member.objects.count(), seconds=seeding())

    commune = ctx.active_communes[0]
    branches = list(
        Branch.objects.filter(
            commune=commune, kind__in=Branch.GRASSROOTS, founded_on__year__lt=2013
        )
    ) or list(Branch.objects.filter(commune=commune, kind__in=Branch.GRASSROOTS))
    for branch in branches:
        branch.founded_on = branch.founded_on.replace(year=2010)
        branch.save(update_fields=["founded_on"])
    data = big_sheet(ctx.rng("bench"), branches)
    staff = make_user("bench_staff", role="commune_staff", communes=[commune])

    with stopwatch() as reading:
        CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    reset_peak_memory()
    with stopwatch() as importing:
        result = members_import(user=staff, commune=commune, data=data)  # commits
    assert result.created == ROWS
    bench_line(
        "import_members",
        rows=ROWS,
        seconds=importing(),
        read_seconds=reading(),
        peak_mb=peak_memory_mb(),
    )

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE members_member")
    # the same sheet's size without change-history rows, to show what history costs
    other = ctx.active_communes[1]
    other_branches = list(Branch.objects.filter(commune=other, kind__in=Branch.GRASSROOTS))
    for branch in other_branches:
        branch.founded_on = branch.founded_on.replace(year=2010)
        branch.save(update_fields=["founded_on"])
    data = big_sheet(ctx.rng("bench"), other_branches, prefix="NH")
    with stopwatch() as bare:
        members_import(user=None, commune=other, data=data, history=False)
    bench_line("import_members_without_history", rows=ROWS, seconds=bare())

    in_commune = Member.objects.filter(commune=commune).count()
    login(client, staff)
    url = reverse("members:list", args=[commune.code])
    searches = [
        {"q": "nguyen van"},
        {"q": "Lò Thị"},
        {"q": "quang a"},
        {"q": "tuan"},
        {},
        {"status": "dang", "year": "2020"},
        {"q": "nguyen", "trang": "40"},
        {"branch": str(branches[0].pk), "q": "thi"},
    ]
    for params in searches:  # warm the caches once
        client.get(url, params)
    timings, query_counts = [], set()
    for _ in range(5):
        for params in searches:
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url, params)
                timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
            query_counts.add(len(queries))
    per_size = {}
    for size in (10, 50, 200):
        views.PAGE_SIZE = size
        with CaptureQueriesContext(connection) as queries:
            client.get(url, {"q": "nguyen"})
        per_size[size] = len(queries)
    views.PAGE_SIZE = 50
    assert len(set(per_size.values())) == 1, per_size
    p95 = statistics.quantiles(timings, n=20)[-1]
    bench_line(
        "member_search",
        p95_ms=p95,
        median_ms=statistics.median(timings),
        queries=max(query_counts),
        commune_members=in_commune,
        province_members=Member.objects.count(),
    )
