from django.conf import settings

from khuyenhoc.areas import legacy
from khuyenhoc.areas.models import LegacyMapping
from khuyenhoc.figures import selectors as figures

from .conftest import write_legacy


def test_a_split_old_commune_counts_whole_in_every_new_commune_and_once_in_the_province(
    split_source, province_communes
):
    targets = set(
        LegacyMapping.objects.filter(
            legacy_commune_id=split_source, commune__province_id=settings.PROVINCE_CODE
        ).values_list("commune_id", flat=True)
    )
    write_legacy(split_source, 2024, {"areas.households": 1000, "titles.household.recognised": 400})
    mapped, split = figures.mapped(year=2024, province_code=settings.PROVINCE_CODE)
    for code in targets:
        assert mapped[code]["titles.household.recognised"] == 400
        assert split[code]
    totals = figures.legacy_totals(settings.PROVINCE_CODE)
    assert totals[2024]["titles.household.recognised"] == 400


def test_the_overview_of_a_legacy_year_shows_old_units_then_the_mapped_view(
    client, split_source, province_communes
):
    write_legacy(split_source, 2024, {"areas.households": 1000, "titles.household.recognised": 400})
    html = client.get("/thong-ke/?nam=2024").content.decode()
    assert "Số liệu trước sáp nhập" in html
    assert "Xã, phường cũ" in html
    assert figures.legacy_provinces_of(settings.PROVINCE_CODE)[0] in html
    mapped = client.get("/thong-ke/?nam=2024&xem=quy-doi").content.decode()
    assert "Quy đổi sang xã, phường hiện nay</strong>" in mapped
    assert "※" in mapped and "mỗi xã cũ một lần" in mapped


def test_the_demo_seed_writes_legacy_figures_for_the_legacy_years(province_communes):
    from khuyenhoc.areas.demo import build_context
    from khuyenhoc.areas.models import LegacyFigure

    ctx = build_context(province_code=settings.PROVINCE_CODE, scale="small", seed=1)
    legacy.seed(ctx)
    years = set(LegacyFigure.objects.values_list("year", flat=True).distinct())
    assert years == {2023, 2024}
    assert figures.legacy_years(settings.PROVINCE_CODE) == [2023, 2024]
