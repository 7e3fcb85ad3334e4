from django.conf import settings
from django.core.cache import cache

from khuyenhoc.areas.freshness import figures_changed, figures_version
from khuyenhoc.areas.models import Commune, Figure
from tests import metric_names as m

from .conftest import commune_figures, write_figures


def test_it_lists_every_commune_of_the_province_with_vietnamese_rates(client, seeded):
    response = client.get("/thong-ke/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "năm 2026" in html
    for commune in Commune.objects.filter(province_id=settings.PROVINCE_CODE):
        assert commune.name in html
    # households 2.500, recognised 2.000 → 80 %; registered 2.250 → 90 %
    assert "80 %" in html and "90 %" in html
    assert "Toàn tỉnh" in html


def test_it_marks_communes_below_the_677_target_with_text(client, seeded):
    html = client.get("/thong-ke/?nam=2026").content.decode()
    below = seeded[2]
    row = html.split(f">{below.name}</a>")[1].split("</tr>")[0]
    assert "3,3 %" in row
    assert "dưới chỉ tiêu" in row
    assert "Chưa đạt:</span> Gia đình" in row
    assert "chỉ tiêu 60 %" in html  # 2026 uses the 2030 targets


def test_it_ranks_by_the_average_recognised_rate_and_sorts_without_javascript(client, seeded):
    below = seeded[2]
    ranked = client.get("/thong-ke/?nam=2026").content.decode()
    first_row = ranked.split("<tbody>")[1].split("</tr>")[0]
    assert below.name not in first_row
    ascending = client.get("/thong-ke/?nam=2026&sap_xep=gia-dinh-cn").content.decode()
    first_row = ascending.split("<tbody>")[1].split("</tr>")[0]
    assert below.name in first_row
    assert 'aria-sort="ascending"' in ascending
    assert "sap_xep=-gia-dinh-cn" in ascending  # the same heading now sorts descending


def test_an_unknown_sort_key_falls_back_to_the_ranking(client, seeded):
    assert client.get("/thong-ke/?sap_xep=%3Cscript%3E").status_code == 200


def test_a_malformed_year_gives_the_default_year(client, seeded):
    for raw in ("abc", "", "2026x", "99999999999999999999", "-1", "%00"):
        response = client.get(f"/thong-ke/?nam={raw}")
        assert response.status_code == 200, raw
        assert "năm 2026" in response.content.decode()


def test_a_year_without_figures_gives_a_vietnamese_404(client, seeded):
    response = client.get("/thong-ke/?nam=1999")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_the_page_shows_members_per_100_inhabitants_and_fund_totals(client, seeded):
    html = client.get("/thong-ke/?nam=2025").content.decode()
    first = seeded[0]
    row = html.split(f">{first.name}</a>")[1].split("</tr>")[0]
    assert "15,0" in row  # 1.500 members for 10.000 people
    assert "120.000.000 đ" in row and "45.000.000 đ" in row


def test_it_says_no_data_when_nothing_is_published(client, units):
    response = client.get("/thong-ke/")
    assert response.status_code == 200
    assert "Chưa có số liệu" in response.content.decode()


def test_a_commune_with_only_denominators_shows_dashes_not_zero_rates(client, seeded):
    other = Commune.objects.filter(province_id=settings.PROVINCE_CODE).order_by("code")[6]
    write_figures(other.code, 2026, {m.POPULATION: 5000, m.HOUSEHOLDS: 1200})
    html = client.get("/thong-ke/?nam=2026").content.decode()
    row = html.split(f">{other.name}</a>")[1].split("</tr>")[0]
    assert ">0 %" not in row and "–" in row


def _household_cell(html, commune):
    row = html.split(f">{commune.name}</a>")[1]
    return row.split('data-k="gia-dinh-cn"')[1].split("</td>")[0]


def test_a_change_shows_on_the_public_page_once_the_short_cache_expires(client, seeded, settings):
    settings.PUBLIC_CACHE_SECONDS = 5
    first = seeded[0]
    assert "80 %" in _household_cell(client.get("/thong-ke/?nam=2026").content.decode(), first)
    Figure.objects.filter(
        commune=first, year=2026, metric=m.title_metric("household", "recognised")
    ).update(value=2_250)
    figures_changed()  # as every write of figures does (khuyenhoc/areas/summaries.py)
    cached = client.get("/thong-ke/?nam=2026").content.decode()
    assert "80 %" in _household_cell(cached, first)
    cache.clear()  # what the 5 s expiry does
    fresh = client.get("/thong-ke/?nam=2026").content.decode()
    assert "90 %" in _household_cell(fresh, first)


def test_without_the_page_cache_a_write_of_figures_shows_at_the_next_request(
    client, seeded, settings
):
    # the overview and the commune page remember their tables per figures' version
    # (khuyenhoc/public/memo.py); every write of figures advances it, nothing expires
    settings.PUBLIC_CACHE_SECONDS = 0
    first = seeded[0]
    before = figures_version()
    assert "80 %" in _household_cell(client.get("/thong-ke/?nam=2026").content.decode(), first)
    assert "2.100" not in client.get(f"/thong-ke/{first.code}/?nam=2026").content.decode()
    Figure.objects.filter(
        commune=first, year=2026, metric=m.title_metric("household", "recognised")
    ).update(value=2_100)
    figures_changed()  # as every write of figures does (khuyenhoc/areas/summaries.py)
    assert figures_version() > before
    assert "84 %" in _household_cell(client.get("/thong-ke/?nam=2026").content.decode(), first)
    assert "2.100" in client.get(f"/thong-ke/{first.code}/?nam=2026").content.decode()


def test_it_uses_commune_figures_only_from_the_summary_table(client, seeded):
    write_figures(seeded[0].code, 2027, commune_figures())
    assert "năm 2027" in client.get("/thong-ke/").content.decode()
