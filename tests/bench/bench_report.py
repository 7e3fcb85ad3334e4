"""The province's annual report as .xlsx at province scale (issue 23: ≤ 500 ms).

Run: scripts/with-postgres.sh .venv/bin/python -m pytest tests/bench/bench_report.py -q -s \
        -o python_files='bench_*.py'

The provincial reviewer downloads the report of the province that tests/bench/province.py
seeds, for a year of today's communes and for the year before, through Django's test
client, ROUNDS times each after one warm-up. Prints `BENCH report_xlsx year=… p95_ms=…`.
"""

import json
import os

from tests.bench.util import bench_line

ROUNDS = int(os.environ.get("BENCH_REPORT_ROUNDS", "10"))
TARGET_MS = 500
YEARS = (2026, 2025)

TIMER = """
import json, statistics, sys, time
import django
django.setup()
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse

rounds = int(sys.argv[1])
client = Client()
client.force_login(get_user_model().objects.get(username="thamdinh"))
out = {}
for year in sys.argv[2:]:
    url = reverse("reports:province_xlsx", kwargs={"year": int(year)})
    # counted by a wrapper: a request resets the query log that CaptureQueriesContext reads
    queries = []
    with connection.execute_wrapper(lambda run, sql, *args: queries.append(sql) or run(sql, *args)):
        warm = client.get(url)
    assert warm.status_code == 200, (url, warm.status_code)
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    out[year] = {
        "p95_ms": statistics.quantiles(timings, n=20, method="inclusive")[-1],
        "median_ms": statistics.median(timings),
        "bytes": len(response.content),
        "queries": len(queries),
    }
print(json.dumps(out))
"""


def test_province_report_xlsx_at_province_scale(seeded_province):
    results = json.loads(seeded_province.django(TIMER, str(ROUNDS), *map(str, YEARS)))
    for year, result in results.items():
        bench_line(
            "report_xlsx",
            year=year,
            p95_ms=result["p95_ms"],
            median_ms=result["median_ms"],
            queries=result["queries"],
            bytes=result["bytes"],
            met=result["p95_ms"] <= TARGET_MS,
        )
    assert all(r["bytes"] > 0 for r in results.values())
