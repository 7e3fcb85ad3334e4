"""Every create form of the staff pages, sent twice with the token its page rendered (a
double click, a reload after a slow answer): the first submission writes, the second
writes nothing, not one row of any table, and is sent where the first one led with
«Biểu mẫu này đã được gửi; không ghi lần hai.».

The create views are discovered from the URL patterns (the views wrapped by
@submits_once), and so are the forms: every form a staff page shows either posts to such
a view and carries its token, or is listed below as an edit or an action."""

import io
from urllib.parse import urljoin

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from django.utils import timezone

from funds.models import Fund, Payout, Receipt
from khuyenhoc.areas.models import Village
from khuyenhoc.core.sheets.spreadsheets import workbook_bytes
from khuyenhoc.submissions.once import ALREADY_SENT, FIELD
from members.models import Branch
from tests.factories import login
from tests.html_forms import Form
from tests.trust.db_counts import changed_since, row_counts
from tests.trust.staff_pages import any_kwargs
from tests.trust.test_access_matrix import STAFF_ROUTES
from tests.trust.test_hostile_forms import _targets
from titles import services as titles_services
from titles.declared_services import sheet_headers
from titles.models import CriteriaSet

pytestmark = pytest.mark.django_db

# Staff pages whose forms change a record, or press a button, rather than create one:
# sent twice they leave the record as the first left it (or the service refuses).
NOT_CREATING = {
    "areas:legacy_report": "saves an old commune's figures of the year: the same values twice",
    "areas:denominator": "saves the year's figures of the commune: the same values twice",
    "areas:village_edit": "renames a village",
    "areas:village_merge": "a merged village cannot be merged again",
    "funds:statement": "closing a year twice is refused by the service",
    "funds:transfer_refuse": "only a pending transfer is refused: the second is refused",
    "funds:transfer_cancel": "only a pending transfer is cancelled: the second is refused",
    "funds:transfer_undo": "only a confirmed transfer is undone: the second is refused",
    "jobs:detail": "the choice of an import job: once made, the job is no longer waiting for it",
    "members:branch_dissolve": "a dissolved branch cannot be dissolved again",
    "members:branch_edit": "edits a branch",
    "members:edit": "edits a member",
    "members:erase": "erasing twice leaves the same empty record",
    "members:leave": "a member who left cannot leave again",
    "reports:narrative": "the narrative of the year's report: saved, not added",
    "reports:submit": "a submitted report cannot be submitted again",
    "titles:review": "approves, sends back or reopens a list: each step once, from its state",
    "titles:correct": "corrects a subject",
    "titles:declared_edit": "sets the year's counts of a title per village: the same values twice",
    "titles:evaluate": "saves the scores of one registration: the same scores twice",
    "titles:self_accept_many": "only submissions still waiting are accepted: once each",
    "titles:self_detail": "accepts, returns or refuses a waiting submission: once, from its state",
    "titles:self_code_revoke": "a revoked code cannot be revoked again",
    "quality:remind": "the same reminder still unread is not sent again (reminder_send)",
}


def _is_create_view(name):
    return getattr(resolve(reverse(name, kwargs=any_kwargs(name))).func, "submits_once", False)


CREATING = sorted(r[0] for r in STAFF_ROUTES if _is_create_view(r[0]))


def test_the_create_views_are_found_from_the_url_patterns():
    assert {"funds:receipt_create", "members:create", "titles:register"} <= set(CREATING)
    assert not set(CREATING) & set(NOT_CREATING)


# pages with a parameter the discovery cannot fill (a model's label): none shows a form
PAGES = [r for r in STAFF_ROUTES if not r[1].endswith(".xlsx") and "label" not in r[2]]


@pytest.mark.parametrize(("name", "route", "converters"), PAGES, ids=[r[0] for r in PAGES])
def test_every_form_of_a_create_view_carries_a_token_and_no_other_form_is_left_out(
    client, world, name, route, converters
):
    for url, fields in _targets(client, world, name, converters):
        target = resolve(url.split("?")[0])
        target_name = f"{target.namespace}:{target.url_name}"
        if getattr(target.func, "submits_once", False):
            assert len(fields.get(FIELD, "")) >= 20, f"{url}: a create form without its token"
        else:
            assert target_name in NOT_CREATING, (
                f"{url} ({target_name}) takes a form: make it @submits_once, or say in "
                "NOT_CREATING why sending it twice is harmless"
            )


# --- one valid submission of each create form ------------------------------------------


def _sheet(headers, rows):
    return workbook_bytes([("Danh sách", headers, rows)])


def _waiting_registration(world, village):
    """A household registered for next year (whose list is open), waiting for scores."""
    staff, commune = world["staff"], world["mine"]
    household = titles_services.household_create(
        user=staff, commune=commune, village=village, head_name="Đèo Văn Chấm Điểm", members=4
    )
    year = timezone.localdate().year + 1
    assert CriteriaSet.objects.in_force(title="household", year=year)
    return titles_services.registration_create(
        user=staff, commune=commune, year=year, title="household", subject=household
    )


