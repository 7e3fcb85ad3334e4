import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from khuyenhoc.areas.models import Village
from khuyenhoc.areas.services import denominator_save
from tests.e2e.conftest import SCREENSHOTS, sign_in
from tests.factories import PASSWORD, registered_households
from titles import services
from titles.models import CriteriaSet, Household, Registration

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_registers_evaluates_and_proposes_then_the_reviewer_approves(
    live_server, browser, phone_page, staff_a, reviewer, commune_a
):
    Village.objects.create(commune=commune_a, name="Thôn Nà Lếch", name_folded="thon na lech")
    year = timezone.localdate().year
    page = phone_page
    sign_in(page, live_server, staff_a.username, PASSWORD)
    page.goto(f"{live_server.url}/quan-ly/xa/{commune_a.code}/")
    page.get_by_role("link", name="Danh hiệu học tập").click()
    expect(page.get_by_role("heading", name=f"Danh hiệu học tập năm {year}")).to_be_visible()
    # no denominators were entered for this commune: each rate says where to enter them
    expect(page.get_by_role("link", name="nhập số liệu nền").first).to_be_visible()
    page.screenshot(path=f"{SCREENSHOTS}/titles_commune.png", full_page=True)
    page.get_by_role("link", name="Gia đình học tập").click()
    page.get_by_role("link", name="Đăng ký mới").click()

    page.get_by_label("Chủ hộ").fill("Lò Văn Sơn")
    page.get_by_label("Số nhân khẩu").fill("5")
    page.get_by_label("Thôn, bản, tổ dân phố").select_option(label="Thôn Nà Lếch")
    page.get_by_role("button", name="Lưu và đánh giá").click()
    expect(page.get_by_role("heading", name="Đánh giá: Hộ ông/bà Lò Văn Sơn")).to_be_visible()

    inputs = page.locator("form.scores input[type=number]")
    for index in range(inputs.count()):
        inputs.nth(index).fill("10")
    inputs.nth(0).fill("11")
    page.get_by_role("button", name="Lưu kết quả").click()
    expect(page.get_by_role("alert").first).to_contain_text("không thể chấm 11 điểm")
    page.locator("form.scores input[type=number]").nth(0).fill("9")
    page.screenshot(path=f"{SCREENSHOTS}/titles_evaluate.png", full_page=True)
    page.get_by_role("button", name="Lưu kết quả").click()
    expect(page.get_by_role("status")).to_contain_text("99 điểm, đạt")

    page.get_by_role("button", name="Đề nghị công nhận").click()
    expect(page.get_by_role("status")).to_contain_text("Đã gửi danh sách đề nghị công nhận")
    expect(page.locator("p.state")).to_have_text("Đã đề nghị, chờ thẩm định")
    page.screenshot(path=f"{SCREENSHOTS}/titles_list_proposed.png", full_page=True)
    page.get_by_role("link", name="In danh sách đề nghị").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN")
    expect(page.get_by_text("Tổng cộng: 1, trong đó 1 đạt.")).to_be_visible()
    page.emulate_media(media="print")
    page.screenshot(path=f"{SCREENSHOTS}/titles_proposal_print.png", full_page=True)
    page.emulate_media(media="screen")

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    review = context.new_page()
    sign_in(review, live_server, reviewer.username, PASSWORD)
    review.goto(f"{live_server.url}/quan-ly/danh-hieu/cho-tham-dinh/")
    review.get_by_role("link", name="Gia đình học tập: 1").click()
    expect(review.locator(".counts a[aria-current]")).to_have_text("Gia đình học tập: 1")
    review.get_by_role("link", name=f"{commune_a.name}: Gia đình học tập {year}").click()
    review.get_by_role("link", name="Không đạt: 0").click()
    expect(review.locator("li.entry")).to_have_count(0)
    expect(review.get_by_text("Không có đăng ký nào.")).to_be_visible()
    review.get_by_role("link", name="Đạt: 1").click()
    expect(review.locator("li.entry")).to_contain_text("99 điểm, đạt")
    review.get_by_label("Số quyết định").fill("125/QĐ-UBND")
    review.get_by_label("Ngày quyết định").fill(timezone.localdate().isoformat())
    review.get_by_label("Người ký").fill("Nguyễn Văn Bình")
    review.get_by_role("button", name="Công nhận danh sách").click()
    # nothing happens before a page says what will
    expect(review.get_by_role("heading", level=1)).to_contain_text("Công nhận danh sách")
    expect(review.locator(".confirm")).to_contain_text("1 đăng ký đạt được công nhận")
    review.screenshot(path=f"{SCREENSHOTS}/titles_confirm_approve.png", full_page=True)
    assert Registration.objects.get().state == "proposed"
    review.get_by_role("button", name="Xác nhận công nhận").click()
    expect(review.get_by_role("status")).to_contain_text("Đã công nhận danh sách")
    review.get_by_role("link", name="Giấy chứng nhận").click()
    expect(review.get_by_role("heading", name="GIẤY CHỨNG NHẬN")).to_be_visible()
    expect(review.get_by_text("Hộ ông/bà Lò Văn Sơn")).to_be_visible()
    expect(review.get_by_text("Theo Quyết định số 125/QĐ-UBND")).to_be_visible()
    review.screenshot(path=f"{SCREENSHOTS}/titles_certificate.png", full_page=True)
    review.emulate_media(media="print")
    review.screenshot(path=f"{SCREENSHOTS}/titles_certificate_print.png", full_page=True)
    context.close()

    assert Registration.objects.get().state == "recognised"


