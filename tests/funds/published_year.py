"""The published year as a fixture (`year`): a provincial association enters a year as
its fund report publishes it, only through the staff pages' forms and imports (the
provincial office staff and a commune's staff, as they would). test_published_year.py
checks that the public page, the report and the printed papers state the published
figures exactly:

    «Trao 4.373 suất học bổng, trị giá 2.189.200.000 đ; quà gồm 520 ba lô, 2.000 tập
    giấy, 200 thùng quần áo; cứu trợ học sinh vùng lũ, chuyển 20.000.000 đ về Quỹ Hội
    Khuyến học Việt Nam.»

The year, all dated today (so the test runs on any day of any year):
- the provincial fund, opened with 150.000.000 đ; a commune's fund, opened with 0 đ;
- cash to the provincial fund: 1.500.000.000 đ typed on the receipt form, 710.000.000 đ
  by an Excel import (three rows), 5.000.000 đ by a second import whose preview shows
  the three rows already in the book, the office choosing to skip them, and 45.000.000 đ
  typed for the flood-relief campaign; 50.000.000 đ to the commune's fund for the campaign;
- goods to the provincial fund, typed with quantity and unit: 520 cái ba lô
  (104.000.000 đ), 2.000 tập giấy (100.000.000 đ), 200 thùng quần áo (100.000.000 đ, for
  the campaign), all given out again (a 521st ba lô refused);
- scholarships by count: 4.000 × 500.000 đ and 346 × 500.000 đ from the provincial fund,
  27 × 600.000 đ from the commune's fund: 4.373 suất, 2.189.200.000 đ;
- the commune sends 30.000.000 đ to the provincial fund (a move, confirmed by the office,
  counted once), and the provincial fund sends 20.000.000 đ of the flood relief out of
  the province (what the campaign sent, beside what it paid).

The province's annual report and the public downloads' "Toàn tỉnh" line state the
province's figures as the public fund page does: the communes and the Hội tỉnh's own
fund, one read of the summaries (khuyenhoc.figures.selectors.province_totals).
"""

import html
import re
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from funds.models import Campaign, Fund, Payout, Receipt, Transfer
from khuyenhoc.areas.models import Figure, ProvinceFigure
from tests.factories import login, once
from tests.funds.sheets import RECEIPT_TITLES, receipt_row, xlsx

pytestmark = pytest.mark.django_db

FLOOD = "Cứu trợ học sinh vùng lũ"
NATIONAL = "Quỹ Hội Khuyến học Việt Nam"


def shown(response) -> str:
    """The page's text as a reader sees it: tags gone, spaces collapsed."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


def created(response):
    assert response.status_code == 302, shown(response)[:3000]
    return response


def sheet(rows):
    return SimpleUploadedFile(
        "phieu-thu.xlsx",
        xlsx(RECEIPT_TITLES, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def what_is_written() -> tuple:
    """Everything a refused step must leave as it was."""
    return (
        list(Receipt.objects.order_by("pk").values_list("pk", "amount")),
        list(Payout.objects.order_by("pk").values_list("pk", "amount", "item_quantity")),
        list(Transfer.objects.order_by("pk").values_list("pk", "state")),
        sorted(Figure.objects.values_list("commune_id", "year", "metric", "value")),
        sorted(ProvinceFigure.objects.values_list("year", "metric", "value")),
    )


class Desk:
    """One member of staff at their pages, posting the forms as the browser does."""

    def __init__(self, user, today):
        self.client = Client()
        login(self.client, user)
        self.day = today.isoformat()

    def post(self, name, args, data=None, **files):
        return self.client.post(reverse(name, args=args), once({**(data or {}), **files}))

    def receipt(self, fund, amount, donor, category, **extra):
        data = {
            "date": self.day,
            "donor_category": category,
            "donor_name": donor,
            "donor_name_public": "on",
            "amount": amount,
            **extra,
        }
        return created(self.post("funds:receipt_create", [fund.pk], data))

    def goods(self, fund, amount, item, quantity, unit, donor, drive=""):
        extra = {
            "in_kind": "on",
            "item_description": item,
            "item_quantity": quantity,
            "unit": unit,
            "drive": drive,
        }
        return self.receipt(fund, amount, donor, "enterprise", **extra)

    def batch(self, fund, portions, unit_amount, **extra):
        data = {
            "date": self.day,
            "kind": "hoc_bong",
            "portions": portions,
            "unit_amount": unit_amount,
            **extra,
        }
        created(self.post("funds:payout_batch_create", [fund.pk], data))
        return Payout.objects.filter(fund=fund).latest("pk")

    def give_goods(self, fund, item, quantity, **extra):
        """Goods out of the stock, the item picked in the form's list as staff see it."""
        url = reverse("funds:goods_payout_create", args=[fund.pk])
        choices = self.client.get(url).context["form"].fields["item"].choices
        index = next(value for value, label in choices if label.startswith(f"{item} (còn"))
        data = {"date": self.day, "kind": "qua", "item": index, "quantity": quantity, **extra}
        return self.client.post(url, once(data))

    def transfer(self, fund, amount, **extra):
        data = {"date": self.day, "amount": amount, "to_fund": "", "external_party": "", **extra}
        return created(self.post("funds:transfer_create", [fund.pk], data))


