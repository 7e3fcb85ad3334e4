"""Hostile input: random bytes, formulas, huge and invisible characters, markup, both
Unicode normal forms. Never a 500, never a partial write."""

import io
import unicodedata

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khuyenhoc.areas import services
from khuyenhoc.areas.models import Village
from khuyenhoc.core.sheets.spreadsheets import (
    ImportRejected,
    clean_text,
    read_sheet,
    safe_text,
    workbook_bytes,
)
from khuyenhoc.core.text import fold, refold
from tests.factories import login, once

pytestmark = pytest.mark.django_db

HEADERS = ["Tên thôn, bản, tổ dân phố", "Loại"]
NASTY = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        [
            '=HYPERLINK("http://x","bấm")',
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "<script>alert(1)</script>",
            "Bản\u202eMòng",
            "\u200fBản Nà",
            "Bản\x00Nà\x07",
            "Bản " + "Mòng" * 2500,
            unicodedata.normalize("NFD", "Bản Mòng Nguyễn"),
        ]
    ),
)
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes_as_a_sheet_are_refused_cleanly(data):
    with pytest.raises(ImportRejected):
        read_sheet(data, headers={"name": HEADERS[0], "kind": HEADERS[1]})


@FUZZ
@given(names=st.lists(NASTY, min_size=1, max_size=6))
def test_hostile_village_sheets_import_all_rows_or_none_and_never_fail(
    client, staff_a, commune_a, names
):
    login(client, staff_a)
    before = Village.objects.filter(commune=commune_a).count()
    sheet = workbook_bytes([("Thôn", HEADERS, [[name, "Bản"] for name in names])])
    url = reverse("areas:village_import", args=[commune_a.code])
    response = client.post(url, once({"file": SimpleUploadedFile("t.xlsx", sheet)}))
    after = Village.objects.filter(commune=commune_a).count()
    assert response.status_code in (200, 302)
    if response.status_code == 302 and "?tep=" in response["Location"]:
        assert after == before  # a name an earlier example imported: previewed first
    elif response.status_code == 302:
        assert after > before  # imported every row…
    else:
        assert after == before  # …or none
        assert "Chưa nhập dòng nào." in response.content.decode()
    for village in Village.objects.filter(commune=commune_a):
        assert village.name == unicodedata.normalize("NFC", village.name)
        assert not any(ch in village.name for ch in "\x00\x07\u202e\u200f")
    Village.objects.filter(commune=commune_a).delete()


def test_markup_in_a_name_is_escaped_on_the_page(client, staff_a, commune_a):
    services.village_create(
        user=staff_a, commune=commune_a, name="<script>alert(1)</script>", kind="ban"
    )
    login(client, staff_a)
    page = client.get(reverse("areas:commune", args=[commune_a.code])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    "mark", ["\x00", "\x1b", "\x7f", "\x85", "\x96", "\u061c", "\u200f", "\u202e", "\u2067"]
)
def test_an_imported_name_loses_its_control_characters_and_direction_marks(mark):
    """C1 controls and the Arabic letter mark were kept until test_hostile_imports.py had
    a payout store a beneficiary whose name held U+0096."""
    assert clean_text(f"Lò{mark}Thị Hoa", max_length=120) == "LòThị Hoa"
    assert safe_text(f"{mark}Lò Thị Hoa") == "Lò Thị Hoa"


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-1", "@cmd", '=HYPERLINK("x")'])
def test_exported_cells_that_look_like_formulas_stay_text(text):
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes([("S", ["Tên"], [[text]])])))
    cell = book.active["A2"]
    assert cell.value == text and cell.data_type == "s"


def test_nfc_and_nfd_spellings_are_the_same_village(client, staff_a, commune_a):
    nfc = "Bản Mòng Nguyễn"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    services.village_create(user=staff_a, commune=commune_a, name=nfd, kind="ban")
    stored = Village.objects.get(commune=commune_a)
    assert stored.name == nfc and stored.name_folded == fold(nfc) == fold(nfd)
    login(client, staff_a)
    response = client.post(
        reverse("areas:village_create", args=[commune_a.code]), {"name": nfc, "kind": "ban"}
    )
    assert "Xã đã có thôn, bản, tổ dân phố mang tên này." in response.content.decode()
    assert Village.objects.filter(commune=commune_a).count() == 1


@FUZZ
@given(name=st.text())
def test_a_folded_name_is_never_longer_than_the_name(name):
    assert len(fold(name)) <= len(unicodedata.normalize("NFC", name))


def test_a_village_named_in_hangul_is_imported_and_found_by_its_folded_name(
    client, staff_a, commune_a
):
    """Found by tests/trust/test_hostile_imports.py: each Hangul syllable folded into two
    or three letters, so a name of 120 syllables (or of 41) overflowed name_folded and the
    import answered a server error."""
    name = "한" * 120
    login(client, staff_a)
    sheet = workbook_bytes([("Thôn", HEADERS, [[name, "Bản"]])])
    url = reverse("areas:village_import", args=[commune_a.code])
    response = client.post(url, once({"file": SimpleUploadedFile("t.xlsx", sheet)}))
    assert response.status_code == 302
    assert Village.objects.get(commune=commune_a, name_folded=fold(name)).name == name


def test_names_folded_before_hangul_was_composed_again_are_folded_again(staff_a, commune_a):
    village = services.village_create(user=staff_a, commune=commune_a, name="Bản 한국", kind="ban")
    old_way = "ban " + unicodedata.normalize("NFD", "한국")
    Village.objects.filter(pk=village.pk).update(name_folded=old_way)
    assert refold(Village, "name") == 1
    village.refresh_from_db()
    assert village.name_folded == "ban 한국" == fold("BẢN 한국")


@FUZZ
@given(value=st.one_of(st.text(max_size=30), st.integers(), st.just("9" * 40)))
def test_any_text_in_a_denominator_field_is_a_form_error_or_saved_never_a_500(
    client, staff_a, commune_a, value
):
    login(client, staff_a)
    url = reverse("areas:denominator", args=[commune_a.code, 2026])
    response = client.post(url, {"population": str(value), "households": "10"})
    assert response.status_code in (200, 302)
