"""The published year (tests/funds/published_year.py enters it through the staff pages'
forms and imports) comes out of the public fund page, the province's report, the
downloads and the printed papers exactly as the association published it."""

import csv
import io

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from funds.models import Receipt
from tests.factories import login, make_user
from tests.funds.published_year import NATIONAL, shown


def test_the_public_fund_page_the_provinces_report_and_the_download_state_the_year_exactly(
    client, year
):
    page = shown(client.get(reverse("funds_public:province"), {"nam": year.year}))
    # one "Thu quỹ": cash and goods apart and together; the 30.000.000 đ the commune
    # sent to the province counted once, where it was raised
    assert "Tồn đầu năm 150.000.000 đ" in page
    assert (
        "Thu quỹ 2.614.000.000 đ bằng tiền 2.310.000.000 đ; bằng hiện vật (quy ra tiền) "
        "304.000.000 đ" in page
    )
    assert "Tổng chi 2.493.200.000 đ 5.493 suất; trong đó hiện vật 304.000.000 đ" in page
    assert "Trao 4.373 suất học bổng, trị giá 2.189.200.000 đ." in page
    assert "Học bổng 4.373 2.189.200.000 đ" in page and "Quà 1.120 304.000.000 đ" in page
    # the transfer out of the province is stated apart, never a payout to people
    assert "Chuyển 20.000.000 đ ra ngoài tỉnh (về Quỹ Hội Khuyến học Việt Nam" in page
    assert "Tồn quỹ cuối năm (tiền) 250.800.000 đ" in page
    assert "hiện vật còn lại" not in page  # every gift was given out
    goods = "520 ba lô, 2.000 tập giấy, 200 thùng quần áo"
    assert f"Hiện vật nhận được gồm {goods}." in page
    assert f"Đã trao hiện vật gồm {goods}." in page
    assert (
        "Thu 2.564.000.000 đ, chi 2.477.000.000 đ (5.466 suất), tồn cuối năm 247.000.000 đ" in page
    )
    drive = shown(client.get(reverse("funds_public:campaign", args=[year.drive.pk])))
    assert "Quyên góp được 195.000.000 đ 195 % chỉ tiêu" in drive
    assert "Đã chi 100.000.000 đ 200 suất" in drive
    assert "Chuyển ra ngoài tỉnh 20.000.000 đ" in drive  # the relief sent to the nation
    # the province's annual report and the download's "Toàn tỉnh": the same figures
    reviewer = Client()
    login(reviewer, make_user("thamdinh_nam", role="reviewer"))
    report = shown(reviewer.get(reverse("reports:province", args=[year.year])))
    assert (
        "thu quỹ 2.614.000.000 đ, chi khen thưởng 0 đ, trao 4.373 suất học bổng, trị giá "
        "2.189.200.000 đ" in report
    )
    assert f"nhận hiện vật gồm {goods}; trao hiện vật gồm {goods}." in report
    assert "Chuyển quỹ ra ngoài tỉnh 20.000.000 đ" in report
    assert "quỹ của Hội Khuyến học tỉnh (thu 2.564.000.000 đ, chi 2.477.000.000 đ)" in report
    # the commune's 30.000.000 đ to the Hội tỉnh stays in the province: cash of both
    assert "Tồn bằng tiền 250.800.000 đ" in report
    # the report's workbook: a column for the Hội tỉnh's own fund, so the columns add up
    workbook = reviewer.get(reverse("reports:province_xlsx", args=[year.year]))
    funds = load_workbook(io.BytesIO(workbook.content))["Quỹ khuyến học"]
    head, *lines = [list(line) for line in funds.iter_rows(values_only=True)]
    received = next(line for line in lines if line[0] == "Tổng thu")
    assert received[head.index("Toàn tỉnh")] == 2_614_000_000
    assert received[head.index("Hội Khuyến học tỉnh (quỹ của Hội tỉnh)")] == 2_564_000_000
    assert sum(v or 0 for v in received[2:]) == 2_614_000_000
    download = client.get(reverse("stats:csv"), {"nam": year.year})
    head, *_rows, whole = csv.reader(io.StringIO(download.content.decode("utf-8-sig")))
    assert whole[1].startswith("Toàn tỉnh")
    assert whole[head.index("Thu quỹ (đồng)")] == "2614000000"
    assert whole[head.index("Chi quỹ (đồng)")] == "2493200000"


