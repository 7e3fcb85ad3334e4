"""The annual report of a year before the reform: the province by old district and the
old district's own report, with totals, rates and "x/N" as published."""

import pytest

from khuyenhoc.areas.past_years import legacy_reports_save
from tests.factories import login
from tests.public.son_la_city import CITY, reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_2024(units):
    legacy_reports_save(user=None, year=2024, reports=reports())


def test_the_province_report_of_2024_lists_the_old_city_with_its_x_of_n(
    client, reviewer, city_2024
):
    login(client, reviewer)
    html = client.get("/quan-ly/bao-cao/tinh/2024/").content.decode()
    city = html.split('id="bao-cao-huyen-cu"')[1].split("Thành phố Sơn La</a>")[1].split("</tr>")[0]
    assert "12/12" in city and "10/12" in city
    assert "56.000 <small>(74,7 %)</small>" in city
    assert "26.000 <small>(95,9 %)</small>" in city


def test_the_old_city_report_states_rates_counts_and_x_of_n(client, reviewer, city_2024):
    login(client, reviewer)
    html = client.get(f"/quan-ly/bao-cao/tinh/2024/huyen-cu/{CITY}/").content.decode()
    assert "Báo cáo năm 2024: Thành phố Sơn La" in html
    assert "139 thôn, tổ dân phố đạt Cộng đồng học tập" in html
    assert "14 dòng họ học tập" in html
    part = html.split('id="so-xa-dat"')[1]
    commune = part.split("Cộng đồng học tập cấp xã</th>")[1].split("</tr>")[0]
    assert "12/12 xã, phường" in commune and "10/12 xã, phường" in commune
    assert html.count("Phường Chiềng Lề") == 1 and "Xã Hua La" in html


def test_commune_staff_cannot_read_the_province_reports_of_past_years(client, staff_a, city_2024):
    login(client, staff_a)
    assert client.get("/quan-ly/bao-cao/tinh/2024/").status_code == 403
    assert client.get(f"/quan-ly/bao-cao/tinh/2024/huyen-cu/{CITY}/").status_code == 403


def test_a_year_without_figures_of_the_old_units_is_404(client, reviewer, city_2024):
    login(client, reviewer)
    assert client.get("/quan-ly/bao-cao/tinh/2019/").status_code == 404
    assert client.get("/quan-ly/bao-cao/tinh/2024/huyen-cu/1/").status_code == 404


def test_a_commune_s_report_states_how_many_of_its_villages_reached_the_village_title(
    client, commune_a, staff_a, with_figures
):
    login(client, staff_a)
    html = client.get(f"/quan-ly/bao-cao/{commune_a.code}/2025/").content.decode()
    assert "<strong>40/40</strong> thôn, bản, tổ dân phố đăng ký" in html
    assert "<strong>30/40</strong> được công nhận" in html
