"""Done when: the records behind Bắc Kạn city's 2022 paragraph ("161 chi hội và Ban khuyến
học, 11.089 hội viên, 10.110 gia đình học tập, 09 dòng họ học tập, 101 cộng đồng học tập,
26 đơn vị học tập, thu hơn 768 triệu đồng, khen thưởng trên 481 triệu đồng") give a report
stating exactly those figures, on the page and in the .xlsx, cell by cell.

The records are entered as records, not as summary figures: denominators, branches, the
fund's receipts and the award payout through the apps' services; the 11.089 members and
the 10.000-odd registrations as model rows in bulk (one service call per row would take
minutes), after which each app's own figures.compute fills the summary table through
summaries.refresh, exactly as its services do. Today's communes count from 2025, so the
2022 figures are recorded as a commune's 2025.
"""

import io
from datetime import date

import openpyxl
import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse

import members.figures
import titles.figures
from funds import services as funds_services
from khuyenhoc.areas import services as area_services
from khuyenhoc.areas import summaries
from khuyenhoc.areas.models import Commune, Village
from khuyenhoc.core.text import fold
from members import services as member_services
from members.models import Branch, Member
from tests.factories import login, make_user
from titles.models import Clan, Household, Registration, Unit

pytestmark = pytest.mark.django_db

YEAR = 2025
BRANCHES = {  # 161 chi hội và Ban khuyến học
    Branch.Kind.VILLAGE: 101,
    Branch.Kind.CLAN_BOARD: 9,
    Branch.Kind.SCHOOL: 20,
    Branch.Kind.AGENCY: 31,
}
MEMBERS_BEFORE, MEMBERS_JOINED = 10_400, 689  # 11.089 at the end of the year


def _enter_records(user, commune):
    area_services.denominator_save(
        user=user,
        commune=commune,
        year=YEAR,
        values={
            "population": 45_000,
            "adults": 30_000,
            "households": 11_000,
            "clans": 12,
            "villages": 101,
            "units": 30,
        },
    )
    villages = Village.objects.bulk_create(
        [
            Village(commune=commune, name=f"Tổ {n}", name_folded=fold(f"Tổ {n}"), kind="to")
            for n in range(1, 102)
        ]
    )
    member_services.branch_create(
        user=user, commune=commune, kind=Branch.Kind.COMMUNE, name=f"Hội Khuyến học {commune}"
    )
    branches = []
    for kind, count in BRANCHES.items():
        for n in range(1, count + 1):
            branches.append(
                member_services.branch_create(
                    user=user,
                    commune=commune,
                    kind=kind,
                    name=f"{Branch.Kind(kind).label} {n}",
                    village=villages[n - 1] if kind == Branch.Kind.VILLAGE else None,
                )
            )
    Member.objects.bulk_create(
        [
            Member(
                province_id=commune.province_id,
                commune=commune,
                branch=branches[n % len(branches)],
                member_number=f"{commune.code:05d}-{n}",
                full_name=f"Hội viên {n}",
                name_folded=f"hoi vien {n}",
                joined_on=date(2024, 5, 1) if n <= MEMBERS_BEFORE else date(YEAR, 3, 1),
            )
            for n in range(1, MEMBERS_BEFORE + MEMBERS_JOINED + 1)
        ],
        batch_size=2000,
    )
    summaries.refresh(members.figures, commune=commune, year=YEAR)

    households = Household.objects.bulk_create(
        [
            Household(
                commune=commune,
                village=villages[n % 101],
                head_name=f"Chủ hộ {n}",
                name_folded=f"chu ho {n}",
                members=4,
            )
            for n in range(10_500)
        ],
        batch_size=2000,
    )
    clans = Clan.objects.bulk_create(
        [Clan(commune=commune, name=f"Họ {n}", name_folded=f"ho {n}") for n in range(11)]
    )
    units = Unit.objects.bulk_create(
        [
            Unit(commune=commune, name=f"Đơn vị {n}", name_folded=f"don vi {n}", kind="agency")
            for n in range(28)
        ]
    )

    def registration(title, recognised, **subject):
        state = "recognised" if recognised else "evaluated"
        return Registration(commune=commune, year=YEAR, title=title, state=state, **subject)

    Registration.objects.bulk_create(
        [registration("household", n < 10_110, household=h) for n, h in enumerate(households)]
        + [registration("clan", n < 9, clan=c) for n, c in enumerate(clans)]
        + [registration("village", True, village=v) for v in villages]
        + [registration("unit", n < 26, unit=u) for n, u in enumerate(units)],
        batch_size=2000,
    )
    summaries.refresh(titles.figures, commune=commune, year=YEAR)

    fund = funds_services.fund_create(
        user=user, commune=commune, name="Quỹ khuyến học", opening_year=YEAR
    )
    for amount, category in ((500_000_000, "enterprise"), (200_000_000, "organisation")):
        funds_services.receipt_record(
            user=user,
            fund=fund,
            date=date(YEAR, 6, 1),
            amount=amount,
            donor_category=category,
            donor_name="Nhà hảo tâm",
        )
    funds_services.receipt_record(
        user=user,
        fund=fund,
        date=date(YEAR, 8, 20),
        amount=68_350_000,
        donor_category="person",
        donor_name="Phụ huynh",
        in_kind=True,
        item_description="Sách vở, đồ dùng học tập",
        item_quantity=1_367,
    )
    funds_services.payout_record(
        user=user,
        fund=fund,
        date=date(YEAR, 9, 5),
        kind="khen_thuong",
        beneficiaries=[{"name": f"Học sinh {n}"} for n in range(962)]
        + [{"name": "Học sinh giỏi quốc gia", "amount": 250_000}],
        default_amount=500_000,
        decision_ref="15/QĐ-KH",
    )


