"""Every Excel import of the project, discovered from the staff pages (a form that posts
a file), fed by Hypothesis: random bytes, broken workbooks, and real workbooks under the
import's own header row whose cells mix valid values with hostile ones (the strategies of
tests/trust/hostile_values.py, plus formula cells, numbers, dates and booleans no column
takes). Never a 500. A refused file writes nothing, not one row of any table, and says
why in Vietnamese; an accepted file imports every row, stores its text in NFC without
control characters or direction marks, and the page listing the rows escapes their
markup. Every .xlsx download writes a name beginning with = + - @ as text, never as a
formula, and a name typed in either Unicode normal form is the same name.

Each Hypothesis example runs in a savepoint that is rolled back, so examples do not see
each other's writes and the demo province (built once per module) stays as seeded."""

import html
import io
import itertools
import re
import unicodedata

import openpyxl
import pytest
from django.apps import apps
from django.db import models, transaction
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone
from hypothesis import event, given, settings
from hypothesis import strategies as st

from funds.campaigns import campaign_create
from khuyenhoc.areas.models import Village
from khuyenhoc.core.numbers import number
from khuyenhoc.core.sheets.spreadsheets import (
    XLSX_CONTENT_TYPE,
    ImportRejected,
    read_sheet,
    workbook_bytes,
)
from khuyenhoc.core.text import fold
from members.models import Member
from tests.factories import login
from tests.metric_names import TITLES
from tests.trust.db_counts import changed_since, row_counts
from tests.trust.hostile_sheets import broken_files, hostile_sheets, valid_rows, xlsx
from tests.trust.hostile_values import FORMULA_BODIES, NAMES, UNESCAPED
from tests.trust.staff_pages import record_pks, vocabulary
from tests.trust.test_access_matrix import ROUTES
from tests.trust.uploads import (  # noqa: F401
    FUZZ,
    KNOWN,
    discovered_uploads,
    kwargs_of,
    unique_names,
)
from titles import services as titles_services
from titles.models import Household, Registration

pytestmark = pytest.mark.django_db


# --- hostile workbooks -----------------------------------------------------------------


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")
MODELS = {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}


def _no_markup(url, page):
    markup = UNESCAPED.search(page)
    assert markup is None, f"{url} let markup through: {markup.group()}"


def _alerts(page):
    """The text of the page's error blocks (role="alert")."""
    blocks = re.findall(r'role="alert">(.*?)</div>', page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", " ".join(blocks)))


def _new_text(before):
    """Every text value of the rows added since `before`, table by table (the newest
    rows of each table that grew, by primary key)."""
    for table, (was, now) in changed_since(before).items():
        model = MODELS[table]
        texts = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
        ]
        if now > was and texts:
            for row in model.objects.order_by("-pk").values_list(*texts)[: now - was]:
                for value in row:
                    yield table, value or ""


def _rows_in(content, upload):
    """How many rows the import reads from the file: an accepted import wrote them all."""
    try:
        return len(read_sheet(content, headers={c: c for c in upload.columns}))
    except ImportRejected:
        return None


def check_answer(client, upload, content, response, before):
    """Never a 500. Refused: no table has one row more or less, and the page says why in
    Vietnamese. Accepted: the next page counts every row of the file, the stored text is
    NFC without control characters, and no page lets markup through."""
    assert response.status_code in (200, 302), f"{upload} answered {response.status_code}"
    event("accepted" if response.status_code == 302 else "refused")
    if response.status_code == 200:
        page = response.content.decode()
        _no_markup(upload, page)
        changed = changed_since(before)
        assert not changed, f"{upload} refused the file but wrote rows: {changed}"
        errors = _alerts(page)
        assert "Chưa nhập dòng nào" in page or errors.strip(), f"{upload} refused in silence"
        assert VIETNAMESE.search(errors), f"{upload} refused it in another language: {errors}"
        return
    after = client.get(response["Location"])
    assert after.status_code == 200, f"the page after {upload} answered {after.status_code}"
    page = after.content.decode()
    _no_markup(response["Location"], page)
    told = " ".join(re.findall(r'role="status">([^<]*)<', page))
    rows = _rows_in(content, upload)
    assert rows, f"{upload} accepted a file it cannot read"
    assert re.search(rf"(?<![\d.]){re.escape(number(rows))} ", told), (
        f"{upload} read {rows} rows but told: {told}"
    )
    for table, text in _new_text(before):
        assert text == unicodedata.normalize("NFC", text), f"{table} stored NFD: {text!r}"
        control = CONTROL.search(text)
        assert control is None, f"{table} stored {control.group()!r} in {text[:80]!r}"


# --- the tests -------------------------------------------------------------------------


def test_every_excel_import_is_found_on_the_staff_pages(uploads):
    assert {u.route for u in uploads} == KNOWN
    titles = {kwargs_of(u)["title"] for u in uploads if u.route == "titles:import_scores"}
    assert titles == set(TITLES)  # one import per title


