"""Every Excel import of the project, found on the staff pages (a form that posts a file),
with the columns each one takes (learned from its own refusal message) and a valid value
for each column."""

import html
import itertools
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import strategies as st

from funds.models import Campaign
from khuyenhoc.areas.models import Denominator, Village
from khuyenhoc.core.sheets.spreadsheets import workbook_bytes
from khuyenhoc.core.text import fold
from members.models import Branch
from tests.factories import login
from tests.html_forms import Form
from tests.metric_names import TITLES
from tests.trust.hostile_values import (
    names,
)
from tests.trust.staff_pages import record_pks, vocabulary
from tests.trust.test_access_matrix import STAFF_ROUTES
from titles.declared_services import sheet_headers
from titles.models import CriteriaSet, RecognitionList, Registration

FUZZ = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}

# The imports, as found on the staff pages by discover(): the tests below take one route
# each, so a page that starts taking a file fails test_every_excel_import_is_found_on_the_
# staff_pages until it is added here, and fuzzed.
KNOWN = {
    "areas:village_import",
    "funds:payout_create",  # its list of beneficiaries can come as an .xlsx
    "funds:receipts_import",
    "members:import",
    "titles:import_registrations",
    "titles:import_scores",
    "titles:declared_import",
}


@dataclass
class Upload:
    """One import: the page's form, the columns the import reads, a valid value for each."""

    route: str
    url: str
    file_field: str
    fields: dict  # the form's other fields, as the page fills them in
    columns: list = field(default_factory=list)
    valid: dict = field(default_factory=dict)  # column → strategy of values it accepts
    takes_rows: bool = True  # False: refuses any sheet whatever its rows (a locked list)

    def __str__(self):
        return self.url

    def post(self, client, content):
        upload = SimpleUploadedFile("danh-sach.xlsx", content)
        return client.post(self.url, {**self.fields, self.file_field: upload})


# --- discovery -------------------------------------------------------------------------


def _page(client, world, name, converters, kwargs):
    """(url, html) of the route's page for the first record key that opens it."""
    pks = record_pks(name, world) if "pk" in converters else [None]
    for pk in pks:
        url = reverse(name, kwargs=kwargs | ({} if pk is None else {"pk": pk}))
        page = client.get(url)
        if page.status_code == 200 and page["Content-Type"].startswith("text/html"):
            return url, page.content.decode()
    return None, ""


def _file_form(url, page):
    """(target, file field, other fields) of the page's form that posts a file."""
    parser = Form()
    parser.feed(page)
    for fields, attributes, files in zip(
        parser.forms, parser.attributes, parser.files, strict=True
    ):
        if files and attributes.get("method", "get").lower() == "post":
            others = {k: v for k, v in fields.items() if k != "csrfmiddlewaretoken"}
            return urljoin(url, attributes.get("action") or url), files[0], others
    return None


# Pages whose parameters the vocabulary cannot fill; none shows a form.
NOT_SEARCHED = {
    "areas:history": "one record's change history, by model label: read only",
    # previews every sheet and writes only when the preview is confirmed (its matching,
    # per-row errors and all-or-nothing: tests/areas/test_past_years.py)
    "areas:legacy_import": "the years before the reform: preview, then confirm",
    "funds:payout_batch_create": "its file is a scan (PDF, JPEG, PNG), not a sheet",
    "funds:payout_scan": "its file is a scan (PDF, JPEG, PNG), not a sheet",
    # the sheet of funds:payout_create, read by the same imports.beneficiaries_from_sheet
    "funds:payout_names": "the beneficiaries' sheet, tried on funds:payout_create",
}


# A sheet without the header row of any import: each import refuses it by naming the
# columns it reads ("Các cột cần có: «…», «…»"), which is how the columns are learnt.
PROBE = workbook_bytes([("Trang 1", ["?"], [["?"]])])


def _columns(client, upload):
    text = html.unescape(upload.post(client, PROBE).content.decode())
    found = re.search(r"Các cột cần có: ((?:«[^»]*»(?:, )?)+)", text)
    return re.findall(r"«([^»]*)»", found.group(1)) if found else []


def discover(client, world):
    """Every staff page with a form that posts a file, once per combination of its route's
    parameters (each title and year has its own import). A route whose page shows no file
    input for the first combination is taken to have none for the others."""
    values_of = vocabulary(world)
    # this year's lists may be locked (proposed for recognition): next year's are open
    values_of["year"] = [*values_of["year"], values_of["year"][-1] + 1]
    found = []
    for name, route, converters in STAFF_ROUTES:
        if route.endswith(".xlsx") or name in NOT_SEARCHED:
            continue
        keys = [k for k in converters if k != "pk"]
        for values in itertools.product(*(values_of[k] for k in keys)):
            url, page = _page(client, world, name, converters, dict(zip(keys, values, strict=True)))
            form = _file_form(url, page) if url else None
            if form is None:
                break
            upload = Upload(name, *form)
            upload.columns = _columns(client, upload)
            upload.valid = valid_values(world, upload)
            upload.takes_rows = bool(upload.columns) and _takes_rows(world, upload)
            found.append(upload)
    return found


# --- valid values ----------------------------------------------------------------------


def unique_names(names_):
    """The names that only one record bears (folded): a match by name finds one."""
    folded = [fold(n) for n in names_]
    return sorted(n for n, f in zip(names_, folded, strict=True) if folded.count(f) == 1)


