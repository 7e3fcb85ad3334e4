import pytest

from khuyenhoc.areas import services
from khuyenhoc.core.sheets.spreadsheets import workbook_bytes
from khuyenhoc.submissions.previews import ImportNeedsChoice

pytestmark = pytest.mark.django_db


def sheet(rows):
    return workbook_bytes([("Thôn bản", ["Tên thôn, bản, tổ dân phố", "Loại"], rows)])


def test_villages_imported_again_are_previewed_and_skipping_adds_only_the_new_one(
    staff_a, commune_a
):
    rows = [["Bản Nà", "Bản"], ["Tổ dân phố 3", "Tổ dân phố"]]
    assert services.villages_import(user=staff_a, commune=commune_a, data=sheet(rows)).created == 2
    again = sheet([["ban na", "Bản"], ["Tổ dân phố 3", "Thôn"], ["Bản Mới", "Bản"]])
    with pytest.raises(ImportNeedsChoice) as caught:
        services.villages_import(user=staff_a, commune=commune_a, data=again)
    assert caught.value.preview.counts == {"new": 1, "same": 1, "changed": 1}
    assert caught.value.preview.rows["changed"][0][2] == "Loại"
    outcome = services.villages_import(
        user=staff_a, commune=commune_a, data=again, skip_existing=True
    )
    assert (outcome.created, outcome.skipped) == (1, 2)
    assert commune_a.villages.count() == 3