def test_every_column_of_every_import_has_a_valid_value(uploads):
    missing = {(u.route, c) for u in uploads for c in u.columns if c not in u.valid}
    assert not missing, f"give these columns a valid value in valid_values(): {missing}"
    assert {u.route for u in uploads if u.columns} == KNOWN, "an import named no column"


def test_a_sheet_of_valid_rows_is_imported_whole_by_each_import(client, world, uploads):
    """The valid values really are valid: without this, a hostile cell among them would
    only ever meet a refusal caused by its neighbours."""
    login(client, world["staff"])
    before = row_counts()
    takers = [u for u in uploads if u.takes_rows]
    assert {u.route for u in takers} == KNOWN

    @settings(max_examples=1, database=None, **FUZZ)
    @given(data=st.data())
    def import_(data):
        for upload in takers:
            content = xlsx(upload.columns, data.draw(valid_rows(upload), label=str(upload)))
            with transaction.atomic():
                response = upload.post(client, content)
                assert response.status_code == 302, _alerts(response.content.decode())
                check_answer(client, upload, content, response, before)
                transaction.set_rollback(True)

    import_()


def attack(client, targets, files, label, *, examples):
    """Posts files drawn from the strategy `files` to imports drawn from `targets`, each
    in a savepoint rolled back afterwards, and checks every answer (check_answer)."""
    before = row_counts()

    @settings(max_examples=examples, **FUZZ)
    @given(data=st.data())
    def upload_(data):
        upload = data.draw(st.sampled_from(targets), label="import")
        content = data.draw(files(upload), label=label)
        with transaction.atomic():
            check_answer(client, upload, content, upload.post(client, content), before)
            transaction.set_rollback(True)

    upload_()


ROUTE_NAMES = sorted(KNOWN)


@pytest.mark.parametrize("route", ROUTE_NAMES)
def test_random_bytes_and_broken_workbooks_are_refused_with_nothing_written_or_read_whole(
    client, world, uploads, route
):
    login(client, world["staff"])
    targets = [u for u in uploads if u.route == route]
    attack(client, targets, broken_files, "file", examples=20)


@pytest.mark.parametrize("route", ROUTE_NAMES)
def test_hostile_cells_are_refused_with_nothing_written_or_imported_clean_and_whole(
    client, world, uploads, route
):
    login(client, world["staff"])
    # an import that refuses every sheet whatever its rows (a locked list, a title without
    # a list to import) only meets the broken files above
    targets = [u for u in uploads if u.route == route and u.takes_rows]
    attack(client, targets, hostile_sheets, "sheet", examples=30)


def test_every_import_refuses_a_file_over_the_size_limit_with_nothing_written(
    client, world, uploads, settings
):
    """Each page that takes a file reads it through spreadsheets.read_upload, of which
    khuyenhoc.core.sheets.uploads kept one byte past MAX_IMPORT_BYTES, and the page says so."""
    login(client, world["staff"])
    settings.MAX_IMPORT_BYTES = 4096
    before = row_counts()
    for upload in uploads:
        response = upload.post(client, b"PK\x03\x04" + bytes(4996))
        assert response.status_code == 200, upload
        assert "Tệp quá lớn; tối đa 4 KB" in _alerts(response.content.decode()), upload
    assert not changed_since(before)


# --- exports ---------------------------------------------------------------------------

# The columns that hold a name or a free text an export may write back.
NAME_COLUMNS = {
    "Họ và tên",
    "Chủ hộ",
    "Tên dòng họ",
    "Tên đơn vị",
    "Tên thôn, bản, tổ dân phố",
    "Người, đơn vị ủng hộ",
    "Đợt vận động",
    "Trường",
    "Lớp",
}
formula_names = st.builds(
    "{}{}".format, st.sampled_from("=+-@"), st.sampled_from([*FORMULA_BODIES, *NAMES])
)


def _downloads(world):
    """Every route of the project that answers an .xlsx, for the first record key and
    role (staff, then reviewer) it opens for, once per combination of its parameters."""
    values_of, found = vocabulary(world), []
    clients = []
    for role in ("staff", "reviewer"):
        clients.append(Client())
        login(clients[-1], world[role])
    for name, route, converters in ROUTES:
        if not route.endswith(".xlsx"):
            continue
        keys = [k for k in converters if k != "pk"]
        for values in itertools.product(*(values_of[k] for k in keys)):
            kwargs = dict(zip(keys, values, strict=True))
            found += _first_download(clients, world, name, converters, kwargs)
    return found


def _first_download(clients, world, name, converters, kwargs):
    for client in clients:
        for pk in record_pks(name, world) if "pk" in converters else [None]:
            url = reverse(name, kwargs=kwargs | ({} if pk is None else {"pk": pk}))
            if client.get(url)["Content-Type"] == XLSX_CONTENT_TYPE:
                return [(client, url)]
    return []


def _route_name(url):
    match = resolve(url)
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


