"""A year before the reform on the public pages: province → old district → old commune
with totals at every level, and "x/N" of each title."""

import re

import pytest

from khuyenhoc.areas.past_years import legacy_reports_save, province_legacy_communes
from khuyenhoc.figures.coverage import reached, villages_reached
from tests import metric_names as m

from .son_la_city import CITY, reports

pytestmark = pytest.mark.django_db


def test_a_unit_reached_the_commune_title_itself_and_the_others_by_one_registration():
    units = [
        {m.title_metric("commune", "registered"): 1, m.title_metric("household", "registered"): 3},
        {
            m.title_metric("household", "recognised"): 1,
            m.title_metric("household", "registered"): 1,
        },
        {},
    ]
    assert reached(units, "commune") == {"registered": 1, "recognised": 0, "total": 3}
    assert reached(units, "household") == {"registered": 2, "recognised": 1, "total": 3}
    assert villages_reached({m.VILLAGES: 12, m.title_metric("village", "recognised"): 9}) == {
        "total": 12,
        "registered": 0,
        "recognised": 9,
    }
    assert villages_reached({}) is None


@pytest.fixture
def city_2024(units):
    legacy_reports_save(user=None, year=2024, reports=reports())


def _row(html, heading):
    return html.split(heading, 1)[1].split("</tr>", 1)[0]


def test_the_old_city_page_states_its_published_figures(client, city_2024):
    html = client.get(f"/thong-ke/huyen-cu/{CITY}/?nam=2024").content.decode()
    assert "<h1>Thành phố Sơn La năm 2024</h1>" in html
    citizen = _row(html, '<th scope="row">Công dân học tập</th>')
    assert "56.000" in citizen and "74,7 %" in citizen and "74.967" in citizen
    household = _row(html, '<th scope="row">Gia đình học tập</th>')
    assert "26.000" in household and "95,9 %" in household
    village = _row(html, '<th scope="row">Cộng đồng học tập cấp thôn</th>')
    assert re.search(r"139</td><td class=\"num\">100 %", village)
    assert "14" in _row(html, '<th scope="row">Dòng họ học tập</th>')
    reached_part = html.split('id="so-don-vi"')[1]
    commune = _row(reached_part, '<th scope="row">Cộng đồng học tập cấp xã</th>')
    assert "12/12 xã, phường" in commune and "10/12 xã, phường" in commune
    assert "Phường Chiềng Lề" in html and "Xã Hua La" in html


def test_the_overview_of_the_year_lists_the_old_districts_with_totals_and_x_of_n(client, city_2024):
    html = client.get("/thong-ke/?nam=2024").content.decode()
    city = html.split('id="bang-huyen-cu"')[1].split("Thành phố Sơn La</a>")[1].split("</tr>")[0]
    assert "12/12" in city and "10/12" in city and "74,7 %" in city
    total = province_legacy_communes().count()
    province = _row(html.split('id="so-xa-dat"')[1], "Cộng đồng học tập cấp xã</th>")
    assert f"12/{total} xã, phường" in province


def test_an_old_district_outside_the_province_or_a_year_without_figures_is_404(client, city_2024):
    assert client.get("/thong-ke/huyen-cu/1/?nam=2024").status_code == 404
    assert client.get(f"/thong-ke/huyen-cu/{CITY}/?nam=2019").status_code == 404


def test_a_current_year_states_x_of_n_over_today_s_communes_and_a_commune_s_villages(client, units):
    from django.conf import settings

    from khuyenhoc.areas.models import Commune

    from .conftest import commune_figures, write_figures

    communes = list(Commune.objects.filter(province_id=settings.PROVINCE_CODE).order_by("code"))
    for commune in communes[:3]:
        write_figures(commune.code, 2026, commune_figures())
    html = client.get("/thong-ke/?nam=2026").content.decode()
    part = html.split('id="so-xa-dat"')[1]
    commune = part.split("Cộng đồng học tập cấp xã</th>")[1].split("</tr>")[0]
    assert f"3/{len(communes)} xã, phường" in commune and f"0/{len(communes)}" in commune
    page = client.get(f"/thong-ke/{communes[0].code}/?nam=2026").content.decode()
    assert "<strong>8/10</strong> thôn, bản, tổ dân phố đăng ký" in page
    assert "<strong>6/10</strong> được công nhận" in page
