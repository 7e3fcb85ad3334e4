"""Admin change lists at province scale (issue 23: ≤ 300 ms p95 each).

Run: scripts/with-postgres.sh .venv/bin/python -m pytest tests/bench/bench_admin.py -q -s \
        -o python_files='bench_*.py'

Every registered model's change list on the province that tests/bench/province.py seeds,
opened by the administrator (or, for what only reviewers see, the provincial reviewer)
through Django's test client: the whole request without the network, ROUNDS times each
after one warm-up. Prints `BENCH admin_changelist model=… p95_ms=…`.
"""

import json
import os

from tests.bench.util import bench_line

ROUNDS = int(os.environ.get("BENCH_ADMIN_ROUNDS", "12"))
TARGET_MS = 300

TIMER = """
import json, statistics, sys, time
import django
django.setup()
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

rounds = int(sys.argv[1])
clients = []
for username in ("quantri", "thamdinh"):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    clients.append(client)
out = {}
for model in sorted(admin.site._registry, key=lambda m: m._meta.label):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    client = next((c for c in clients if c.get(url).status_code == 200), None)
    if client is None:
        out[model._meta.label] = {"status": [c.get(url).status_code for c in clients]}
        continue
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    out[model._meta.label] = {
        "p95_ms": statistics.quantiles(timings, n=20, method="inclusive")[-1],
        "median_ms": statistics.median(timings),
        "rows": model._default_manager.count(),
    }
print(json.dumps(out))
"""


def test_admin_change_lists_at_province_scale(seeded_province):
    results = json.loads(seeded_province.django(TIMER, str(ROUNDS)))
    unopened = {label: r for label, r in results.items() if "p95_ms" not in r}
    for label, result in results.items():
        if label in unopened:
            continue
        bench_line(
            "admin_changelist",
            model=label,
            p95_ms=result["p95_ms"],
            median_ms=result["median_ms"],
            rows=result["rows"],
            met=result["p95_ms"] <= TARGET_MS,
        )
    slowest = max((r["p95_ms"], label) for label, r in results.items() if label not in unopened)
    bench_line(
        "admin_changelist_targets",
        models=len(results) - len(unopened),
        slowest=slowest[1],
        slowest_p95_ms=slowest[0],
        all_under_300ms=slowest[0] <= TARGET_MS,
    )
    assert not unopened, unopened
