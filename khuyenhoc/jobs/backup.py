"""A database backup started by an administrator from the portal: the job runs
scripts/backup.sh, the same backup as `make backup`, and its page tells where the file
is. The file stays on the server: a whole database holds every person's data and is
never offered for download."""

import subprocess

from django.conf import settings

from .registry import registers

BACKUP = "backup"
SCRIPT = settings.BASE_DIR / "scripts" / "backup.sh"
TIMEOUT = 3 * 60 * 60  # seconds: a province's database dumps in minutes


class BackupFailed(Exception):
    pass


@registers(BACKUP)
def backup(*, job):
    done = subprocess.run(
        [str(SCRIPT)], capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    if done.returncode != 0:
        # the runner records a failure; the script's own words go to the log
        raise BackupFailed(done.stderr[-2000:])
    job.message = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "Đã sao lưu."
