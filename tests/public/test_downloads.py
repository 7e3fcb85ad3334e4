import csv
import io

from openpyxl import load_workbook

from khuyenhoc.areas.models import Commune


def test_the_csv_starts_with_a_bom_and_holds_the_overview_of_the_year(client, seeded):
    response = client.get("/thong-ke/du-lieu.csv?nam=2025")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    head = rows[0]
    assert head[:2] == ["Mã", "Tên"]
    communes = Commune.objects.filter(province_id=seeded[0].province_id).count()
    assert len(rows) == 1 + communes + 1  # header, every commune, the province
    first = next(r for r in rows if r[0] == f"{seeded[0].code:05d}")  # codes keep their zeros
    assert first[head.index("Gia đình học tập: được công nhận")] == "2000"
    assert first[head.index("Gia đình học tập: tỷ lệ công nhận (%)")] == "80"
    assert rows[-1][1].startswith("Toàn tỉnh")


def test_the_xlsx_holds_the_same_table(client, seeded):
    response = client.get("/thong-ke/du-lieu.xlsx?nam=2026")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    head = list(rows[0])
    first = next(r for r in rows if r[0] == f"{seeded[0].code:05d}")  # a text cell
    assert first[1] == seeded[0].name
    assert first[head.index("Gia đình học tập: được công nhận")] == 2000
    assert first[head.index("Hội viên cuối năm")] == 1500


def test_downloads_of_an_unknown_year_give_404_and_of_a_legacy_year_the_old_units(client, seeded):
    assert client.get("/thong-ke/du-lieu.csv?nam=1980").status_code == 404
    assert client.get("/thong-ke/du-lieu.xlsx?nam=abc").status_code == 200
