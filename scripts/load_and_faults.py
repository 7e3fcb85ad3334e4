"""Public-page load and concurrent staff writes against gunicorn, with PostgreSQL stopped
and started again in the middle (`make load`, run by CI after `make test`).

It checks what users are promised: every write that got a success answer is in the
database afterwards, the summaries equal a full rebuild, no answer was a 500, pages and
/healthz answer 503 while the database is down, and the portal recovers by itself.
Prints `BENCH load_with_writers …` and `BENCH db_outage …`; exits 1 when a promise broke.
Needs DATABASE_URL of a server it may create a database on; the outage needs PG_BIN and
PG_DIR of a throwaway cluster (scripts/with-postgres.sh exports them).
"""

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.html_forms import Form  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
DURATION = float(os.environ.get("LOAD_SECONDS", 24))
OUTAGE_AT, OUTAGE_FOR = DURATION / 3, 5.0
READERS, WRITERS = 3, 2


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Session:
    """One browser: cookies, CSRF token, timings."""

    def __init__(self, port):
        self.port, self.cookies = port, {}

    def request(self, method, path, fields=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        start = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except OSError:
            return 0, "", time.perf_counter() - start, {}
        finally:
            conn.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        return response.status, text, time.perf_counter() - start, dict(response.getheaders())

    def submit(self, path, overrides):
        """POSTs the page's form; True when it succeeded (a redirect away from the form
        and from the login page), else the status or error seen."""
        status, page, _, _ = self.request("GET", path)
        if status != 200:
            return False, status
        form = Form()
        form.feed(page)
        status, _, _, headers = self.request("POST", path, {**form.fields, **overrides})
        location = headers.get("Location", "")
        return status == 302 and "/dang-nhap/" not in location, status


def manage(env, *args, input_text=None):
    return subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        input=input_text,
    ).stdout


SETUP = """
import json
from django.conf import settings
from khuyenhoc.areas.models import Commune
from khuyenhoc.areas.services import staff_account_ensure
from funds.services import fund_create
from titles.models import Registration
busy = set(Registration.objects.values_list("commune_id", flat=True))
communes = Commune.objects.filter(province_id=settings.PROVINCE_CODE).order_by("code")
commune = next(c for c in communes if c.code not in busy and c.villages.exists())
user = staff_account_ensure(username="tai_thu", password="TaiThu@2026-load", role="commune_staff",
                            communes=[commune])
fund = fund_create(user=user, commune=commune, branch=None, name="Quỹ tải thử",
                   opening_year=2026, opening_balance=0)
print(json.dumps({"commune": commune.code, "fund": fund.pk}))
"""

VERIFY = """
import json, sys
from django.db import transaction
from khuyenhoc.areas import summaries
from khuyenhoc.areas.models import Figure
from funds.models import Receipt
from titles.models import Household
acked = json.loads(sys.stdin.read())
marked = "Tải thử "
receipts = set(
    Receipt.objects.filter(donor_name__startswith=marked).values_list("donor_name", flat=True)
)
households = set(
    Household.objects.filter(head_name__startswith=marked).values_list("head_name", flat=True)
)
missing = [m for m in acked if m not in receipts and m not in households]
def snapshot():
    return sorted(Figure.objects.values_list("commune_id", "year", "metric", "value"))
kept = snapshot()
with transaction.atomic():
    summaries.rebuild_all()
    rebuilt = snapshot()
    transaction.set_rollback(True)
print(json.dumps({"found": len(acked) - len(missing), "missing": missing[:20],
                  "summaries_equal": kept == rebuilt}))
"""


def pg(action):
    pg_bin, pg_dir = os.environ.get("PG_BIN"), os.environ.get("PG_DIR")
    command = f"'{pg_bin}/pg_ctl' -D '{pg_dir}/data' -w -m fast {action}"
    if action == "start":
        port = os.environ["PG_PORT"]
        command = (
            f"'{pg_bin}/pg_ctl' -D '{pg_dir}/data' -l '{pg_dir}/log' -w -o \"-p {port} -k {pg_dir} "
            f'-c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start'
        )
    if os.geteuid() == 0:
        command = f"su postgres -s /bin/bash -c {json.dumps(command)}"
    subprocess.run(command, shell=True, check=True, capture_output=True)


def main():
    server = os.environ["DATABASE_URL"]
    can_stop = bool(os.environ.get("PG_BIN") and os.environ.get("PG_DIR"))
    base = server.rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS khuyenhoc_load WITH (FORCE)")
        admin.execute("CREATE DATABASE khuyenhoc_load")
    static = tempfile.mkdtemp(prefix="khuyenhoc-static-")
    env = {
        **os.environ,
        "DATABASE_URL": f"{base}/khuyenhoc_load",
        "DEBUG": "false",
        "SECRET_KEY": "load-test-secret-key-not-for-production-0123456789abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "STATIC_ROOT": static,
        "AXES_FAILURE_LIMIT": "1000",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "seed_demo", "--force")
    target = json.loads(manage(env, "shell", "-c", SETUP).strip().splitlines()[-1])

    port = free_port()
    gunicorn = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py", "khuyenhoc.wsgi"],
        cwd=ROOT,
        env={
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "3",
            "GUNICORN_ACCESSLOG": "",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        probe = Session(port)
        for _ in range(100):
            if probe.request("GET", "/healthz")[0] == 200:
                break
            time.sleep(0.2)
        result = run_load(port, target, can_stop)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=20)
    check = json.loads(
        manage(env, "shell", "-c", VERIFY, input_text=json.dumps(result["acked"]))
        .strip()
        .splitlines()[-1]
    )
    report(result, check, can_stop)


