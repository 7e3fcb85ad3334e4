"""Every kind of job is known to a process from its start (each app's ready()), and a
job row naming anything else runs nothing."""

import subprocess
import sys

import pytest

from khuyenhoc.jobs import runner
from khuyenhoc.jobs.models import Job

KINDS = {
    "members",
    "titles-registrations_import",
    "titles-scores_import",
    "receipts",
    "villages",
    "province-report",
    "backup",
}


def test_a_new_process_knows_every_kind_of_job_once_django_is_set_up():
    # a fresh interpreter, as the jobs' worker starts: nothing imported but the apps
    known = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from khuyenhoc.jobs import registry; "
            "print(' '.join(sorted(registry._RUNNERS)))",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "khuyenhoc.settings", "PATH": "/usr/bin:/bin"},
    ).stdout.split()
    assert set(known) == KINDS


@pytest.mark.django_db
def test_a_job_of_a_kind_no_app_registers_is_refused_and_runs_nothing(administrator):
    job = Job.objects.create(
        kind="os.system", label="Việc lạ", user=administrator, params={"needs": "administrator"}
    )
    assert runner.run(job.pk) == Job.State.REFUSED
    job.refresh_from_db()
    assert job.state == Job.State.REFUSED and "không còn quyền" in job.message
