"""Public pages at province scale under load (issue: public dashboards; issue 23: speed).

Run: scripts/with-postgres.sh .venv/bin/python -m pytest tests/bench/bench_public.py -q -s \
        -o python_files='bench_*.py'

Uses the province that tests/bench/province.py seeds (Phú Thọ, 148 communes, 479 old
communes), starts gunicorn with 2 workers on a free loopback port, and loads each page
with wrk (16 connections, 10 s). The floor is /thong-ke/ping, a Django view through the
same middleware that reads nothing. Pages are measured as deployed (anonymous page cache
of 5 s), then again with the cache off, each against a floor measured in the same run:
`BENCH public_uncached page=… p95_ms=… floor_multiple=…` (p95 over the floor's p95).
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.bench.util import bench_line

ROOT = Path(__file__).resolve().parents[2]
SECONDS = int(os.environ.get("BENCH_SECONDS", "6"))  # 6 s: thousands of requests a page
CONNECTIONS = 16

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %d %d %d %d\\n", latency:percentile(50),
    latency:percentile(95), summary.requests, summary.duration, errors))
end
"""

QUERY_COUNTER = """
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
client, counts = Client(), {}
for url in sys.argv[1:]:
    # counted by a wrapper: a request resets the query log that CaptureQueriesContext reads
    queries = []
    with connection.execute_wrapper(lambda run, sql, *args: queries.append(sql) or run(sql, *args)):
        status = client.get(url).status_code
    assert status == 200, (url, status)
    counts[url] = len(queries)
print(json.dumps(counts))
"""


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer {url}")


def _workers(master_pid):
    path = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(pid) for pid in path.read_text().split()]


def _vm_hwm_mb(pid):
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", text).group(1)) / 1024


class Gunicorn:
    def __init__(self, env, settings_module):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {
            **env,
            "DJANGO_SETTINGS_MODULE": settings_module,
            "GUNICORN_WORKERS": "2",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_ACCESSLOG": "/dev/null",
        }
        # --max-requests 0: a worker recycled mid-run would hide its memory and add
        # restarts to the latency; production keeps its recycling.
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "--max-requests",
                "0",
                "khuyenhoc.wsgi",
            ],
            cwd=ROOT,
            env=env,
        )

    def __enter__(self):
        _wait_ready(f"{self.base}/thong-ke/ping")
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _load(url, script, connections=CONNECTIONS, seconds=SECONDS):
    for _ in range(20):  # warm both workers and their caches
        urllib.request.urlopen(url, timeout=10).read()
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s"]
    out = subprocess.run(
        [*command, "-s", script, url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout
    p50, p95, requests, duration, errors = map(int, re.search(r"RESULT (.+)", out).group(1).split())
    assert errors == 0, out
    return {"p50_ms": p50 / 1000, "p95_ms": p95 / 1000, "rps": requests / (duration / 1e6)}


def _measure(server, pages, script, suffix, counts):
    floor = _load(f"{server.base}/thong-ke/ping", script)
    bench_line(f"floor{suffix}", **floor, url="/thong-ke/ping")
    results = {}
    for name, path in pages.items():
        result = _load(f"{server.base}{path}", script)
        results[name] = result
        bench_line(
            f"public_{name}{suffix}",
            **result,
            floor_ratio=result["rps"] / floor["rps"],
            queries=counts[path],
        )
    return floor, results


FIRST_COMMUNE = """
import django
django.setup()
from django.conf import settings
from khuyenhoc.areas.models import Commune
print(Commune.objects.filter(province_id=settings.PROVINCE_CODE).order_by("code")
      .values_list("code", flat=True)[0])
"""
LEGACY_YEAR = 2024
# Targets of issue 23, against the floor's p95 in the same run (16 connections), or in
# milliseconds (p95_ms at 16 connections; p95_ms_2_connections is printed beside it).
FLOOR_MULTIPLES = {"commune": 6, "overview": 15}
LEGACY_P95_MS = 100


def test_public_pages_at_province_scale(seeded_province):
    env = seeded_province.env
    script = Path(seeded_province.static_root) / "report.lua"
    script.write_text(WRK_SCRIPT)
    commune = seeded_province.django(FIRST_COMMUNE).strip()
    pages = {
        "overview": "/thong-ke/",
        "commune": f"/thong-ke/{commune}/",
        "legacy_overview": f"/thong-ke/?nam={LEGACY_YEAR}",
        "legacy_mapped": f"/thong-ke/?nam={LEGACY_YEAR}&xem=quy-doi",
        "legacy_commune": f"/thong-ke/{commune}/?nam={LEGACY_YEAR}",
    }
    counts = json.loads(seeded_province.django(QUERY_COUNTER, *pages.values()))

    bench_line("machine", load_avg_1m_before=os.getloadavg()[0], cores=os.cpu_count())
    with Gunicorn(env, "khuyenhoc.settings") as server:
        _measure(server, pages, str(script), "", counts)
        rss = max(_vm_hwm_mb(pid) for pid in _workers(server.process.pid))
        bench_line("worker", rss_mb=rss)
    with Gunicorn(env, "tests.bench.bench_public_settings") as server:
        floor, results = _measure(server, pages, str(script), "_uncached", counts)
        # One connection per worker: a page's own latency, without the queue that 16
        # connections on 2 workers put in front of it (p95 then is about 8 times longer).
        alone = {
            name: _load(f"{server.base}{path}", str(script), connections=2, seconds=4)
            for name, path in pages.items()
        }
        rss_uncached = max(_vm_hwm_mb(pid) for pid in _workers(server.process.pid))
        bench_line("worker_uncached", rss_mb=rss_uncached)

    met = {}
    for name, result in results.items():
        multiple = result["p95_ms"] / floor["p95_ms"]
        if name in FLOOR_MULTIPLES:
            met[name] = multiple <= FLOOR_MULTIPLES[name]
        else:
            met[name] = result["p95_ms"] <= LEGACY_P95_MS
        bench_line(
            "public_uncached",
            page=name,
            p95_ms=result["p95_ms"],
            floor_multiple=multiple,
            floor_p95_ms=floor["p95_ms"],
            p95_ms_2_connections=alone[name]["p95_ms"],
            target=(
                f"{FLOOR_MULTIPLES[name]}x" if name in FLOOR_MULTIPLES else f"{LEGACY_P95_MS}ms"
            ),
            met=met[name],
        )
    # Latency follows what else the shared machine runs: reported, not asserted. The
    # query counts and the memory do not.
    bench_line("public_targets", worker_under_200mb=rss < 200, **met)
    assert all(n <= 10 for n in counts.values()), counts
    assert rss < 200