def _scores_sheet(client, registration):
    """The downloaded score sheet with full points on its first row, the others blank."""
    args = [registration.commune_id, registration.year, registration.title]
    data = client.get(reverse("titles:scores_template", args=args)).content
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    guide = {row[0]: row[3] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)}
    headers = [c.value for c in sheet[1]]
    for number, row in enumerate(sheet.iter_rows(min_row=2), start=2):
        for cell, header in zip(row, headers, strict=True):
            if header in guide:
                cell.value = guide[header] if number == 2 and row[0].value else None
    out = io.BytesIO()
    book.save(out)
    return args, out.getvalue()


def submission(name, world, client):
    """(role, url, fields, files) of a valid submission of the route's form."""
    commune, today = world["mine"], timezone.localdate()
    code, next_year = commune.code, today.year + 1
    fund = Fund.objects.for_user(world["staff"]).filter(branch__commune=commune).first()
    branch = Branch.objects.filter(commune=commune, dissolved_on__isnull=True).first()
    village = Village.objects.filter(commune=commune, is_active=True).order_by("pk").first()
    staff = "staff"
    if name == "members:create":
        fields = {"full_name": "Lò Thị Một Lần", "gender": "nu", "birth_year": "1985"}
        fields |= {"branch": branch.pk, "joined_on": today.isoformat()}
        return staff, reverse(name, args=[code]), fields, {}
    if name == "members:branch_create":
        fields = {"kind": "chi_hoi_thon", "name": "Chi hội Một Lần", "village": village.pk}
        return staff, reverse(name, args=[code]), fields | {"founded_on": "2010-01-01"}, {}
    if name == "members:import":
        headers = ["Số thẻ", "Họ và tên", "Năm sinh", "Giới tính", "Điện thoại", "Chi hội"]
        row = ["", "Cà Văn Một Lần", 1980, "Nam", "", branch.name, today.strftime("%d/%m/%Y")]
        data = _sheet([*headers, "Ngày vào hội"], [row])
        return staff, reverse(name, args=[code]), {}, {"file": data}
    if name == "areas:village_create":
        return staff, reverse(name, args=[code]), {"name": "Bản Một Lần", "kind": "ban"}, {}
    if name == "areas:village_import":
        data = _sheet(["Tên thôn, bản, tổ dân phố", "Loại"], [["Bản Hai Lần", "Bản"]])
        return staff, reverse(name, args=[code]), {}, {"file": data}
    if name == "areas:legacy_import":  # an old commune today's commune took over
        from khuyenhoc.areas.models import LegacyCommune
        from khuyenhoc.areas.past_years_import import HEADERS

        old = LegacyCommune.objects.filter(mappings__commune=commune).order_by("pk").first()
        row = [old.pk, old.name, ""] + [1000] + [""] * (len(HEADERS) - 4)
        data = _sheet(list(HEADERS.values()), [row])
        return staff, reverse(name, args=[2024]), {}, {"file": data}
    if name == "titles:declared_import":  # this year: the demo has its denominators
        headers = list(sheet_headers().values())
        row = [village.name, 2, 1] + [""] * (len(headers) - 3)
        return staff, reverse(name, args=[code, today.year]), {}, {"file": _sheet(headers, [row])}
    if name == "funds:commune":
        fields = {"name": "Quỹ Một Lần", "opening_year": str(today.year)}
        return staff, reverse(name, args=[code]), fields | {"opening_balance": "0"}, {}
    if name == "funds:receipt_create":
        fields = {"date": today.isoformat(), "donor_category": "person"}
        fields |= {"donor_name": "Bà Lò Thị Một Lần", "amount": "150.000", "number": ""}
        return staff, reverse(name, args=[fund.pk]), fields, {}
    if name == "funds:payout_create":
        fields = {"date": today.isoformat(), "kind": "hoc_bong", "default_amount": "1.000"}
        return staff, reverse(name, args=[fund.pk]), fields | {"people": "Lò Văn Một Lần"}, {}
    if name == "funds:overdraft":
        fields = {"amount": "1.000.000", "reason": "Lũ quét"}
        return "reviewer", reverse(name, args=[fund.pk]), fields, {}
    if name == "funds:reverse":
        receipt = Receipt.objects.filter(
            fund=fund, reverses__isnull=True, reversal__isnull=True
        ).first()
        return staff, reverse(name, args=["thu", receipt.pk]), {"reason": "Ghi nhầm"}, {}
    if name == "funds:receipts_import":
        headers = ["Ngày", "Người, đơn vị ủng hộ", "Loại", "Đồng ý công khai tên", "Hiện vật"]
        headers += ["Số lượng", "Đơn vị tính", "Số tiền", "Đợt vận động"]
        row = [today.strftime("%d/%m/%Y"), "Ông Cầm Văn Một Lần", "cá nhân", "", "", "", ""]
        row += [90000, ""]
        return staff, reverse(name, args=[fund.pk]), {}, {"sheet": _sheet(headers, [row])}
    if name == "funds:payout_batch_create":
        fields = {"date": today.isoformat(), "kind": "hoc_bong", "portions": "2"}
        fields |= {"through": "commune", "through_name": "", "drive": ""}
        return staff, reverse(name, args=[fund.pk]), fields | {"unit_amount": "1.000"}, {}
    if name == "funds:goods_payout_create":
        fields = {"date": today.isoformat(), "kind": "qua", "item": "0", "quantity": "1"}
        fields |= {"through": "", "drive": ""}
        return staff, reverse(name, args=[fund.pk]), fields, {}
    if name in ("funds:payout_names", "funds:payout_scan"):
        batch = Payout.objects.filter(fund=fund, unit_amount__isnull=False).first()
        if name == "funds:payout_names":
            return staff, reverse(name, args=[batch.pk]), {"people": "Lò Văn Một Lần"}, {}
        return staff, reverse(name, args=[batch.pk]), {}, {"scan": b"%PDF-1.4\n%%EOF"}
    if name == "funds:transfer_create":
        fields = {"date": today.isoformat(), "amount": "1.000", "external_party": "Quỹ Hội"}
        fields["to_fund"] = ""
        return staff, reverse(name, args=[fund.pk]), fields, {}
    if name == "funds:province":
        fields = {"name": "Quỹ Hội tỉnh Một Lần", "opening_year": str(today.year)}
        return "administrator", reverse(name), fields | {"opening_balance": "0"}, {}
    if name == "funds:campaigns":
        fields = {"name": "Đợt Một Lần", "starts_on": today.isoformat()}
        return "administrator", reverse(name), fields | {"ends_on": today.isoformat()}, {}
    if name == "titles:register":
        fields = {"head_name": "Hà Văn Một Lần", "members": "4", "village": village.pk}
        return staff, reverse(name, args=[code, next_year, "household"]), fields, {}
    if name == "titles:import_registrations":
        data = _sheet(
            ["Chủ hộ", "Thôn, bản, tổ", "Số nhân khẩu"], [["Hà Văn Hai", village.name, 3]]
        )
        return staff, reverse(name, args=[code, next_year, "household"]), {}, {"file": data}
    if name == "titles:import_scores":
        args, data = _scores_sheet(client, _waiting_registration(world, village))
        return staff, reverse(name, args=args), {}, {"file": data}
    if name == "titles:self_codes":
        return staff, reverse(name, args=[code]), {"village": village.pk, "count": "2"}, {}
    if name == "reports:province_xlsx_job":
        return "reviewer", reverse(name, args=[today.year]), {}, {}
    if name == "jobs:backup":
        return "administrator", reverse(name), {}, {}
    raise AssertionError(f"give {name} a valid submission here")