def test_the_staff_books_keep_each_entry_once_and_a_payout_beyond_the_stock_writes_nothing(
    year,
):
    preview = shown(year.preview)
    assert "Ngân hàng Nông nghiệp, 300.000.000 đ" in preview and "Bà Lò Thị Hoa" in preview
    cash = Receipt.objects.filter(fund=year.province_fund, in_kind=False, transfer=None)
    assert sorted(cash.values_list("amount", flat=True)) == [
        5_000_000, 10_000_000, 45_000_000, 300_000_000, 400_000_000, 1_500_000_000
    ]  # fmt: skip
    assert year.refusal.response.status_code == 200
    assert "Kho chỉ còn 520 ba lô: không chi được 521." in shown(year.refusal.response)
    assert year.refusal.unchanged
    office = year.office.client
    book = shown(office.get(reverse("funds:fund", args=[year.province_fund.pk])))
    for goods in (
        "520 ba lô (quy ra 104.000.000 đ)",
        "2.000 tập giấy (quy ra 100.000.000 đ)",
        "200 thùng quần áo (quy ra 100.000.000 đ)",
    ):
        assert book.count(goods) == 2, goods  # received, then given
    assert f"chuyển 20.000.000 đ đến {NATIONAL}" in book
    assert "Tồn quỹ hiện nay: 247.000.000 đ" in book
    url = reverse("funds:statement", args=[year.province_fund.pk, year.year])
    statement = shown(office.get(url))
    assert "Thu bằng tiền 2.260.000.000 đ" in statement
    assert "Thu bằng hiện vật (quy ra tiền) 304.000.000 đ" in statement
    assert "Chi học bổng 4.346 2.173.000.000 đ" in statement
    assert "Nhận chuyển quỹ (không tính là thu) 30.000.000 đ" in statement
    assert "Chuyển quỹ đi (không tính là chi) 20.000.000 đ" in statement
    assert "Số dư cuối năm (tiền) 247.000.000 đ" in statement


def test_the_communes_annual_report_states_its_part_of_the_year_exactly(year, commune_a):
    url = reverse("reports:commune", args=[commune_a.code, year.year])
    report = shown(year.commune.client.get(url))
    assert (
        "thu quỹ 50.000.000 đ, chi khen thưởng 0 đ, trao 27 suất học bổng, trị giá "
        "16.200.000 đ" in report
    )


def test_the_printed_papers_state_the_published_amounts_and_their_words(year):
    office, commune = year.office.client, year.commune.client
    voucher = shown(office.get(reverse("funds:payout_voucher", args=[year.big.pk])))
    for text in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "PHIẾU CHI",
        "Học bổng THCS: 4.000 suất × 500.000 đ",
        "theo Quyết định số 125/QĐ-HKH",
        "2.000.000.000 đ",
        "Hai tỷ đồng",
    ):
        assert text in voucher, text
    receipt = shown(office.get(reverse("funds:receipt", args=[year.typed.pk])))
    for text in (
        "PHIẾU THU",
        "Công ty Thủy điện Sơn La (doanh nghiệp)",
        "1.500.000.000 đ",
        "Một tỷ năm trăm triệu đồng",
    ):
        assert text in receipt, text
    signing = commune.get(reverse("funds:payout_sign_list", args=[year.small.pk]))
    page = shown(signing)
    for text in (
        "DANH SÁCH KÝ NHẬN",
        "Nhận học bổng Tiểu học · Bản Mòng",
        "Cộng: 27 suất 16.200.000",
        "Mười sáu triệu hai trăm nghìn đồng",
    ):
        assert text in page, text
    assert signing.content.decode().count('<td class="sign"></td>') == 27
    out = shown(office.get(reverse("funds:payout_voucher", args=[year.out.payout_id])))
    assert f"Đơn vị nhận {NATIONAL}" in out and "Hai mươi triệu đồng" in out
    assert "Lý do chi Chuyển quỹ: Cứu trợ học sinh vùng lũ" in out
    assert "ký nhận" not in out and "suất" not in out and "Người nhận tiền" not in out
