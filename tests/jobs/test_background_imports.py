"""A member sheet over IMPORT_IN_BACKGROUND_ROWS runs as a job of the tasks framework: the
page leads to the job's progress, the worker runs the same import the page runs, and the
result page stays with its outcome, its per-row errors or its preview and choice."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from khuyenhoc.areas.models import Village
from khuyenhoc.core.sheets.spreadsheets import workbook_bytes
from khuyenhoc.jobs.models import Job
from members.models import Member
from tests.factories import login, once
from tests.jobs.sheets import many_people
from tests.jobs.worker import run_queued_tasks
from tests.members.sheets import row, sheet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_threshold(settings):
    settings.IMPORT_IN_BACKGROUND_ROWS = 5


def upload(client, commune, data):
    url = reverse("members:import", args=[commune.code])
    return client.post(url, once({"file": SimpleUploadedFile("ds.xlsx", data)}))


def test_a_sheet_over_the_threshold_is_queued_and_the_worker_writes_it(
    client, staff_a, commune_a, branch_a
):
    login(client, staff_a)
    response = upload(client, commune_a, many_people(8))
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert not Member.objects.exists(), "the request only queues the job"
    assert DBTaskResult.objects.get().status == "READY"
    page = client.get(response["Location"]).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "Đang chờ" in page and "<progress" in page

    assert run_queued_tasks() == 1

    job.refresh_from_db()
    assert (job.state, job.total, job.rows_read, job.rows_checked, job.rows_written) == (
        "done",
        8,
        8,
        8,
        8,
    )
    assert Member.objects.filter(branch__commune=commune_a).count() == 8
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    page = client.get(response["Location"]).content.decode()
    assert "Đã nhập 8 hội viên." in page
    assert "http-equiv" not in page, "a finished job's page stops reloading"
    assert "Đã ghi" in page and "100 %" not in page


def test_a_sheet_under_the_threshold_is_still_written_by_the_page(
    client, staff_a, commune_a, branch_a
):
    login(client, staff_a)
    assert upload(client, commune_a, many_people(3)).status_code == 302
    assert Member.objects.count() == 3 and not Job.objects.exists()


def test_a_refused_sheet_writes_nothing_and_its_result_page_lists_the_row_errors(
    client, staff_a, commune_a, branch_a
):
    rows = [row("Lò Văn Một", year=1950 + i) for i in range(6)] + [row("", year=1990)]
    rows.append(row("Cà Thị Hai", gender="Không rõ"))
    login(client, staff_a)
    response = upload(client, commune_a, sheet(rows))
    run_queued_tasks()

    job = Job.objects.get()
    assert job.state == "refused" and job.rows_written == 0 and job.data is None
    assert not Member.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Chưa nhập dòng nào." in page
    assert "Dòng 8, cột «Họ và tên»" in page and "Dòng 9, cột «Giới tính»" in page


def test_rows_already_there_are_previewed_on_the_result_page_and_skipping_writes_the_new_ones(
    client, staff_a, commune_a, branch_a
):
    login(client, staff_a)
    upload(client, commune_a, many_people(6))
    run_queued_tasks()
    response = upload(client, commune_a, many_people(9))
    run_queued_tasks()

    job = Job.objects.latest("pk")
    assert job.state == "choice" and Member.objects.count() == 6
    page = client.get(response["Location"]).content.decode()
    assert "Tệp có 9 dòng: 3 dòng mới, 6 dòng đã có (giống hệt)" in page
    assert "Bỏ qua dòng đã có, ghi 3 dòng mới" in page

    chosen = client.post(response["Location"], once({"chon": "bo-qua"}))
    assert chosen["Location"] == response["Location"]
    run_queued_tasks()

    job.refresh_from_db()
    assert job.state == "done" and job.rows_written == 3
    assert Member.objects.count() == 9
    assert (
        "Đã nhập 3 hội viên mới; bỏ qua 6 dòng đã có."
        in client.get(chosen["Location"]).content.decode()
    )


def test_stopping_on_the_result_page_writes_nothing(client, staff_a, commune_a, branch_a):
    login(client, staff_a)
    upload(client, commune_a, many_people(6))
    run_queued_tasks()
    response = upload(client, commune_a, many_people(9))
    run_queued_tasks()

    client.post(response["Location"], once({"chon": "dung"}))

    job = Job.objects.latest("pk")
    assert job.state == "stopped" and job.data is None
    assert run_queued_tasks() == 0
    assert Member.objects.count() == 6


def test_another_communes_staff_cannot_see_the_job(client, staff_a, staff_b, commune_a, branch_a):
    login(client, staff_a)
    url = upload(client, commune_a, many_people(6))["Location"]
    client.logout()
    login(client, staff_b)
    assert client.get(url).status_code == 404
    assert client.post(url, once({"chon": "dung"})).status_code == 404


def test_reviewers_and_administrators_read_every_job(
    client, staff_a, reviewer, administrator, commune_a, branch_a
):
    login(client, staff_a)
    url = upload(client, commune_a, many_people(6))["Location"]
    for user in (reviewer, administrator):
        client.logout()
        login(client, user)
        assert "Nhập hội viên từ Excel" in client.get(url).content.decode()


def test_a_job_whose_user_lost_the_commune_writes_nothing(client, staff_a, commune_a, branch_a):
    login(client, staff_a)
    upload(client, commune_a, many_people(6))
    staff_a.staff_profile.communes.clear()

    run_queued_tasks()

    job = Job.objects.get()
    assert job.state == "refused" and "không còn quyền" in job.message
    assert not Member.objects.exists()


def test_a_choice_left_unmade_for_a_day_is_let_go_with_its_sheet(
    client, staff_a, commune_a, branch_a
):
    login(client, staff_a)
    upload(client, commune_a, many_people(6))
    run_queued_tasks()
    upload(client, commune_a, many_people(9))
    run_queued_tasks()
    waiting = Job.objects.latest("pk")
    Job.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - timedelta(days=2))

    upload(client, commune_a, many_people(7))

    waiting.refresh_from_db()
    assert waiting.state == "stopped" and waiting.data is None
    assert "Quá một ngày chưa chọn" in waiting.message


def test_the_row_errors_of_a_job_finished_over_a_day_ago_are_let_go(
    client, staff_a, commune_a, branch_a
):
    login(client, staff_a)
    upload(client, commune_a, sheet([row("Lò Văn Một")] * 6))  # repeats quote the name
    run_queued_tasks()
    refused = Job.objects.get()
    assert refused.errors and "Lò Văn Một" in " ".join(refused.errors)
    Job.objects.filter(pk=refused.pk).update(finished_at=timezone.now() - timedelta(days=2))

    upload(client, commune_a, many_people(7))

    refused.refresh_from_db()
    assert refused.errors == [] and refused.state == "refused"


def test_a_file_too_big_to_count_in_the_request_goes_to_the_job_which_counts_it(
    client, staff_a, commune_a, branch_a, settings, monkeypatch
):
    settings.IMPORT_IN_BACKGROUND_ROWS = 100_000
    monkeypatch.setattr("khuyenhoc.imports.views.COUNTED_IN_REQUEST", 10)
    login(client, staff_a)
    upload(client, commune_a, many_people(4))
    assert Job.objects.get().total == 0

    run_queued_tasks()

    job = Job.objects.get()
    assert (job.state, job.total, job.rows_written) == ("done", 4, 4)
    assert Member.objects.count() == 4


def test_a_village_sheet_over_the_threshold_runs_as_a_job_too(client, staff_a, commune_a):
    names = [[f"Bản Số {i}", "Bản"] for i in range(1, 8)]
    data = workbook_bytes([("Thôn", ["Tên thôn, bản, tổ dân phố", "Loại"], names)])
    login(client, staff_a)
    url = reverse("areas:village_import", args=[commune_a.code])
    response = client.post(url, once({"file": SimpleUploadedFile("thon.xlsx", data)}))
    assert not Village.objects.filter(commune=commune_a).exists()

    run_queued_tasks()

    assert Village.objects.filter(commune=commune_a).count() == 7
    page = client.get(response["Location"]).content.decode()
    assert "Đã nhập 7 thôn, bản, tổ dân phố." in page


def test_the_checked_and_written_counters_move_while_the_import_runs_not_only_at_its_end(
    client, staff_a, commune_a, branch_a, monkeypatch
):
    """Every save of the counters a running job makes, as the progress page would read
    them: the checks are counted as the rows go, and the written rows before the end."""
    from khuyenhoc.jobs import progress

    saved = []
    monkeypatch.setattr(progress, "EVERY", 0)  # save at every count
    monkeypatch.setattr(progress.Reporter, "save", lambda self: saved.append(dict(self.counts)))
    login(client, staff_a)
    upload(client, commune_a, many_people(8))

    run_queued_tasks()

    checked = [s["rows_checked"] for s in saved]
    assert checked == sorted(checked) and set(checked) == set(range(9)), "one row at a time"
    assert saved[-1] == {"rows_read": 8, "rows_checked": 8, "rows_written": 8}
    assert Job.objects.get().state == "done"
