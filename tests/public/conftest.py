"""Figures written straight into the summary tables, as the data apps' figures.py would."""

import pytest
from django.conf import settings
from django.core.cache import cache

from khuyenhoc.areas.models import (
    Commune,
    Figure,
    LegacyFigure,
    LegacyMapping,
)
from tests import metric_names as m


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def commune_figures(*, population=10_000, registered=3_000, recognised=2_000, members=1_500):
    """A plausible year of one commune: households 2.500, recognised household rate 80 %."""
    return {
        m.POPULATION: population,
        m.ADULTS: population * 7 // 10,
        m.HOUSEHOLDS: population // 4,
        m.CLANS: 20,
        m.VILLAGES: 10,
        m.UNITS: 10,
        m.title_metric("citizen", "registered"): registered,
        m.title_metric("citizen", "recognised"): recognised,
        m.title_metric("household", "registered"): population // 4 * 9 // 10,
        m.title_metric("household", "recognised"): population // 4 * 8 // 10,
        m.title_metric("clan", "registered"): 15,
        m.title_metric("clan", "recognised"): 10,
        m.title_metric("village", "registered"): 8,
        m.title_metric("village", "recognised"): 6,
        m.title_metric("unit", "registered"): 9,
        m.title_metric("unit", "recognised"): 7,
        m.title_metric("commune", "registered"): 1,
        m.MEMBERS_END: members,
        m.FUND_RECEIPTS_CASH: 120_000_000,
        m.payout_amount_metric("hoc_bong"): 45_000_000,
        m.payout_portions_metric("hoc_bong"): 90,
    }


def write_figures(commune_code, year, figures):
    Figure.objects.bulk_create(
        [Figure(commune_id=commune_code, year=year, metric=k, value=v) for k, v in figures.items()]
    )


def write_legacy(legacy_code, year, figures):
    LegacyFigure.objects.bulk_create(
        [
            LegacyFigure(legacy_commune_id=legacy_code, year=year, metric=k, value=v)
            for k, v in figures.items()
        ]
    )


@pytest.fixture
def province_communes(units):
    return list(Commune.objects.filter(province_id=settings.PROVINCE_CODE).order_by("code"))


@pytest.fixture
def seeded(province_communes):
    """Five communes with figures in 2025 and 2026; the third one below target in 2026."""
    for index, commune in enumerate(province_communes[:5]):
        write_figures(commune.code, 2025, commune_figures(population=10_000 + index * 1_000))
        figures = commune_figures(population=10_000 + index * 1_000)
        if index == 2:
            figures[m.title_metric("household", "recognised")] = 100  # 100/3.000 = 3,3 %
        write_figures(commune.code, 2026, figures)
    return province_communes[:5]


@pytest.fixture
def split_source(province_communes):
    """An old commune of the province split between two of today's communes."""
    codes = [c.code for c in province_communes]
    partly = (
        LegacyMapping.objects.filter(commune__in=codes, is_partly_merged=True)
        .values_list("legacy_commune_id", flat=True)
        .first()
    )
    assert partly is not None, "the province needs a split old commune for this test"
    return partly
