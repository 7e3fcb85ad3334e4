"""The counters of a running import are seen by the pages while the import's own
transaction is still open: on PostgreSQL they go out on a connection of their own."""

import pytest
from django.db import connections, transaction

from khuyenhoc.core import progress
from khuyenhoc.core.sheets.spreadsheets import ImportResult
from khuyenhoc.jobs import progress as job_progress
from khuyenhoc.jobs.registry import registers
from khuyenhoc.jobs.services import Background, import_job_start
from tests.jobs.worker import run_queued_tasks

seen_meanwhile = []


@registers("test-progress")
def counting_import(data, *, user, commune, params, skip_existing):
    with transaction.atomic():  # as every import: one transaction for all its rows
        for _ in range(5):
            progress.read()
        progress.checked(3)
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT rows_read, rows_checked FROM jobs_job")
                seen_meanwhile.append(cursor.fetchone())
        finally:
            other.close()
    return ImportResult(created=5)


@pytest.mark.django_db(transaction=True)
def test_the_counters_of_a_running_import_are_seen_from_another_connection(
    staff_a, commune_a, monkeypatch
):
    monkeypatch.setattr(job_progress, "EVERY", 0)  # save at every row
    background = Background(kind="test-progress", commune=commune_a, label="Thử tiến độ")
    job = import_job_start(
        user=staff_a, background=background, data=b"sheet", total=5, back_url="/"
    )

    run_queued_tasks()

    assert seen_meanwhile == [(5, 3)]
    job.refresh_from_db()
    assert (job.state, job.rows_read, job.rows_checked, job.rows_written) == ("done", 5, 5, 5)
    assert job.message == "Đã nhập 5 dòng."


@pytest.mark.django_db
def test_outside_a_job_the_progress_calls_touch_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        for _ in range(3):
            progress.read()
        progress.checked(2)