def run_load(port, target, can_stop):
    start = time.monotonic()
    stop = threading.Event()
    lock = threading.Lock()
    reads, statuses, acked, health = [], [], [], []
    outage = {}

    def in_outage(t):
        return outage and outage["down"] <= t <= outage.get("up", float("inf")) + 1.0

    def reader(n):
        session = Session(port)
        paths = ["/thong-ke/", f"/thong-ke/{target['commune']}/", "/"]
        i = n
        while not stop.is_set():
            status, _, seconds, _ = session.request("GET", paths[i % len(paths)])
            t = time.monotonic() - start
            with lock:
                statuses.append((t, status, "read"))
                if status == 200 and not in_outage(t):
                    reads.append(seconds)
            i += 1

    def writer(n):
        session = Session(port)
        signed_in, status = session.submit(
            "/dang-nhap/", {"username": "tai_thu", "password": "TaiThu@2026-load"}
        )
        if not signed_in:
            print(f"writer {n}: login failed ({status})", file=sys.stderr, flush=True)
        i = 0
        while not stop.is_set():
            marker = f"Tải thử {n}-{i}"
            if i % 2 == 0:
                ok, status = session.submit(
                    f"/quan-ly/quy/{target['fund']}/thu/",
                    {"donor_name": marker, "amount": "100000", "donor_category": "person"},
                )
            else:
                ok, status = session.submit(
                    f"/quan-ly/danh-hieu/{target['commune']}/2026/household/dang-ky/",
                    {"head_name": marker, "members": "4"},
                )
            with lock:
                statuses.append((time.monotonic() - start, status, "write"))
                if ok:
                    acked.append(marker)
            i += 1

    def monitor():
        session = Session(port)
        while not stop.is_set():
            status = session.request("GET", "/healthz")[0]
            with lock:
                health.append((time.monotonic() - start, status))
            time.sleep(0.2)

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(READERS)]
    threads += [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    threads.append(threading.Thread(target=monitor))
    for thread in threads:
        thread.start()
    if can_stop:
        time.sleep(OUTAGE_AT)
        pg("stop")
        outage["down"] = time.monotonic() - start
        time.sleep(OUTAGE_FOR)
        pg("start")
        outage["up"] = time.monotonic() - start
        time.sleep(max(0.0, DURATION - (time.monotonic() - start)))
    else:
        time.sleep(DURATION)
    stop.set()
    for thread in threads:
        thread.join(timeout=40)
    return {
        "reads": reads,
        "statuses": statuses,
        "acked": acked,
        "health": health,
        "outage": outage,
    }


def report(result, check, can_stop):
    statuses, outage = result["statuses"], result["outage"]
    server_errors = sum(1 for _, status, _ in statuses if status == 500)
    reads = sorted(result["reads"])
    p95 = reads[int(len(reads) * 0.95) - 1] * 1000 if reads else 0.0
    print(
        f"BENCH load_with_writers seconds={DURATION:.0f} requests={len(statuses)} "
        f"reads_ok={len(reads)} read_p50_ms={statistics.median(reads) * 1000 if reads else 0:.1f} "
        f"read_p95_ms={p95:.1f} writes_acked={len(result['acked'])} writes_found={check['found']} "
        f"errors_500={server_errors} summaries_equal={check['summaries_equal']}",
        flush=True,
    )
    problems = []
    if server_errors:
        problems.append(f"{server_errors} answers were 500")
    if check["missing"]:
        problems.append(f"acknowledged writes missing: {check['missing']}")
    if not check["summaries_equal"]:
        problems.append("summary figures differ from a full rebuild")
    if not result["acked"]:
        problems.append("no write was acknowledged")
    if can_stop:
        down, up = outage["down"], outage["up"]
        # answers that began and ended while the server was down (a request is at most
        # a second or so; pg_ctl start returns once the server accepts connections)
        during = [s for t, s, _ in statuses if down + 1.0 <= t <= up - 0.5]
        health_during = [s for t, s in result["health"] if down + 1.0 <= t <= up - 0.5]
        recovered = next((t for t, s in result["health"] if t > up and s == 200), None)
        recovery = recovered - up if recovered is not None else -1
        print(
            f"BENCH db_outage outage_s={up - down:.1f} answers_during={len(during)} "
            f"answers_503={during.count(503)} healthz_503={health_during.count(503)} "
            f"recovery_s={recovery:.2f} missing_writes={len(check['missing'])}",
            flush=True,
        )
        if not during or any(s not in (503, 200, 302) for s in during) or 503 not in during:
            problems.append(f"answers during the outage were not 503: {sorted(set(during))}")
        if not health_during or any(s != 503 for s in health_during):
            problems.append("/healthz did not answer 503 during the outage")
        if recovered is None or recovery > 10:
            problems.append("the portal did not recover within 10 s of the database")
    else:
        print("BENCH db_outage skipped=1 reason=no_throwaway_cluster", flush=True)
    if problems:
        print("LOAD FAILED: " + "; ".join(problems), file=sys.stderr)
        sys.exit(1)
    print("Tải thử và sự cố CSDL: mọi cam kết đều giữ.", flush=True)


if __name__ == "__main__":
    main()
