"""The pages of the counts declared without a named list: the phone form, the Excel
import (per-row errors, all or nothing, preview), the staff page comparing them with
the named lists, and the public commune page and report saying where a figure comes from."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from khuyenhoc.core.sheets.spreadsheets import ImportRejected, workbook_bytes
from khuyenhoc.submissions.previews import ImportNeedsChoice
from tests.factories import login, once
from titles.declared_services import (
    Count,
    declared_counts_import,
    declared_counts_save,
    sheet_headers,
)
from titles.models import DeclaredCount

from .conftest import YEAR, household_registered

pytestmark = pytest.mark.django_db


def sheet(rows):
    headers = list(sheet_headers().values())
    return workbook_bytes(
        [("Số lượng", headers, [r + [""] * (len(headers) - len(r)) for r in rows])]
    )


def test_the_form_saves_two_numbers_per_village_and_refuses_a_half_filled_line(
    client, staff_a, commune_a, village_a, village_c, denominators
):
    login(client, staff_a)
    url = reverse("titles:declared_edit", args=[commune_a.code, YEAR, "household"])
    page = client.get(url)
    assert (
        "Thôn Nà Lếch" in page.content.decode() and 'inputmode="numeric"' in page.content.decode()
    )

    half = client.post(url, {f"reg_{village_a.pk}": "12"})
    assert "Cần cả số đăng ký và số được công nhận" in half.content.decode()
    assert not DeclaredCount.objects.exists()

    above = client.post(url, {f"reg_{village_a.pk}": "12", f"rec_{village_a.pk}": "13"})
    assert "lớn hơn số đăng ký" in above.content.decode()

    done = client.post(url, {f"reg_{village_a.pk}": "12", f"rec_{village_a.pk}": "9"})
    assert done.status_code == 302
    row = DeclaredCount.objects.get()
    assert (row.village, row.registered, row.recognised) == (village_a, 12, 9)


def test_the_import_reports_every_bad_row_and_writes_nothing(
    staff_a, commune_a, village_a, denominators
):
    bad = sheet(
        [
            ["Thôn Nà Lếch", "10", "12"],
            ["Bản Không Có", "1", "1"],
            ["thon na lech", "1", "0"],
        ]
    )
    with pytest.raises(ImportRejected) as caught:
        declared_counts_import(user=staff_a, commune=commune_a, year=YEAR, data=bad)
    text = " ".join(str(e) for e in caught.value.errors)
    assert "Dòng 2" in text and "lớn hơn số đăng ký" in text
    assert "Dòng 3" in text and "Bản Không Có" in text
    assert "Dòng 4 trùng với dòng 2" in text
    assert not DeclaredCount.objects.exists()


def test_the_import_previews_villages_already_declared_and_skipping_writes_only_new_rows(
    staff_a, commune_a, village_a, village_c, denominators
):
    declared_counts_save(
        user=staff_a,
        commune=commune_a,
        year=YEAR,
        title="citizen",
        counts={village_a.pk: Count(100, 80)},
    )
    data = sheet([["Thôn Nà Lếch", "100", "70"], ["ban cang", "50", "40", "20", "10"]])
    with pytest.raises(ImportNeedsChoice) as caught:
        declared_counts_import(user=staff_a, commune=commune_a, year=YEAR, data=data)
    assert caught.value.preview.counts == {"new": 1, "same": 0, "changed": 1}
    outcome = declared_counts_import(
        user=staff_a, commune=commune_a, year=YEAR, data=data, skip_existing=True
    )
    assert (outcome.created, outcome.skipped) == (1, 1)
    counts = {
        (r.village_id, r.title): (r.registered, r.recognised) for r in DeclaredCount.objects.all()
    }
    assert counts == {
        (village_a.pk, "citizen"): (100, 80),
        (village_c.pk, "citizen"): (50, 40),
        (village_c.pk, "household"): (20, 10),
    }


def test_an_import_above_the_denominator_is_refused_whole(
    staff_a, commune_a, village_a, village_c, denominators
):
    data = sheet([["Thôn Nà Lếch", "", "", "200", "100"], ["Bản Cang", "", "", "51", "1"]])
    with pytest.raises(ImportRejected, match="lớn hơn số hộ gia đình"):
        declared_counts_import(user=staff_a, commune=commune_a, year=YEAR, data=data)
    assert not DeclaredCount.objects.exists()


def test_the_import_page_writes_a_clean_sheet_at_once(
    client, staff_a, commune_a, village_a, denominators
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, staff_a)
    url = reverse("titles:declared_import", args=[commune_a.code, YEAR])
    upload = SimpleUploadedFile("so-luong.xlsx", sheet([["Thôn Nà Lếch", "30", "20"]]))
    response = client.post(url, once({"file": upload}))
    assert response.status_code == 302
    assert DeclaredCount.objects.get().registered == 30
    template = client.get(reverse("titles:declared_template", args=[commune_a.code, YEAR]))
    assert template.content[:2] == b"PK"


def test_reviewers_see_the_difference_between_a_village_s_count_and_its_named_list(
    client, staff_a, reviewer, commune_a, village_a, denominators
):
    declared_counts_save(
        user=staff_a,
        commune=commune_a,
        year=YEAR,
        title="household",
        counts={village_a.pk: Count(40, 30)},
    )
    household_registered(staff_a, commune_a, village_a, "Lò Văn Sơn")
    login(client, reviewer)
    html = client.get(
        reverse("titles:declared", args=[commune_a.code]), {"nam": YEAR}
    ).content.decode()
    assert "40 / 30" in html  # declared
    assert "1 / 0" in html  # the named list
    assert "-39 / -30" in html  # the difference
    assert "Khai báo, sửa" not in html  # reviewers read, the commune writes


def test_the_public_page_and_the_report_say_a_figure_is_declared(
    client, settings, staff_a, commune_a, village_a, denominators
):
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.PUBLIC_TOTALS_CACHE_SECONDS = 0
    declared_counts_save(
        user=staff_a,
        commune=commune_a,
        year=YEAR,
        title="household",
        counts={village_a.pk: Count(40, 30)},
    )
    html = client.get(
        reverse("stats:commune", args=[commune_a.code]), {"nam": YEAR}
    ).content.decode()
    row = html[html.index("Gia đình học tập") :].split("</tr>")[0]
    assert ">30<" in row and ">40<" in row and "tổng hợp" in row
    assert "Thôn Nà Lếch" not in row

    login(client, staff_a)
    report = client.get(reverse("reports:commune", args=[commune_a.code, YEAR])).content.decode()
    line = report[report.index('data-key="household"') :].split("</tr>")[0]
    assert "(tổng hợp)" in line and ">30<" in line


def test_the_titles_page_warns_when_a_named_list_differs_from_the_declared_count(
    client, staff_a, commune_a, village_a, denominators
):
    declared_counts_save(
        user=staff_a,
        commune=commune_a,
        year=YEAR,
        title="household",
        counts={village_a.pk: Count(40, 30)},
    )
    login(client, staff_a)
    url = reverse("titles:commune", args=[commune_a.code])
    assert "khác số lượng đã khai báo" not in client.get(url, {"nam": YEAR}).content.decode()
    household_registered(staff_a, commune_a, village_a, "Lò Văn Sơn")
    assert "khác số lượng đã khai báo" in client.get(url, {"nam": YEAR}).content.decode()


def test_years_before_the_reform_are_declared_per_old_commune_not_per_village(
    staff_a, commune_a, village_a
):
    with pytest.raises(ValidationError, match="đơn vị hành chính cũ"):
        declared_counts_save(
            user=staff_a,
            commune=commune_a,
            year=2024,
            title="household",
            counts={village_a.pk: Count(4, 3)},
        )
