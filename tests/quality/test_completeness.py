"""Per commune, year and title: sent or not, on time or late against the province's
deadline; the reviewer sees who is behind and reminds them in their inbox."""

import datetime

import pytest
from django.conf import settings

from khuyenhoc.areas.models import Village
from khuyenhoc.quality import completeness
from khuyenhoc.quality.models import Reminder, ReportingDeadline
from tests.factories import login, registered_households
from titles.models import RecognitionList

pytestmark = pytest.mark.django_db
TZ = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture
def lists(commune_a, commune_b):
    """commune_a sent its households' list on 20/11/2026, before the deadline of 1/12;
    commune_b registered households and sent nothing."""
    for commune, number in ((commune_a, 1), (commune_b, 2)):
        village = Village.objects.create(commune=commune, name=f"Thôn {number}")
        registered_households(commune, village, [number], 2026)
    RecognitionList.objects.create(
        commune=commune_a,
        year=2026,
        title="household",
        state="proposed",
        proposed_at=datetime.datetime(2026, 11, 20, 9, tzinfo=TZ),
    )
    ReportingDeadline.objects.create(
        province_id=settings.PROVINCE_CODE, year=2026, due_on=datetime.date(2026, 12, 1)
    )


def test_a_list_sent_after_the_deadline_is_late_and_one_never_sent_is_overdue():
    due = datetime.date(2026, 12, 1)
    sent_late = datetime.datetime(2026, 12, 2, 9, tzinfo=TZ)
    late = completeness._cell("household", "proposed", sent_late, due, datetime.date(2026, 12, 3))
    assert (late.status, late.text) == ("late", "Trễ hạn (02/12/2026)")
    never = completeness._cell("clan", "open", None, due, datetime.date(2026, 12, 3))
    assert never.text == "Quá hạn, chưa gửi" and never.behind
    returned = completeness._cell("unit", "returned", sent_late, due, datetime.date(2026, 12, 3))
    assert returned.behind and not returned.reported


def test_the_reviewer_sees_who_is_late_and_reminds_them(
    client, reviewer, staff_b, commune_a, commune_b, lists, django_capture_on_commit_callbacks
):
    login(client, reviewer)
    html = client.get("/quan-ly/kiem-tra/bao-cao/?nam=2026").content.decode()
    assert "Hạn gửi danh sách đề nghị công nhận: <strong>01/12/2026</strong>" in html
    assert "Đúng hạn (20/11/2026)" in html
    assert "Quá hạn, chưa gửi" in html
    response = client.post(
        f"/quan-ly/kiem-tra/bao-cao/{commune_b.code}/2026/nhac/",
        {"noi_dung": "Đề nghị gửi danh sách Gia đình học tập năm 2026."},
    )
    assert response.status_code == 302
    reminder = Reminder.objects.get()
    assert reminder.commune == commune_b and reminder.sent_by == reviewer
    login(client, staff_b)
    home = client.get("/quan-ly/").content.decode()
    assert "Đề nghị gửi danh sách Gia đình học tập năm 2026." in home


def test_commune_staff_cannot_send_a_reminder(client, staff_a, commune_b, lists):
    login(client, staff_a)
    response = client.post(
        f"/quan-ly/kiem-tra/bao-cao/{commune_b.code}/2026/nhac/", {"noi_dung": "Nhắc"}
    )
    assert response.status_code == 404
    assert not Reminder.objects.exists()


def test_the_same_reminder_sent_twice_is_one_message(client, reviewer, commune_b, lists):
    login(client, reviewer)
    url = f"/quan-ly/kiem-tra/bao-cao/{commune_b.code}/2026/nhac/"
    for _ in range(2):
        client.post(url, {"noi_dung": "Đề nghị gửi danh sách."})
    assert Reminder.objects.count() == 1


def test_every_commune_of_the_province_is_listed_per_title_even_one_without_a_single_row(
    client, reviewer, commune_a, commune_b, lists
):
    """commune_c has no registration, list or figure at all: it is still on the page, as
    "chưa báo cáo" under every title, and counts in N."""
    from khuyenhoc.areas.models import Commune

    province = Commune.objects.filter(province_id=settings.PROVINCE_CODE)
    commune_c = province.exclude(pk__in=[commune_a.pk, commune_b.pk]).order_by("code").first()
    total = province.count()
    login(client, reviewer)
    html = client.get("/quan-ly/kiem-tra/bao-cao/?nam=2026").content.decode()
    card = html.split(f"<h3>{commune_c.name}</h3>")[1].split('<li class="card')[0]
    assert "Chưa gửi danh sách nào năm 2026." in card
    for label in ("Công dân học tập", "Gia đình học tập", "Đơn vị học tập"):
        assert f"<span>{label}</span> <b>Chưa báo cáo, đã quá hạn</b>" in card
    assert f"<b>1/{total} xã, phường đã gửi</b> (1 đúng hạn, 0 trễ hạn); <b>{total - 1}</b>" in html
    assert f"<strong>1/{total}</strong> xã, phường đã gửi ít nhất một danh sách" in html
    assert html.count('<li class="card') == total


def test_the_reviewer_can_look_at_one_title_only(client, reviewer, commune_a, lists):
    login(client, reviewer)
    html = client.get("/quan-ly/kiem-tra/bao-cao/?nam=2026&danhhieu=household").content.decode()
    assert "<span>Gia đình học tập</span> <b>Đúng hạn (20/11/2026)</b>" in html
    assert "<span>Dòng họ học tập</span>" not in html
    assert '<option value="household" selected>' in html


def test_the_public_overview_counts_every_commune_of_the_province_in_n(client, province_communes):
    """Two communes reported, a third has only its population, the others no row at all:
    "2/N" with N every commune, and the province rate over the two."""
    from tests import metric_names as m
    from tests.public.conftest import commune_figures, write_figures

    for commune in province_communes[:2]:
        write_figures(commune.code, 2026, commune_figures())
    write_figures(province_communes[2].code, 2026, {m.POPULATION: 9_000, m.HOUSEHOLDS: 2_000})
    total = len(province_communes)
    html = client.get("/thong-ke/?nam=2026").content.decode()
    assert f"<strong>2/{total} xã, phường đã báo cáo</strong> số liệu năm 2026." in html
    assert "Tỷ lệ toàn tỉnh tính trên các xã, phường đã báo cáo." in html
    commune = client.get(f"/thong-ke/{province_communes[0].code}/?nam=2026").content.decode()
    assert f"tính trên 2/{total} xã, phường đã báo cáo" in commune
