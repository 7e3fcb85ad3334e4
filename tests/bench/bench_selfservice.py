"""Self-registrations from phones alongside public reads: 200 households each open
their page with a code, fill the form with a photo and send it, over HTTP to Django's
threaded live server, while readers load the public commune and overview pages. Prints
`BENCH self_registrations per_minute=… errors=…` (issue 27 asks 200 a minute without
errors), then the staff's acceptance of all of them at once.

Run: DJANGO_ALLOW_ASYNC_UNSAFE=true scripts/with-postgres.sh .venv/bin/python -m pytest \
         tests/bench/bench_selfservice.py -q -s -o python_files='bench_*.py'
"""

import http.cookiejar
import os
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from django.urls import reverse

from khuyenhoc.areas.models import Village
from tests.bench.util import bench_line, stopwatch
from tests.titles.selfservice.conftest import answers_for, photo_bytes
from titles.models import SelfRegistration
from titles.selfservice import services

pytestmark = pytest.mark.django_db(transaction=True)
HOUSEHOLDS = int(os.environ.get("BENCH_SELF_REGISTRATIONS", 200))
SENDERS = 4
READERS = 2
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Phone:
    """One household's browser: its cookies, and forms sent as a browser sends them."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path, fields, files=(), token_from="") -> str:
        token = TOKEN.search(token_from).group(1)
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in [("csrfmiddlewaretoken", token), *fields.items()]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, filename, data in files:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
                + data
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(
            self.base + path,
            data=body,
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Referer": self.base + path,
            },
        )
        with self.opener.open(request, timeout=30) as response:
            return response.geturl()


def _register(base, commune, village, code, photo, fields) -> bool:
    phone = Phone(base)
    entry = phone.get(reverse("selfservice:commune", args=[commune.code]))
    landed = phone.post(reverse("selfservice:enter"), {"code": code}, token_from=entry)
    if not landed.endswith(reverse("selfservice:home")):
        return False
    form_path = f"{reverse('selfservice:register')}?loai=citizen&nhom=1"
    form = phone.get(form_path)
    landed = phone.post(form_path, fields, [("evidence", "anh.jpg", photo)], token_from=form)
    return landed.endswith(reverse("selfservice:home"))


def test_bench_self_registrations_alongside_public_reads(live_server, staff_a, commune_a):
    village = Village.objects.create(commune=commune_a, name="Bản Mòng", name_folded="ban mong")
    issued = services.codes_issue(
        user=staff_a, commune=commune_a, village=village, count=HOUSEHOLDS + 1
    )
    # one accepted first, so that the commune's public page has figures to read
    first = services.submission_send(
        code=issued[0][0],
        year=2026,
        title="household",
        data={"village": village, "full_name": "Hộ Đầu Tiên", "members": 3},
        answers={int(k[1:]): v for k, v in answers_for("household").items()},
    )
    services.submission_accept(user=staff_a, submission=first)

    photo = photo_bytes()
    base = live_server.url
    pending = [code for _, code in issued[1:]]
    lock = threading.Lock()
    outcome = {"sent": 0, "errors": 0, "reads": 0, "read_errors": 0}
    done = threading.Event()

    def sender(worker):
        while True:
            with lock:
                if not pending:
                    return
                code = pending.pop()
                number = len(pending)
            fields = {
                "full_name": f"Người Dân Số {number}",
                "birth_year": 1960 + number % 40,
                "sex": "nu",
                "id_number": "",
                "village": village.pk,
                "consent": "on",
                **answers_for("citizen", points=9),
            }
            try:
                ok = _register(base, commune_a, village, code, photo, fields)
            except (urllib.error.URLError, OSError):
                ok = False
            with lock:
                outcome["sent" if ok else "errors"] += 1

    def reader():
        pages = [reverse("stats:commune", args=[commune_a.code]), reverse("stats:overview")]
        n = 0
        while not done.is_set():
            try:
                with urllib.request.urlopen(base + pages[n % 2], timeout=30) as response:
                    ok = response.status == 200
            except (urllib.error.URLError, OSError):
                ok = False
            n += 1
            with lock:
                outcome["reads" if ok else "read_errors"] += 1

    readers = [threading.Thread(target=reader) for _ in range(READERS)]
    senders = [threading.Thread(target=sender, args=(i,)) for i in range(SENDERS)]
    with stopwatch() as took:
        for thread in readers + senders:
            thread.start()
        for thread in senders:
            thread.join()
    done.set()
    for thread in readers:
        thread.join()
    seconds = took()
    bench_line(
        "self_registrations",
        per_minute=outcome["sent"] / seconds * 60,
        errors=outcome["errors"],
        sent=outcome["sent"],
        seconds=seconds,
        public_reads=outcome["reads"],
        public_read_errors=outcome["read_errors"],
        senders=SENDERS,
    )
    assert outcome["errors"] == 0 and outcome["read_errors"] == 0
    assert SelfRegistration.objects.filter(state="sent").count() == HOUSEHOLDS

    waiting = SelfRegistration.objects.filter(state="sent")
    with stopwatch() as took:
        accepted, refused = services.submissions_accept(user=staff_a, submissions=waiting)
    bench_line("self_accept_all", accepted=accepted, refused=len(refused), seconds=took())
    assert accepted == HOUSEHOLDS