EXPECTED = {  # label in the report → (registered, achieved)
    "Chi hội và Ban khuyến học": (None, 161),
    "Chi hội thôn, bản, tổ dân phố": (None, 101),
    "Ban khuyến học dòng họ": (None, 9),
    "Hội viên đầu năm": (None, 10_400),
    "Kết nạp trong năm": (None, 689),
    "Hội viên cuối năm": (None, 11_089),
    "Gia đình học tập": (10_500, 10_110),
    "Dòng họ học tập": (11, 9),
    "Cộng đồng học tập cấp thôn": (101, 101),
    "Đơn vị học tập": (28, 26),
    "Tổng thu": (None, 768_350_000),
    "Thu bằng tiền": (None, 700_000_000),
    "Thu bằng hiện vật (quy ra tiền)": (None, 68_350_000),
    "Khen thưởng: số suất": (None, 963),
    "Khen thưởng: số tiền": (None, 481_250_000),
    "Tổng chi": (None, 481_250_000),
    "Tồn quỹ cuối năm": (None, 287_100_000),
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Entered once for the module, in a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        commune = Commune.objects.filter(province_id=settings.PROVINCE_CODE).order_by("code")[0]
        staff = make_user("bac_kan_staff", role="commune_staff", communes=[commune])
        _enter_records(staff, commune)
        yield {
            "commune": commune,
            "staff": staff,
            "reviewer": make_user("bk_tinh", role="reviewer"),
        }
        transaction.set_rollback(True)


@pytest.fixture
def bac_kan(world):
    return world["commune"]


@pytest.fixture
def staff_a(world):
    return world["staff"]


@pytest.fixture
def reviewer(world):
    return world["reviewer"]


def test_the_report_states_the_paragraphs_figures(client, bac_kan, staff_a):
    login(client, staff_a)
    response = client.get(reverse("reports:commune", args=[bac_kan.code, YEAR]))
    page = response.content.decode()
    assert (
        "có 161 chi hội và Ban khuyến học với 11.089 hội viên; 10.110 hộ đạt Gia đình học tập, "
        "9 dòng họ học tập, 101 thôn, tổ dân phố đạt Cộng đồng học tập và 26 Đơn vị học tập; "
        "thu quỹ 768.350.000 đ, chi khen thưởng 481.250.000 đ"
    ) in page
    rows = {
        row["label"]: (row["registered"], row["value"])
        for section in response.context["sections"]
        for row in section["rows"]
    }
    for label, expected in EXPECTED.items():
        assert rows[label] == expected, label
    # as printed in the table: Gia đình học tập 10.110 of 11.000 households
    assert "10.110" in page and "91,9 %" in page


def _sheet_rows(sheet):
    return {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_the_xlsx_states_the_same_figures_cell_by_cell(client, bac_kan, staff_a):
    login(client, staff_a)
    response = client.get(reverse("reports:commune_xlsx", args=[bac_kan.code, YEAR]))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Tổng hợp",
        "Tổ chức hội",
        "Hội viên",
        "Công dân học tập",
        "Gia đình, cộng đồng, đơn vị",
        "Quỹ khuyến học",
        "Thuyết minh",
    ]
    summary = book["Tổng hợp"]
    assert [c.value for c in summary[1]][:3] == ["Chỉ tiêu", "Đăng ký", "Đạt, số lượng"]
    lines = _sheet_rows(summary)
    group_lines = {}
    for name in book.sheetnames[1:6]:
        group_lines.update(_sheet_rows(book[name]))
    for label, (registered, achieved) in EXPECTED.items():
        assert lines[label][1] == registered, label
        assert lines[label][2] == achieved, label
        assert group_lines[label][:3] == lines[label][:3], label
    household = lines["Gia đình học tập"]
    assert household[3] == 11_000  # denominator
    assert household[5] == 91.9  # rate, rounded to 0,1
    assert household[8] == 40  # 677/QĐ-TTg target for 2025


def test_the_province_xlsx_has_a_column_for_the_commune(client, bac_kan, reviewer):
    login(client, reviewer)
    response = client.get(reverse("reports:province_xlsx", args=[YEAR]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["Gia đình, cộng đồng, đơn vị"]
    head = [c.value for c in sheet[1]]
    assert head[:2] == ["Chỉ tiêu", "Toàn tỉnh"]
    column = head.index(bac_kan.name)
    lines = _sheet_rows(sheet)
    assert lines["Gia đình học tập: đạt"][column] == 10_110
    assert lines["Gia đình học tập: đạt"][1] == 10_110  # the only commune with records
    assert lines["Đơn vị học tập: đăng ký"][column] == 28
    members_sheet = _sheet_rows(book["Hội viên"])
    assert members_sheet["Hội viên cuối năm"][column] == 11_089
    statuses = _sheet_rows(book["Tình trạng nộp"])
    assert statuses[bac_kan.code_display][2] == "Chưa nộp"
