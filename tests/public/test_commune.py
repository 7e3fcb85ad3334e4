from django.conf import settings

from khuyenhoc.areas import services
from khuyenhoc.areas.models import Commune, Village

from .conftest import write_legacy


def test_it_shows_every_indicator_with_counts_rates_and_the_province(client, seeded):
    commune = seeded[0]
    response = client.get(f"/thong-ke/{commune.code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{commune.name} năm 2026" in html
    assert "Gia đình học tập" in html and "Đơn vị học tập" in html
    assert "2.000" in html and "80 %" in html  # recognised households and their rate
    assert "Toàn tỉnh</th>" in html
    assert "Đạt chỉ tiêu" in html
    # the funds' lines, in the annual report's words: a kind of payout's đồng and portions
    assert 'Tổng thu</th><td class="num">120.000.000 đ</td>' in html
    assert 'Học bổng: số suất</th><td class="num">90</td>' in html
    assert "Quà: số suất" not in html  # a line "of which" of zero is left out


def test_it_lists_the_villages_of_the_commune(client, seeded):
    commune = seeded[0]
    Village.objects.create(commune=commune, name="Bản Mòng", kind=Village.Kind.BAN)
    Village.objects.create(commune=seeded[1], name="Tổ 7 nơi khác", kind=Village.Kind.TO_DAN_PHO)
    html = client.get(f"/thong-ke/{commune.code}/").content.decode()
    assert "Bản Mòng" in html
    assert "Tổ 7 nơi khác" not in html


def test_trend_charts_are_svg_with_title_desc_and_a_data_table(client, seeded):
    html = client.get(f"/thong-ke/{seeded[0].code}/").content.decode()
    assert html.count("<svg") == 6
    assert "<title id=" in html and "<desc id=" in html
    assert "Xã, phường: 2025: 80 %, 2026: 80 %." in html
    assert 'style="' not in html  # CSP: style-src 'self' only


def test_legacy_years_are_shown_mapped_and_marked(client, seeded, split_source):
    from khuyenhoc.areas.models import LegacyMapping

    target = LegacyMapping.objects.filter(legacy_commune_id=split_source).first().commune
    write_legacy(split_source, 2024, {"areas.households": 1000, "titles.household.recognised": 500})
    html = client.get(f"/thong-ke/{target.code}/?nam=2024").content.decode()
    assert "quy đổi" in html and "tính trọn vẹn" in html
    assert "50 %" in html
    assert "2024*" in client.get(f"/thong-ke/{target.code}/").content.decode()


def test_an_unknown_commune_gives_a_vietnamese_404(client, seeded):
    response = client.get("/thong-ke/99999999/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_a_commune_of_another_province_gives_a_404(client, seeded):
    other = Commune.objects.exclude(province_id=settings.PROVINCE_CODE).first()
    assert client.get(f"/thong-ke/{other.code}/").status_code == 404


def test_an_unknown_year_on_a_commune_page_gives_a_404_and_a_malformed_one_the_default(
    client, seeded
):
    code = seeded[0].code
    assert client.get(f"/thong-ke/{code}/?nam=1990").status_code == 404
    response = client.get(f"/thong-ke/{code}/?nam=hai-nghin")
    assert response.status_code == 200
    assert "năm 2026" in response.content.decode()


def test_without_the_page_cache_a_village_added_or_renamed_shows_at_the_next_request(
    client, seeded, settings, staff_a
):
    # the page below the menu is written once per figures' version (khuyenhoc/public/memo.py):
    # the villages' services advance it, as writes of figures do
    settings.PUBLIC_CACHE_SECONDS = 0
    commune = staff_a.staff_profile.communes.get()
    page = f"/thong-ke/{commune.code}/"
    assert "Bản Nà Ngần" not in client.get(page).content.decode()
    village = services.village_create(
        user=staff_a, commune=commune, name="Bản Nà Ngần", kind=Village.Kind.BAN
    )
    assert "Bản Nà Ngần" in client.get(page).content.decode()
    services.village_rename(user=staff_a, village=village, name="Bản Nà Ngần Mới")
    assert "Bản Nà Ngần Mới" in client.get(page).content.decode()