def test_staff_finds_last_years_household_and_registers_it_again(
    live_server, phone_page, staff_a, commune_a
):
    village = Village.objects.create(
        commune=commune_a, name="Thôn Nà Lếch", name_folded="thon na lech"
    )
    year = timezone.localdate().year
    household = services.household_create(
        user=staff_a, commune=commune_a, village=village, head_name="Lò Văn Sơn", members=5
    )
    services.registration_create(
        user=staff_a, commune=commune_a, year=year - 1, title="household", subject=household
    )
    services.household_create(
        user=staff_a, commune=commune_a, village=village, head_name="Hà Thị Lan", members=3
    )
    page = phone_page
    sign_in(page, live_server, staff_a.username, PASSWORD)
    page.goto(live_server.url + reverse("titles:list", args=[commune_a.code, year, "household"]))
    page.get_by_role("link", name="Đăng ký mới").click()

    page.get_by_label("Tìm hộ theo tên").fill("lo van son")
    page.get_by_role("button", name="Tìm", exact=True).click()
    match = page.locator("li.match")
    expect(match).to_have_count(1)
    expect(match).to_contain_text("Hộ ông/bà Lò Văn Sơn")
    expect(match).to_contain_text(f"Đã đăng ký: {year - 1}")
    page.screenshot(path=f"{SCREENSHOTS}/titles_register_search.png", full_page=True)
    match.get_by_role("button", name=f"Đăng ký năm {year}").click()

    expect(page.get_by_role("status")).to_contain_text("Đã đăng ký: Hộ ông/bà Lò Văn Sơn.")
    expect(page.locator("li.entry")).to_contain_text("Hộ ông/bà Lò Văn Sơn")
    assert Household.objects.count() == 2
    assert sorted(household.registrations.values_list("year", flat=True)) == [year - 1, year]

    page.get_by_role("link", name="Đăng ký mới").click()
    page.get_by_label("Tìm hộ theo tên").fill("Sơn")
    page.get_by_role("button", name="Tìm", exact=True).click()
    expect(page.locator("li.match")).to_contain_text(f"Đã đăng ký: {year - 1}, {year}")
    expect(page.locator("li.match")).to_contain_text(f"Đã đăng ký năm {year}")
    expect(page.locator("li.match").get_by_role("button")).to_have_count(0)
    page.screenshot(path=f"{SCREENSHOTS}/titles_register_already.png", full_page=True)


