import pytest

SCREENSHOTS = "tests/e2e/screenshots"


@pytest.fixture
def phone_page(browser):
    """A 390 px wide phone screen, Vietnamese locale."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screen(browser):
    """Opens a page on a screen `width` px wide, Vietnamese locale; closed after the
    test, whatever it asserted."""
    contexts = []

    def open_page(width, height=900):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def sign_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def members_import_page(live_server, browser, staff, commune, width):
    """Signed in as `staff` at `width` px, on the member import page of `commune`, whose
    village Bản Mòng has a branch the sheets name: (context, page)."""
    from datetime import date

    from django.urls import reverse

    from khuyenhoc.areas.models import Village
    from members import services
    from members.models import Branch
    from tests.factories import PASSWORD

    village = Village.objects.create(commune=commune, name="Bản Mòng", kind="ban")
    services.branch_create(
        user=staff,
        commune=commune,
        kind=Branch.Kind.VILLAGE,
        name="Chi hội Bản Mòng",
        village=village,
        founded_on=date(2010, 3, 1),
    )
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server, staff.username, PASSWORD)
    page.goto(live_server.url + reverse("members:import", args=[commune.code]))
    return context, page
