"""Logging in through the login page: the password hasher (Argon2) dominates the time,
and a login must stay under 300 ms.

Run: scripts/with-postgres.sh .venv/bin/python -m pytest tests/bench/bench_login.py \
         -q -s -o python_files='bench_*.py'
"""

import os
import statistics

import pytest
from django.test import Client
from django.urls import reverse

from tests.bench.util import bench_line, stopwatch
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
LOGINS = int(os.environ.get("BENCH_LOGINS", 40))


def test_bench_login(staff_a):
    url = reverse("login")
    timings_ms = []
    for _ in range(LOGINS):
        client = Client()
        client.get(url)  # as a browser would: the page first, then the form
        with stopwatch() as took:
            response = client.post(url, {"username": staff_a.username, "password": PASSWORD})
        assert response.status_code == 302
        timings_ms.append(took() * 1000)
    p95 = statistics.quantiles(timings_ms, n=20, method="inclusive")[-1]
    bench_line("login", p95_ms=p95, median_ms=statistics.median(timings_ms), n=LOGINS)
