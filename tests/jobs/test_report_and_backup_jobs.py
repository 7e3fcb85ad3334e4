"""The province's annual report and a database backup run as background jobs: the page
answers at once, the worker makes the file, and only those who may read the job reach
it."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse

from khuyenhoc.jobs.models import Job
from tests.factories import login, once
from tests.jobs.worker import run_queued_tasks

pytestmark = pytest.mark.django_db
YEAR = 2025


def test_a_reviewer_starts_the_province_report_and_downloads_the_file_the_job_made(
    client, reviewer, staff_a
):
    login(client, reviewer)
    response = client.post(reverse("reports:province_xlsx_job", args=[YEAR]), once())
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.state == "queued" and not job.output

    assert run_queued_tasks() == 1

    page = client.get(response["Location"]).content.decode()
    assert "Tệp báo cáo đã làm xong." in page
    download = reverse("jobs:download", args=[job.pk])
    assert download in page
    answer = client.get(download)
    assert answer["Content-Disposition"] == f'attachment; filename="bao-cao-tinh-{YEAR}.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert "Tình trạng nộp" in book.sheetnames

    client.logout()
    login(client, staff_a)
    assert client.get(response["Location"]).status_code == 404
    assert client.get(download).status_code == 404


def test_commune_staff_cannot_start_the_province_report(client, staff_a):
    login(client, staff_a)
    response = client.post(reverse("reports:province_xlsx_job", args=[YEAR]), once())
    assert response.status_code == 403
    assert not Job.objects.exists()


def test_an_administrator_starts_a_backup_that_the_worker_writes(
    client, administrator, settings, tmp_path, monkeypatch
):
    script = tmp_path / "backup.sh"
    out = tmp_path / "khuyenhoc.dump"
    script.write_text(f"#!/bin/sh\necho data > {out}\necho 'Đã sao lưu vào {out}'\n")
    script.chmod(0o755)
    monkeypatch.setattr("khuyenhoc.jobs.backup.SCRIPT", Path(script))
    login(client, administrator)
    response = client.post(reverse("jobs:backup"), once())
    run_queued_tasks()

    job = Job.objects.get()
    assert job.state == "done" and out.read_text() == "data\n"
    assert f"Đã sao lưu vào {out}" in client.get(response["Location"]).content.decode()


def test_a_failed_backup_ends_as_a_failed_job_with_a_vietnamese_message(
    client, administrator, tmp_path, monkeypatch
):
    script = tmp_path / "backup.sh"
    script.write_text("#!/bin/sh\necho 'pg_dump: lỗi' >&2\nexit 1\n")
    script.chmod(0o755)
    monkeypatch.setattr("khuyenhoc.jobs.backup.SCRIPT", Path(script))
    login(client, administrator)
    client.post(reverse("jobs:backup"), once())
    run_queued_tasks()

    job = Job.objects.get()
    assert job.state == "failed" and "gặp lỗi ngoài dự kiến" in job.message


def test_only_administrators_open_the_backup_page(client, reviewer, staff_a):
    for user in (reviewer, staff_a):
        client.logout()
        login(client, user)
        assert client.get(reverse("jobs:backup")).status_code == 404
    assert not Job.objects.exists()
