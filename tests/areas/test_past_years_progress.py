"""The staff page of the years before the reform says, per year, how many of the old
communes the user may enter have a report, and names those still missing."""

import pytest
from django.urls import reverse

from khuyenhoc.areas.models import LegacyCommune
from khuyenhoc.areas.past_years import legacy_communes_writable_by, legacy_reports_save
from tests.factories import login

pytestmark = pytest.mark.django_db

CHIENG_LE, CHIENG_AN_OLD = 3646, 3667


def _row(html, year):
    return html.split(f'data-year="{year}"')[1].split("</tr>")[0]


def test_each_year_counts_the_user_s_old_communes_with_a_report_and_names_the_missing(
    client, staff_a
):
    mine = list(legacy_communes_writable_by(staff_a).values_list("name", flat=True))
    assert len(mine) >= 2
    legacy_reports_save(user=staff_a, year=2024, reports={CHIENG_LE: {"adults": 7000}})
    login(client, staff_a)
    html = client.get(reverse("areas:legacy_home")).content.decode()
    assert "Báo cáo bạn được nhập" in html
    done = _row(html, 2024)
    assert f">1/{len(mine)}<" in done
    chieng_le = LegacyCommune.objects.get(pk=CHIENG_LE).name
    assert chieng_le not in done
    for name in mine:
        if name != chieng_le:
            assert name in done
    assert LegacyCommune.objects.get(pk=CHIENG_AN_OLD).name not in html  # another commune's
    assert f">0/{len(mine)}<" in _row(html, 2023) and "Chưa nhập xã cũ nào" in _row(html, 2023)


def test_a_reviewer_sees_the_province_s_progress_read_only(client, reviewer, staff_a):
    legacy_reports_save(user=staff_a, year=2024, reports={CHIENG_LE: {"adults": 7000}})
    login(client, reviewer)
    html = client.get(reverse("areas:legacy_home")).content.decode()
    assert "Báo cáo bạn được xem" in html and ">1/" in _row(html, 2024)
