"""The overview a citizen opens on a phone: the year whose recognitions are decided, no
rate above 100 %, how many communes reported, a chart, and nothing to scroll sideways."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests import metric_names as m
from tests.e2e.conftest import SCREENSHOTS
from tests.public.conftest import commune_figures, write_figures

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def undecided(figures):
    """The same year before its decisions: registrations, nothing recognised yet."""
    return {k: v for k, v in figures.items() if not k.endswith("recognised")}


@pytest.fixture
def uneven(units):
    """2025 decided in six communes (one reporting more households than it has), 2026
    registered but not decided, 2027 with denominators only."""
    from django.core.cache import cache

    from khuyenhoc.areas.models import Commune

    cache.clear()  # pages another test cached under the same address
    communes = list(Commune.objects.filter(province_id=settings.PROVINCE_CODE).order_by("code"))
    for index, commune in enumerate(communes[:6]):
        figures = commune_figures(population=9_000 + index * 1_500)
        figures[m.title_metric("household", "not_recognised")] = 40
        if index == 1:
            figures[m.title_metric("household", "recognised")] = figures[m.HOUSEHOLDS] * 17 // 8
        if index in (2, 3):
            figures[m.title_metric("clan", "recognised")] = 10  # a tie of the same figures
        write_figures(commune.code, 2025, figures)
        write_figures(commune.code, 2026, undecided(figures))
        write_figures(commune.code, 2027, {m.POPULATION: 9_000})
    return communes


@pytest.mark.parametrize("width", [360, 1280])
def test_a_citizen_sees_the_decided_year_capped_rates_and_no_sideways_scroll(
    live_server, screen, uneven, width
):
    page = screen(width)
    page.goto(f"{live_server.url}/thong-ke/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("năm 2025")
    page.screenshot(path=f"{SCREENSHOTS}/overview_after_{width}.png")
    page.locator(".overview-chart").screenshot(path=f"{SCREENSHOTS}/overview_chart_{width}.png")
    body = page.locator("main").inner_text()
    assert "212,5" not in body
    assert "xã, phường đã báo cáo" in body
    expect(page.locator("svg.chart.communes")).to_be_visible()
    options = page.locator("#chon-nam option").all_inner_texts()
    assert not any("2027" in text for text in options)
    if width == 360:
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 360

    page.goto(f"{live_server.url}/thong-ke/?nam=2026")
    body = page.locator("main").inner_text()
    assert "chưa xét" in body.lower()
    assert not re.search(r"(?<![\d,])0,0 %", body)  # never 0 % before the decisions
    page.screenshot(path=f"{SCREENSHOTS}/overview_after_2026_{width}.png")
