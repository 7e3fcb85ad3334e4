"""Real servers for the tests of several app hosts: a throwaway redis-server and gunicorn
hosts on the test database, and a small browser that keeps cookies and sends forms."""

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

from tests.html_forms import Form

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, *, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what}: not ready after {seconds} s")


def _answers(port) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


@contextmanager
def redis_server():
    """A redis-server on a free port that keeps nothing on disk; yields its port.
    scripts/ensure-redis.sh installs Debian's package on a machine that has none."""
    subprocess.run([ROOT / "scripts" / "ensure-redis.sh"], check=True)
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="khuyenhoc-redis-") as workdir:
        process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                workdir,
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
        )
        try:
            wait_for(lambda: _answers(port), seconds=10, what="redis-server")
            yield port
        finally:
            process.terminate()
            process.wait(timeout=10)


def database_url() -> str:
    """The URL of the database this test process uses (pytest-django's test database)."""
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "")
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    host = db["HOST"] or "localhost"
    return f"postgres://{user}{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def production_env(**extra) -> dict:
    """The environment of an app host as README describes it, less HTTPS (plain http here)."""
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "several-hosts-test-secret-key-not-for-production-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "GUNICORN_ACCESSLOG": "",
        **extra,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def collect_static(env) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


@contextmanager
def app_hosts(count, env, *, workers=2):
    """`count` gunicorn servers started as production starts one; yields their ports."""
    ports = [free_port() for _ in range(count)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "khuyenhoc.wsgi"],
            cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            wait_for(
                lambda p=port: Browser(p).get("/healthz")[0] == 200,
                seconds=30,
                what=f"gunicorn on port {port}",
            )
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)


class Browser:
    """One visitor of one host: its cookies, and forms sent with their CSRF token."""

    def __init__(self, port):
        self.port, self.cookies = port, {}

    def request(self, method, path, fields=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except OSError:
            return 0, "", {}
        finally:
            conn.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        return response.status, text, dict(response.getheaders())

    def get(self, path):
        return self.request("GET", path)

    def submit(self, path, changes):
        """Sends the page's main form, as a person would after changing `changes`; returns
        the answer's status and Location."""
        status, page, _ = self.get(path)
        assert status == 200, f"GET {path} → {status}"
        form = Form()
        form.feed(page)
        status, _, headers = self.request("POST", path, {**form.fields, **changes})
        return status, headers.get("Location", "")
