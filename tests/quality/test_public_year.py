"""The public pages open on a year whose recognitions are decided (or the year the province
published), say "chưa xét" before a year's decisions, and offer no year without data."""

from django.conf import settings

from khuyenhoc.areas.models import Province
from khuyenhoc.quality import services
from tests import metric_names as m
from tests.factories import make_user
from tests.public.conftest import commune_figures, write_figures


def undecided(figures):
    return {k: v for k, v in figures.items() if not k.endswith("recognised")}


def fill(communes):
    for index, commune in enumerate(communes):
        figures = commune_figures(population=10_000 + index * 1_000)
        write_figures(commune.code, 2025, figures)
        write_figures(commune.code, 2026, undecided(figures))
        write_figures(commune.code, 2027, {m.POPULATION: 10_000, m.HOUSEHOLDS: 2_500})


def test_the_overview_opens_on_the_latest_decided_year_not_the_latest_year(
    client, province_communes
):
    fill(province_communes[:3])
    html = client.get("/thong-ke/").content.decode()
    assert "năm 2025</h1>" in html
    assert '<option value="2026"' in html
    assert '<option value="2027"' not in html  # denominators only: nothing to show


def test_a_year_before_its_decisions_says_not_yet_decided_never_zero_in_red(
    client, province_communes
):
    fill(province_communes[:3])
    html = client.get("/thong-ke/?nam=2026").content.decode()
    body = html.split("<tbody>")[1].split("</tfoot>")[0]
    assert "chưa xét" in body
    assert ">0,0 %" not in body
    assert "below-target" not in body
    assert "90 %" in body  # registrations are shown
    commune = client.get(f"/thong-ke/{province_communes[0].code}/?nam=2026").content.decode()
    assert "chưa xét" in commune and "Chưa xét" in commune
    assert ">0,0 %" not in commune


def test_a_year_without_figures_beyond_denominators_is_a_404(client, province_communes):
    fill(province_communes[:3])
    assert client.get("/thong-ke/?nam=2027").status_code == 404


def test_the_year_an_administrator_publishes_is_the_one_the_pages_open_on(
    client, province_communes, django_capture_on_commit_callbacks
):
    fill(province_communes[:3])
    administrator = make_user("quantri-nam", role="administrator")
    province = Province.objects.get(code=settings.PROVINCE_CODE)
    with django_capture_on_commit_callbacks(execute=True):
        services.publication_set(user=administrator, province=province, published_year=2026)
    assert "năm 2026</h1>" in client.get("/thong-ke/").content.decode()
    assert "năm 2026</h1>" in client.get(f"/thong-ke/{province_communes[0].code}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.publication_set(user=administrator, province=province, published_year=None)
    assert "năm 2025</h1>" in client.get("/thong-ke/").content.decode()


def test_only_an_administrator_publishes_a_year(province_communes, reviewer):
    import pytest
    from django.core.exceptions import ValidationError

    province = Province.objects.get(code=settings.PROVINCE_CODE)
    with pytest.raises(ValidationError):
        services.publication_set(user=reviewer, province=province, published_year=2025)


def test_the_commune_page_says_over_how_many_communes_the_province_rate_is(
    client, province_communes
):
    fill(province_communes[:3])
    html = client.get(f"/thong-ke/{province_communes[0].code}/?nam=2025").content.decode()
    total = len(province_communes)
    assert f"Cột «Toàn tỉnh» tính trên 3/{total} xã, phường đã báo cáo số liệu năm 2025." in html
