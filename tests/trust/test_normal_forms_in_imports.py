"""A name typed in either Unicode normal form (NFC, NFD) is the same name once imported:
a member is found by a search typed in the other form, and a household listed in an
import in the other form is the household already stored, not a second one. The imports
are the ones the staff pages offer (tests/trust/uploads.py discovers them)."""

import unicodedata

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from khuyenhoc.areas.models import Village
from khuyenhoc.core.sheets.spreadsheets import workbook_bytes
from khuyenhoc.core.text import fold
from members.models import Member
from tests.factories import login
from tests.trust.test_hostile_imports import _alerts
from tests.trust.uploads import FUZZ, discovered_uploads, kwargs_of, unique_names  # noqa: F401
from titles import services as titles_services
from titles.models import Household, Registration

pytestmark = pytest.mark.django_db

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
