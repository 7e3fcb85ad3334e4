import io
from datetime import date

import pytest
from django.urls import reverse

from funds import campaigns, goods, imports
from funds.models import Payout, Receipt
from khuyenhoc.areas.models import Figure
from khuyenhoc.core.sheets.spreadsheets import ImportRejected
from tests.factories import login, once
from tests.funds.conftest import a_day_of
from tests.funds.sheets import RECEIPT_TITLES, receipt_row, xlsx
from tests.metric_names import FUND_RECEIPTS_CASH

pytestmark = pytest.mark.django_db


def test_a_donation_list_with_both_thousand_separators_is_recorded(staff_a, fund_a, this_year):
    day = f"01/03/{this_year}"
    data = xlsx(
        RECEIPT_TITLES,
        [
            receipt_row(day, amount="1.000.000"),
            receipt_row(day, amount="1,000,000", donor="Công ty ABC", category="doanh nghiệp"),
            receipt_row(day, amount=250000, donor="", category="ẩn danh"),
            receipt_row(day, amount="3.000.000", item="Xe đạp", quantity=3),
        ],
    )
    assert imports.receipts_import(user=staff_a, fund=fund_a, data=data).created == 4
    assert sorted(Receipt.objects.values_list("number", "amount")) == [
        (1, 1_000_000),
        (2, 1_000_000),
        (3, 250_000),
        (4, 3_000_000),
    ]
    assert Receipt.objects.get(number=4).in_kind
    cash = Figure.objects.get(commune=fund_a.branch.commune_id, year=this_year,
                              metric=FUND_RECEIPTS_CASH)  # fmt: skip
    assert cash.value == 2_250_000  # refreshed once, after the last row


def test_a_sheets_rows_join_a_campaign_by_its_name_and_count_goods_in_their_unit(
    staff_a, province_staff, fund_a, this_year
):
    drive = campaigns.campaign_create(
        user=province_staff,
        name="Tháng Khuyến học",
        starts_on=date(this_year, 1, 1),
        ends_on=date(this_year, 12, 31),
    )
    day = f"01/03/{this_year}"
    rows = [
        receipt_row(day, campaign="thang khuyen hoc"),
        receipt_row(
            day,
            donor="Công ty Giấy Bãi Bằng",
            category="doanh nghiệp",
            item="giấy",
            quantity=2000,
            unit="tập",
            amount="100.000.000",
            campaign="THÁNG  KHUYẾN HỌC",
        ),
    ]
    assert (
        imports.receipts_import(user=staff_a, fund=fund_a, data=xlsx(RECEIPT_TITLES, rows)).created
        == 2
    )
    assert set(Receipt.objects.values_list("drive", "campaign")) == {(drive.pk, drive.name)}
    held = goods.stock(fund_a)
    assert [(g["item"], g["unit"], g["quantity"]) for g in held] == [("giấy", "tập", 2000)]
    assert campaigns.totals(drive)["raised"] == 101_000_000


def test_a_row_naming_no_campaign_of_the_fund_refuses_the_whole_sheet(staff_a, fund_a, this_year):
    day = f"01/03/{this_year}"
    rows = [receipt_row(day), receipt_row(day, donor="Bà Lò Thị Hoa", campaign="Tết vì học sinh")]
    with pytest.raises(ImportRejected) as caught:
        imports.receipts_import(user=staff_a, fund=fund_a, data=xlsx(RECEIPT_TITLES, rows))
    assert [str(e) for e in caught.value.errors] == [
        "Dòng 3: không có đợt vận động «Tết vì học sinh» mà quỹ tham gia: ghi đúng tên một "
        "đợt vận động đã tạo (xem trang Đợt vận động), hoặc để trống"
    ]
    assert not Receipt.objects.exists()


@pytest.mark.parametrize("bad", ["1,5", "1.000,50", "-200.000", "12.5", "hai triệu", 1500.5])
def test_an_ambiguous_or_bad_amount_refuses_the_whole_sheet(staff_a, fund_a, this_year, bad):
    day = f"01/03/{this_year}"
    data = xlsx(RECEIPT_TITLES, [receipt_row(day), receipt_row(day, amount=bad)])
    with pytest.raises(ImportRejected) as caught:
        imports.receipts_import(user=staff_a, fund=fund_a, data=data)
    assert str(caught.value.errors[0]).startswith("Dòng 3:")
    assert not Receipt.objects.exists()


def test_a_row_dated_in_a_closed_year_refuses_the_whole_sheet(staff_a, reviewer, fund_a, this_year):
    from funds import services

    services.year_close(user=reviewer, fund=fund_a, year=this_year - 1)
    data = xlsx(
        RECEIPT_TITLES,
        [
            receipt_row(f"01/03/{this_year}"),
            receipt_row(a_day_of(this_year - 1).strftime("%d/%m/%Y")),
        ],
    )
    with pytest.raises(ImportRejected) as caught:
        imports.receipts_import(user=staff_a, fund=fund_a, data=data)
    assert "Dòng 3" in str(caught.value) and "khóa sổ" in str(caught.value)
    assert not Receipt.objects.exists()


def test_a_payout_list_is_uploaded_from_excel(client, staff_a, fund_a, today):
    login(client, staff_a)
    data = xlsx(
        list(imports.BENEFICIARY_HEADERS.values()),
        [
            ["Lò Văn A", "THPT Chiềng Sinh", "10A1", "500.000", ""],
            ["Cà Thị B", "THPT Chiềng Sinh", "11A2", "", "có"],
        ],
    )
    sheet = io.BytesIO(data)
    sheet.name = "hoc-bong.xlsx"
    response = client.post(
        reverse("funds:payout_create", args=[fund_a.pk]),
        once(
            {
                "date": today.isoformat(),
                "kind": "hoc_bong",
                "default_amount": "400.000",
                "sheet": sheet,
            }
        ),
    )
    assert response.status_code == 302
    assert Payout.objects.get().amount == 900_000


def test_a_broken_file_is_refused_with_a_vietnamese_message(client, staff_a, fund_a):
    login(client, staff_a)
    sheet = io.BytesIO(b"not a workbook")
    sheet.name = "x.xlsx"
    response = client.post(reverse("funds:receipts_import", args=[fund_a.pk]), {"sheet": sheet})
    assert "không phải bảng tính Excel" in response.content.decode()
    assert not Receipt.objects.exists()


def test_commune_staff_cannot_open_the_funds_admin(client, staff_a, reviewer, fund_a, give):
    give(1000)
    login(client, staff_a)
    response = client.get(reverse("admin:funds_receipt_changelist"))
    assert response.status_code == 302
    login(client, reviewer)
    assert client.get(reverse("admin:funds_receipt_changelist")).status_code == 200
    receipt = Receipt.objects.get()
    assert client.post(reverse("admin:funds_receipt_delete", args=[receipt.pk])).status_code == 403
    assert Receipt.objects.exists()