def _page_fields(client, url):
    """The main form of the page as a browser would send it, its token included."""
    parser = Form()
    parser.feed(client.get(url).content.decode())
    return {k: v for k, v in parser.fields.items() if k != "csrfmiddlewaretoken"}


def _send(client, url, fields, files):
    uploads = {k: SimpleUploadedFile("danh-sach.xlsx", v) for k, v in files.items()}
    return client.post(url, {**fields, **uploads})


@pytest.mark.parametrize("name", CREATING)
def test_a_create_form_sent_twice_writes_once_and_says_so(client, world, name):
    role, url, overrides, files = submission(name, world, _logged_in(client, world, "staff"))
    client = _logged_in(client, world, role)
    fields = {**_page_fields(client, url), **overrides}
    assert FIELD in fields, f"{url} renders no token"

    before = row_counts()
    first = _send(client, url, fields, files)
    assert first.status_code == 302, first.content.decode()[-3000:]
    assert changed_since(before), f"{url} wrote nothing the first time"
    between = row_counts()
    second = _send(client, url, fields, files)

    assert not changed_since(between), f"{url} wrote again: {changed_since(between)}"
    assert second.status_code == 302 and second["Location"] == first["Location"]
    page = client.get(urljoin(url, second["Location"])).content.decode()
    assert ALREADY_SENT in page


def _logged_in(client, world, role):
    client.logout()
    login(client, world[role])
    return client


def test_a_form_posted_without_its_token_writes_nothing_and_asks_to_send_again(client, world):
    role, url, fields, _ = submission("funds:receipt_create", world, client)
    login(client, world[role])
    before = row_counts()
    response = client.post(url, fields, follow=True)
    assert not changed_since(before)
    assert "thiếu mã gửi một lần" in response.content.decode()


def test_another_communes_create_form_still_answers_404_without_a_token(client, world):
    role, url, fields, _ = submission("members:create", world, client)
    login(client, world["stranger"])
    assert client.post(url, fields).status_code == 404