def declared_count_values():
    """Counts small enough for any demo denominator, recognised never above registered."""
    values = {}
    for column in sheet_headers().values():
        if column.endswith(": đăng ký"):
            once = column.startswith(TITLES["village"][0])  # a village counts once
            values[column] = st.just(1) if once else st.integers(1, 3)
        elif column.endswith(": được công nhận"):
            values[column] = st.integers(0, 1)
    return values


def valid_values(world, upload):
    """A strategy of accepted values for each column of the import, so that a row with a
    hostile value in one column is valid in the others and goes past the first check.
    Columns are learnt from the imports: test_every_column_of_every_import_has_a_valid_
    value fails when an import gains one that is missing here."""
    commune, today = world["mine"], timezone.localdate()
    branches = Branch.objects.filter(commune=commune, dissolved_on__isnull=True)
    branches = branches.exclude(founded_on__gt=today)
    villages = Village.objects.filter(commune=commune, is_active=True)
    person = st.builds("{} {}".format, names, st.integers(1, 10**6))
    fresh = st.integers(1, 10**9).map("Thôn Mới {}".format)
    values = {
        "Số thẻ": st.just(""),
        "Họ và tên": person,
        "Năm sinh": st.integers(today.year - 80, today.year - 20),
        "Giới tính": st.sampled_from(["Nam", "Nữ", "nam", "NỮ"]),
        "Điện thoại": st.sampled_from(["0912345678", "", "0203 3812 345"]),
        "Chi hội": st.sampled_from(unique_names(list(branches.values_list("name", flat=True)))),
        "Ngày vào hội": st.sampled_from([today, today.strftime("%d/%m/%Y")]),
        "Tên thôn, bản, tổ dân phố": fresh,
        # the counts declared without a named list: a village once per sheet (valid_rows)
        "Thôn, bản, tổ dân phố": st.sampled_from(
            unique_names(list(villages.values_list("name", flat=True)))
        ),
        **declared_count_values(),
        "Thôn, bản, tổ": st.sampled_from(
            unique_names(list(villages.values_list("name", flat=True)))
        ),
        "Chủ hộ": person,
        "Số nhân khẩu": st.integers(1, 50),
        "Nhóm": st.integers(1, 4),
        "Tên dòng họ": person.map("Dòng họ {}".format),
        "Tên đơn vị": person.map("Trường {}".format),
        "Ngày": st.sampled_from([today, today.strftime("%d/%m/%Y")]),
        "Người, đơn vị ủng hộ": person,
        "Đồng ý công khai tên": st.sampled_from(["có", "", "x"]),
        "Hiện vật": st.just(""),
        "Số lượng": st.just(""),
        "Số tiền": st.sampled_from([100_000, "200.000", "50000"]),
        # a campaign the fund takes part in (tests/trust/conftest.py makes one), or none
        "Đợt vận động": st.sampled_from(["", *Campaign.objects.values_list("name", flat=True)]),
        "Đơn vị tính": st.sampled_from(["", "cái", "thùng"]),
        "Trường": st.sampled_from(["", "Trường THCS Mường Tè"]),
        "Lớp": st.sampled_from(["", "7A"]),
        "Loại": st.just(
            {
                "areas:village_import": "Bản",
                "funds:receipts_import": "Cá nhân",
                "titles:import_registrations": "Cơ quan",
            }.get(upload.route, "")
        ),
    }
    if upload.route == "titles:import_scores":
        kwargs = kwargs_of(upload)
        ids = list(_waiting(world, kwargs).values_list("pk", flat=True)[:50])
        values["Mã đăng ký"] = st.sampled_from(ids) if ids else st.integers(1, 10**6)
        in_force = CriteriaSet.objects.in_force(title=kwargs["title"], year=kwargs["year"])
        for indicator in in_force.indicators() if in_force else []:
            values[indicator.code] = st.integers(0, indicator.max_points)
    return {column: values[column] for column in upload.columns if column in values}


def _takes_rows(world, upload):
    """Whether a sheet of valid rows can be imported: a title's list that is proposed or
    approved refuses every sheet, and scores need registrations waiting for them.
    test_a_sheet_of_valid_rows_is_imported_whole_by_each_import checks the others do."""
    kwargs = kwargs_of(upload)
    if upload.route == "titles:declared_import":  # counts need the year's denominators
        return Denominator.objects.filter(commune=world["mine"], year=kwargs["year"]).exists()
    if "title" not in kwargs:
        return True
    lists = RecognitionList.objects.filter(
        commune=world["mine"], year=kwargs["year"], title=kwargs["title"]
    )
    if lists.filter(state__in=["proposed", "approved"]).exists():
        return False
    return upload.route != "titles:import_scores" or _waiting(world, kwargs).exists()


def _waiting(world, kwargs):
    """The registrations of a list that scores can be imported for."""
    return Registration.objects.filter(
        commune=world["mine"], year=kwargs["year"], title=kwargs["title"]
    ).filter(state__in=["registered", "evaluated"])


def kwargs_of(upload):
    return resolve(upload.url).kwargs


@pytest.fixture(name="uploads", scope="module")
def discovered_uploads(world, django_db_blocker):
    """Every Excel import the staff pages offer, found once per module."""
    with django_db_blocker.unblock():
        client = Client()
        login(client, world["staff"])
        return discover(client, world)
