"""Runs a command as the only child of this small process and reports the child's peak
resident memory: `python -m tests.trust.child_peak COMMAND…` prints PEAK_KB=… last on
stderr, after the child's own output.

Why a process in between: a child started straight from the test process inherits, in
its ru_maxrss, the peak of the process it was forked from (Linux carries the old memory
map's high-water mark across exec), so a child of pytest would report pytest's peak.
This process is a few megabytes, and getrusage(RUSAGE_CHILDREN) here is its one child."""

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Measured:
    returncode: int
    stdout: str
    stderr: str
    peak_mb: float
    seconds: float  # the child's, from start to end, Python and Django's start included


def measure(command: list[str], *, env: dict | None = None, timeout=180) -> Measured:
    """Runs `command` from the repository's root under this module, in a child."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.trust.child_peak", *command],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )
    stderr = done.stderr.decode(errors="replace")
    head, _, report = stderr.rstrip().rpartition("\n")
    peak, seconds = (float(v.split("=")[1]) for v in report.split())
    return Measured(
        done.returncode, done.stdout.decode(errors="replace"), head, peak / 1024, seconds
    )


def database_url() -> str:
    """The database the calling test uses, for a child process to connect to."""
    from urllib.parse import quote

    from django.db import connection

    params = connection.settings_dict
    password = f":{quote(params['PASSWORD'])}" if params["PASSWORD"] else ""
    return (
        f"postgres://{quote(params['USER'])}{password}@{params['HOST']}:{params['PORT']}"
        f"/{params['NAME']}"
    )


def main(command: list[str]) -> int:
    started = time.perf_counter()
    returncode = subprocess.run(command).returncode
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    sys.stderr.flush()
    print(f"\nPEAK_KB={peak} SECONDS={seconds:.3f}", file=sys.stderr)
    return returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