@pytest.fixture(name="year")
def published_year(province_staff, staff_a, commune_a, today):
    """The published year, entered at the staff pages (see the module's docstring)."""
    office, commune = Desk(province_staff, today), Desk(staff_a, today)

    fund_data = {
        "name": "Quỹ Khuyến học tỉnh",
        "opening_year": today.year,
        "opening_balance": "150.000.000",
    }
    created(office.client.post(reverse("funds:province"), once(fund_data)))
    province_fund = Fund.objects.get(branch__commune__isnull=True)
    commune_data = {
        "name": "Quỹ khuyến học xã",
        "branch": "",
        "opening_year": today.year,
        "opening_balance": "0",
    }
    created(commune.post("funds:commune", [commune_a.code], commune_data))
    commune_fund = Fund.objects.get(branch__commune=commune_a)

    drive_data = {
        "name": FLOOD,
        "starts_on": today.replace(day=1).isoformat(),
        "ends_on": today.isoformat(),
        "target": "100.000.000",
    }
    created(office.client.post(reverse("funds:campaigns"), once(drive_data)))
    drive = Campaign.objects.get()

    # cash: one receipt typed, the donation list imported, then imported again with one
    # more donation: the preview shows the three already in the book, the office skips them
    office.receipt(province_fund, "1.500.000.000", "Công ty Thủy điện Sơn La", "enterprise")
    typed = Receipt.objects.get(donor_name="Công ty Thủy điện Sơn La")
    day = today.strftime("%d/%m/%Y")
    donations = [
        receipt_row(
            day, donor="Sở Giáo dục và Đào tạo", category="cơ quan, tổ chức", amount="400.000.000"
        ),
        receipt_row(
            day, donor="Ngân hàng Nông nghiệp", category="doanh nghiệp", amount="300.000.000"
        ),
        receipt_row(day, donor="", category="ẩn danh", amount="10.000.000"),
    ]
    imports_url = reverse("funds:receipts_import", args=[province_fund.pk])
    created(office.client.post(imports_url, once({"sheet": sheet(donations)})))
    again = [*donations, receipt_row(day, donor="Bà Lò Thị Hoa", amount="5.000.000")]
    held = created(office.client.post(imports_url, once({"sheet": sheet(again)})))
    preview = office.client.get(held["Location"])
    key = held["Location"].split("tep=")[1]
    created(office.client.post(imports_url, once({"tep": key, "chon": "bo-qua"})))
    office.receipt(
        province_fund, "45.000.000", "Cán bộ, công chức tỉnh", "organisation", drive=drive.pk
    )
    commune.receipt(commune_fund, "50.000.000", "Nhân dân trong xã", "person", drive=drive.pk)

    # goods in kind, typed with quantity and unit
    office.goods(province_fund, "104.000.000", "ba lô", 520, "cái", "Công ty Văn phòng phẩm")
    office.goods(province_fund, "100.000.000", "giấy", 2000, "tập", "Công ty Giấy Bãi Bằng")
    office.goods(
        province_fund, "100.000.000", "quần áo", 200, "thùng", "Công ty May 10", drive=drive.pk
    )

    # the commune sends money to the province; the office confirms it arrived
    commune.transfer(commune_fund, "30.000.000", to_fund=province_fund.pk, note=FLOOD)
    moved = Transfer.objects.get(to_fund=province_fund)
    created(office.client.post(reverse("funds:transfer_confirm", args=[moved.pk])))

    # scholarships by count, names kept on the signed paper lists
    big = office.batch(
        province_fund,
        "4000",
        "500.000",
        level="THCS",
        decision_ref="125/QĐ-HKH",
        description="Học bổng Khuyến học tỉnh",
    )
    office.batch(
        province_fund,
        "346",
        "500.000",
        level="THPT",
        through="school",
        through_name="Trường THPT Chuyên tỉnh",
    )
    small = commune.batch(
        commune_fund, "27", "600.000", level="Tiểu học", through="village", through_name="Bản Mòng"
    )

    # gifts given; a 521st ba lô is refused and writes nothing
    before = what_is_written()
    refused = office.give_goods(
        province_fund, "ba lô", 521, through="school", through_name="Trường Tiểu học Chiềng Lề"
    )
    refusal = SimpleNamespace(response=refused, unchanged=what_is_written() == before)
    created(
        office.give_goods(
            province_fund, "ba lô", 520, through="school", through_name="Trường Tiểu học Chiềng Lề"
        )
    )
    created(office.give_goods(province_fund, "giấy", 2000, portions=400))
    created(
        office.give_goods(
            province_fund,
            "quần áo",
            200,
            through="village",
            through_name="Bản Mòng",
            drive=drive.pk,
        )
    )

    # out of the province: nothing to confirm
    office.transfer(
        province_fund, "20.000.000", external_party=NATIONAL, note=FLOOD, drive=drive.pk
    )
    out = Transfer.objects.get(external_party=NATIONAL)

    return SimpleNamespace(
        office=office,
        commune=commune,
        province_fund=province_fund,
        commune_fund=commune_fund,
        drive=drive,
        typed=typed,
        preview=preview,
        big=big,
        small=small,
        out=out,
        refusal=refusal,
        year=today.year,
    )