def test_staff_finds_one_household_in_a_long_list_by_name_and_evaluates_it(
    live_server, phone_page, staff_a, commune_a, tmp_path
):
    village = Village.objects.create(
        commune=commune_a, name="Thôn Nà Lếch", name_folded="thon na lech"
    )
    year = timezone.localdate().year
    registered_households(commune_a, village, range(80), year)
    wanted = services.household_create(
        user=staff_a, commune=commune_a, village=village, head_name="Quàng Văn Ến", members=4
    )
    services.registration_create(
        user=staff_a, commune=commune_a, year=year, title="household", subject=wanted
    )
    page = phone_page
    sign_in(page, live_server, staff_a.username, PASSWORD)
    page.goto(live_server.url + reverse("titles:list", args=[commune_a.code, year, "household"]))
    expect(page.locator(".list-count")).to_contain_text("81 đăng ký · trang 1/2")
    expect(page.locator("li.entry")).to_have_count(50)

    page.get_by_label("Tìm theo tên hoặc mã đăng ký").fill("quang van en")
    page.get_by_role("button", name="Tìm", exact=True).click()
    expect(page.locator(".list-count")).to_contain_text("Tìm thấy 1 đăng ký")
    entry = page.locator("li.entry")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("Hộ ông/bà Quàng Văn Ến")
    page.screenshot(path=f"{SCREENSHOTS}/titles_list_search.png", full_page=True)
    with page.expect_download() as download:  # the sheet holds what the search found
        page.get_by_role("link", name="Tải Excel").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    rows = list(load_workbook(saved).worksheets[0].iter_rows(values_only=True))
    assert [row[2] for row in rows[1:]] == ["Hộ ông/bà Quàng Văn Ến"]
    entry.get_by_role("link", name="Đánh giá").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quàng Văn Ến")


def test_staff_correct_a_misspelt_household_and_its_list_shows_the_new_name(
    live_server, phone_page, staff_a, commune_a
):
    village = Village.objects.create(
        commune=commune_a, name="Thôn Nà Lếch", name_folded="thon na lech"
    )
    moved_to = Village.objects.create(commune=commune_a, name="Bản Có", name_folded="ban co")
    year = timezone.localdate().year
    misspelt = services.household_create(
        user=staff_a, commune=commune_a, village=village, head_name="Lo Van Son", members=4
    )
    services.registration_create(
        user=staff_a, commune=commune_a, year=year, title="household", subject=misspelt
    )
    page = phone_page
    sign_in(page, live_server, staff_a.username, PASSWORD)
    page.goto(live_server.url + reverse("titles:list", args=[commune_a.code, year, "household"]))
    page.locator("li.entry").get_by_role("link", name="Sửa thông tin").click()
    expect(page.get_by_label("Chủ hộ")).to_have_value("Lo Van Son")
    page.get_by_label("Chủ hộ").fill("Lò Văn Sơn")
    page.get_by_label("Số nhân khẩu").fill("0")
    page.get_by_role("button", name="Lưu thông tin").click()
    expect(page.locator(".field-error")).to_contain_text("Giá trị phải lớn hơn hoặc bằng 1.")
    page.get_by_label("Số nhân khẩu").fill("6")
    page.get_by_label("Thôn, bản, tổ dân phố").select_option(label="Bản Có")
    page.screenshot(path=f"{SCREENSHOTS}/titles_correct.png", full_page=True)
    page.get_by_role("button", name="Lưu thông tin").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu thông tin của Hộ ông/bà Lò Văn Sơn")
    expect(page.locator("li.entry")).to_contain_text("Hộ ông/bà Lò Văn Sơn")
    misspelt.refresh_from_db()
    assert (misspelt.head_name, misspelt.members, misspelt.village) == ("Lò Văn Sơn", 6, moved_to)


def test_staff_erase_a_citizens_personal_details_on_request(
    live_server, phone_page, staff_a, commune_a
):
    village = Village.objects.create(
        commune=commune_a, name="Thôn Nà Lếch", name_folded="thon na lech"
    )
    year = timezone.localdate().year
    services.subject_register(
        user=staff_a,
        commune=commune_a,
        year=year,
        title="citizen",
        data={
            "full_name": "Lò Thị Hoa",
            "birth_year": 1990,
            "sex": "nu",
            "group": 1,
            "village": village,
        },
    )
    page = phone_page
    sign_in(page, live_server, staff_a.username, PASSWORD)
    page.goto(live_server.url + reverse("titles:list", args=[commune_a.code, year, "citizen"]))
    page.locator("li.entry").get_by_role("link", name="Sửa thông tin").click()
    page.get_by_role("link", name="Xoá thông tin cá nhân").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Xoá thông tin cá nhân của Lò Thị Hoa?"
    )
    page.screenshot(path=f"{SCREENSHOTS}/titles_erase.png", full_page=True)
    page.get_by_role("button", name="Xoá thông tin cá nhân").click()
    expect(page.get_by_role("status")).to_contain_text("Đã xoá thông tin cá nhân")
    expect(page.locator("li.entry")).to_contain_text("(đã xoá thông tin cá nhân)")
    expect(page.locator("main")).not_to_contain_text("Lò Thị Hoa")
    expect(page.locator(".counts")).to_contain_text("Đã đăng ký: 1")