def test_a_name_beginning_with_a_formula_sign_is_text_in_every_xlsx_download(
    client, world, uploads
):
    """Each example imports a row whose names begin with = + - @ through every import
    that takes a name, then opens every .xlsx the project answers: not one cell is a
    formula, and the name comes back, as text, in at least one of them."""
    login(client, world["staff"])
    downloads = _downloads(world)
    routes = {r[0] for r in ROUTES if r[1].endswith(".xlsx")}
    assert {_route_name(url) for _, url in downloads} == routes, "a download opens for no one"
    takers = [u for u in uploads if NAME_COLUMNS & set(u.columns) and u.takes_rows]

    @settings(max_examples=3, **FUZZ)
    @given(name=formula_names, data=st.data())
    def download(name, data):
        with transaction.atomic():
            # a receipt's campaign names an existing one: the campaign gets the name too
            today = timezone.localdate()
            campaign_create(user=None, name=name, starts_on=today, ends_on=today)
            for upload in takers:
                row = [
                    name if c in NAME_COLUMNS else data.draw(upload.valid[c])
                    for c in upload.columns
                ]
                response = upload.post(client, xlsx(upload.columns, [row]))
                assert response.status_code == 302, _alerts(response.content.decode())
            found = []
            for reader, url in downloads:
                book = openpyxl.load_workbook(io.BytesIO(reader.get(url).content), read_only=True)
                for sheet in book.worksheets:
                    for row in sheet.iter_rows():
                        for cell in row:
                            assert cell.data_type != "f", f"{url} wrote a formula: {cell.value}"
                            if cell.value == name:
                                found.append(url)
            assert found, f"no download shows {name!r}"
            transaction.set_rollback(True)

    download()


# --- one name in both normal forms -----------------------------------------------------

WORDS = ["Nguyễn", "Văn", "Ấm", "Lò", "Thị", "Hoa", "Đặng", "Ưng", "Hữu", "Quỳnh", "Ngọc", "Tè"]
vietnamese = st.lists(st.sampled_from(WORDS), min_size=2, max_size=4).map(" ".join)
forms = st.sampled_from(["NFC", "NFD"])


def _upload(uploads, route, **kwargs):
    return next(u for u in uploads if u.route == route and kwargs.items() <= kwargs_of(u).items())


def test_a_member_imported_in_one_normal_form_is_found_by_a_search_typed_in_the_other(
    client, world, uploads
):
    """The village form is tried the same way in test_hostile_input.py (NFD and NFC
    spellings are the same village); here through the import and the register's search."""
    login(client, world["staff"])
    upload = _upload(uploads, "members:import")

    @settings(max_examples=6, **FUZZ)
    @given(
        words=vietnamese,
        number_=st.integers(10**5, 10**6),
        imported=forms,
        typed=forms,
        data=st.data(),
    )
    def search(words, number_, imported, typed, data):
        name = f"{words} {number_}"
        row = [data.draw(upload.valid[c]) for c in upload.columns]
        row[upload.columns.index("Họ và tên")] = unicodedata.normalize(imported, name)
        with transaction.atomic():
            response = upload.post(client, workbook_bytes([("Hội viên", upload.columns, [row])]))
            assert response.status_code == 302
            member = Member.objects.filter(commune=world["mine"]).latest("pk")
            assert member.full_name == unicodedata.normalize("NFC", name)
            url = reverse("members:list", args=[world["mine"].code])
            page = client.get(url, {"q": unicodedata.normalize(typed, name)}).content.decode()
            assert member.member_number in page, f"{typed} search missed the {imported} name"
            transaction.set_rollback(True)

    search()


def test_a_household_registered_in_one_normal_form_is_the_household_stored_in_the_other(
    client, world, uploads
):
    """A household entered in one normal form, then listed in an import in the same or
    the other (its village too): the import registers that household, not a second."""
    login(client, world["staff"])
    next_year = timezone.localdate().year + 1
    upload = _upload(uploads, "titles:import_registrations", title="household", year=next_year)
    year, commune = kwargs_of(upload)["year"], world["mine"]
    villages = Village.objects.filter(commune=commune, is_active=True)
    village = villages.get(name=unique_names(list(villages.values_list("name", flat=True)))[0])

    @settings(max_examples=6, **FUZZ)
    @given(words=vietnamese, entered=forms, imported=forms)
    def register(words, entered, imported):
        name = f"{words} Khuyến"
        with transaction.atomic():
            household = titles_services.household_create(
                user=world["staff"],
                commune=commune,
                village=village,
                head_name=unicodedata.normalize(entered, name),
                members=4,
            )
            assert household.head_name == unicodedata.normalize("NFC", name)
            row = [unicodedata.normalize(imported, text) for text in (name, village.name)]
            columns = ["Chủ hộ", "Thôn, bản, tổ", "Số nhân khẩu"]
            response = upload.post(client, workbook_bytes([("Danh sách", columns, [[*row, 4]])]))
            assert response.status_code == 302, _alerts(response.content.decode())
            same = Household.objects.filter(commune=commune, name_folded=fold(name))
            assert list(same.values_list("pk", flat=True)) == [household.pk]
            assert Registration.objects.filter(
                commune=commune, year=year, title="household", household=household
            ).exists()
            transaction.set_rollback(True)

    register()
