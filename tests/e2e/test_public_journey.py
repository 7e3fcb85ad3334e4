import pytest
from playwright.sync_api import expect

from khuyenhoc.areas.models import Figure
from khuyenhoc.core.numbers import number
from tests import metric_names as m
from tests.e2e.conftest import SCREENSHOTS
from tests.public.conftest import commune_figures, write_figures

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(units):
    from django.conf import settings

    from khuyenhoc.areas.models import Commune, Village

    communes = list(Commune.objects.filter(province_id=settings.PROVINCE_CODE).order_by("code"))
    for index, commune in enumerate(communes[:8]):
        for year in (2025, 2026):
            figures = commune_figures(population=9_000 + index * 1_500, members=900 + index * 40)
            if index == 3 and year == 2026:
                figures[m.title_metric("household", "recognised")] = 410
            write_figures(commune.code, year, figures)
    Village.objects.create(commune=communes[3], name="Bản Hụm", kind=Village.Kind.BAN)
    return communes[3]


def test_a_citizen_reads_the_overview_on_a_phone_sorts_it_and_opens_a_commune(
    live_server, phone_page, published
):
    page = phone_page
    problems = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Thống kê").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("năm 2026")
    page.screenshot(path=f"{SCREENSHOTS}/public_overview.png", full_page=False)

    household_cn = page.locator('th a[data-sort="gia-dinh-cn"]')
    household_cn.click()  # highest first
    expect(household_cn.locator("xpath=..")).to_have_attribute("aria-sort", "descending")
    household_cn.click()  # lowest first
    expect(household_cn.locator("xpath=..")).to_have_attribute("aria-sort", "ascending")
    first_row = page.locator("#bang-tong-hop tbody tr").first
    expect(first_row).to_contain_text(published.name)
    expect(first_row).to_contain_text("Chưa đạt")
    page.locator("#bang-tong-hop").scroll_into_view_if_needed()
    page.screenshot(path=f"{SCREENSHOTS}/public_overview_sorted.png", full_page=False)

    first_row.get_by_role("link", name=published.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(published.name)
    recognised = Figure.objects.get(
        commune=published, year=2026, metric=m.title_metric("household", "recognised")
    ).value
    row = page.get_by_role("row", name="Gia đình học tập")
    expect(row).to_contain_text(number(recognised))
    expect(row).to_contain_text("Dưới chỉ tiêu")
    expect(page.get_by_text("Bản Hụm")).to_be_visible()
    # the members' and funds' lines are the annual report's, in its words and numbers
    members = Figure.objects.get(commune=published, year=2026, metric=m.MEMBERS_END).value
    expect(page.get_by_role("row", name="Hội viên cuối năm")).to_contain_text(number(members))
    expect(page.get_by_role("heading", name="Quỹ khuyến học", level=3)).to_be_visible()
    expect(page.locator("svg.chart").first).to_be_visible()
    page.screenshot(path=f"{SCREENSHOTS}/public_commune.png", full_page=True)

    page.emulate_media(media="print")
    page.screenshot(path=f"{SCREENSHOTS}/public_commune_print.png", full_page=True)
    page.goto(f"{live_server.url}/thong-ke/?nam=2026")
    page.screenshot(path=f"{SCREENSHOTS}/public_overview_print.png", full_page=True)
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p]


@pytest.mark.parametrize("width", [360, 1280])
def test_a_reader_finds_a_communes_members_and_funds_in_the_annual_reports_words(
    live_server, screen, published, width
):
    page = screen(width)
    page.goto(f"{live_server.url}/thong-ke/{published.code}/?nam=2026")
    section = page.locator("section", has=page.locator("#hoi-vien"))
    expect(section.get_by_role("heading", level=2)).to_have_text("Tổ chức hội, hội viên và quỹ")
    members = Figure.objects.get(commune=published, year=2026, metric=m.MEMBERS_END).value
    expect(section.get_by_role("row", name="Hội viên cuối năm")).to_contain_text(number(members))
    expect(section.get_by_role("row", name="Hội viên trên 100 dân")).to_contain_text("toàn tỉnh")
    expect(section.get_by_role("heading", name="Quỹ khuyến học", level=3)).to_be_visible()
    # the page fits the screen: no sideways scrolling on a phone (the trend charts'
    # tables did scroll 7 px at 360 px before this test)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    section.screenshot(path=f"{SCREENSHOTS}/public_commune_association_{width}.png")


# What the public opens without signing in; a commune's pages are the published one's.
PUBLIC_PAGES = (
    "/",
    "/thong-ke/",
    "/thong-ke/{code}/",
    "/thong-ke/quy/",
    "/thong-ke/quy/{code}/",
    "/tu-danh-gia/",
    "/dang-nhap/",
)


def test_every_public_page_fits_a_360_px_phone_without_sideways_scrolling(
    live_server, screen, published
):
    # wide tables scroll inside their own box (.table-wrap); the page itself must not
    page = screen(360, height=780)
    wider = {}
    for path in PUBLIC_PAGES:
        response = page.goto(live_server.url + path.format(code=published.code))
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wider[path] = width
    assert wider == {}
