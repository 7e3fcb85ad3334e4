"""Background imports: the upload request of a large member sheet only queues the job
(it must answer within a second), and the worker's run of the same import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from khuyenhoc.jobs.models import Job
from tests.bench.util import bench_line, stopwatch
from tests.factories import login, once
from tests.jobs.sheets import many_people
from tests.jobs.worker import run_queued_tasks
from tests.members.conftest import branch_a, commune_branch_a, village_a  # noqa: F401

pytestmark = pytest.mark.django_db
ROWS = 25_000


def test_bench_background_import(staff_a, commune_a, branch_a):  # noqa: F811
    client = Client()
    login(client, staff_a)
    data = many_people(ROWS)
    url = reverse("members:import", args=[commune_a.code])
    with stopwatch() as took:
        response = client.post(url, once({"file": SimpleUploadedFile("ds.xlsx", data)}))
    request_s = took()
    assert response.status_code == 302 and Job.objects.exists()
    with stopwatch() as took:
        run_queued_tasks()
    job = Job.objects.get()
    assert job.state == "done" and job.rows_written == ROWS
    bench_line("background_import", rows=ROWS, request_s=request_s, job_s=took(), bytes=len(data))
    assert request_s < 1.0, "the upload request must only queue the job"