def test_staff_downloads_the_scores_sheet_fills_it_in_and_uploads_it_back(
    live_server, phone_page, staff_a, commune_a, tmp_path
):
    village = Village.objects.create(
        commune=commune_a, name="Thôn Nà Lếch", name_folded="thon na lech"
    )
    year = timezone.localdate().year
    for head_name in ("Lò Văn Sơn", "Hà Thị Lan"):
        household = services.household_create(
            user=staff_a, commune=commune_a, village=village, head_name=head_name, members=4
        )
        services.registration_create(
            user=staff_a, commune=commune_a, year=year, title="household", subject=household
        )
    page = phone_page
    sign_in(page, live_server, staff_a.username, PASSWORD)
    page.goto(live_server.url + reverse("titles:list", args=[commune_a.code, year, "household"]))
    page.get_by_role("link", name="Nhập điểm Excel").click()
    expect(page.get_by_role("heading", name="Nhập điểm đánh giá")).to_be_visible()
    page.get_by_text("Các chỉ số").click()
    page.screenshot(path=f"{SCREENSHOTS}/titles_scores_import.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải bảng điểm (.xlsx)").click()
    assert download.value.suggested_filename.startswith("bang-diem-household-")
    filled = tmp_path / download.value.suggested_filename
    download.value.save_as(filled)
    book = load_workbook(filled)
    header, first, second = list(book.worksheets[0].iter_rows())
    assert [c.value for c in first[:3]] == [first[0].value, "Hộ ông/bà Lò Văn Sơn", "Thôn Nà Lếch"]
    assert second[1].value == "Hộ ông/bà Hà Thị Lan"
    maxima = {
        i.code: i.max_points
        for i in CriteriaSet.objects.in_force(title="household", year=year).indicators()
    }
    for title_cell, cell in zip(header[3:], first[3:], strict=True):
        cell.value = maxima[title_cell.value]
    first[3].value = maxima[header[3].value] + 1  # one score above its maximum
    book.save(filled)

    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(filled)
    page.get_by_role("button", name="Nhập", exact=True).click()
    expect(page.get_by_role("alert").first).to_contain_text(f"Dòng 2, cột «{header[3].value}»")
    page.screenshot(path=f"{SCREENSHOTS}/titles_scores_import_errors.png", full_page=True)
    assert not Registration.objects.filter(state="evaluated").exists()

    first[3].value = maxima[header[3].value] - 1
    book.save(filled)
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(filled)
    page.get_by_role("button", name="Nhập", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Đã nhập 1 dòng.")
    total = sum(maxima.values()) - 1
    entry = page.locator("li.entry", has_text="Lò Văn Sơn")
    expect(entry).to_contain_text(f"Đã đánh giá · {total} điểm, đạt")
    expect(page.locator("li.entry", has_text="Hà Thị Lan")).to_contain_text("Đã đăng ký")


def test_the_reviewer_compares_the_communes_and_opens_the_leading_communes_list(
    live_server, phone_page, staff_a, reviewer, commune_a
):
    village = Village.objects.create(
        commune=commune_a, name="Thôn Nà Lếch", name_folded="thon na lech"
    )
    year = timezone.localdate().year
    denominator_save(user=staff_a, commune=commune_a, year=year, values={"households": 80})
    registered_households(commune_a, village, range(20), year)
    services.refresh_figures(commune_a, year)  # the factory writes around the services
    page = phone_page
    sign_in(page, live_server, reviewer.username, PASSWORD)
    page.goto(f"{live_server.url}/quan-ly/")
    page.get_by_role("link", name="So sánh danh hiệu giữa các xã, phường").click()
    page.get_by_role("link", name="Gia đình học tập", exact=True).click()
    page.get_by_role("link", name="tỷ lệ đăng ký").click()
    first = page.locator("table.compare tbody tr").first
    expect(first.get_by_role("rowheader")).to_have_text(commune_a.name)
    expect(first).to_contain_text("25 %")
    page.screenshot(path=f"{SCREENSHOTS}/titles_compare.png", full_page=True)
    first.get_by_role("link", name=commune_a.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Gia đình học tập năm {year}")
