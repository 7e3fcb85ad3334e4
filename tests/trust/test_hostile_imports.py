"""Every Excel import of the data apps, fed random bytes and sheets of hostile cells under
its own template's headers: never a 500, never a partial write."""

import io
import os
import random

import openpyxl
import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from khuyenhoc.spreadsheets import workbook_bytes
from tests.factories import login

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://x","bấm")',
    "+1+1",
    "@SUM(A1)",
    "<script>alert(1)</script>",
    "Nguyễn\u202eVăn A",
    "\u200fLò Thị Hoa",
    "Lò\x00Thị\x07",
    "Nguyễn Văn " + "A" * 10_000,
    "nguye\u0302\u0303n va\u0306n a",  # NFD
    "-5",
    "1,5",
    "99999999999999999999",
    "31/02/2024",
    "",
]


def _imports(world):
    from funds.models import Fund

    code = world["mine"].code
    fund = Fund.objects.for_user(world["staff"]).order_by("pk").first()
    titles_args = [code, 2026, "household"]
    return [
        ("members:import", [code], reverse("members:template", args=[code])),
        (
            "titles:import_registrations",
            titles_args,
            reverse("titles:import_template", args=titles_args),
        ),
        ("titles:import_scores", titles_args, None),
        ("funds:receipts_import", [fund.pk], reverse("funds:blank_sheet", args=["thu"])),
    ]


def _file_field(page):
    import re

    match = re.search(r'<input[^>]*type="file"[^>]*name="([^"]+)"', page) or re.search(
        r'<input[^>]*name="([^"]+)"[^>]*type="file"', page
    )
    assert match, "the import page has a file field"
    return match.group(1)


def _row_counts():
    labels = ("members", "titles", "funds", "areas")
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in labels and not m._meta.label.startswith("areas.Legacy")
    }


def _headers(client, template_url):
    if template_url is None:
        return ["Mã", "Họ tên", "Điểm"]
    book = openpyxl.load_workbook(io.BytesIO(client.get(template_url).content))
    return [cell.value for cell in next(book.active.iter_rows(max_row=1))]


def test_every_import_refuses_random_bytes_and_hostile_sheets_without_writing(client, world):
    login(client, world["staff"])
    rng = random.Random(2026)
    before = _row_counts()
    for name, args, template_url in _imports(world):
        url = reverse(name, args=args)
        field = _file_field(client.get(url).content.decode())
        headers = _headers(client, template_url)
        uploads = [os.urandom(2048), b"PK\x03\x04" + os.urandom(500), b""]
        for _ in range(6):
            rows = [[rng.choice(HOSTILE) for _ in headers] for _ in range(rng.randint(1, 5))]
            uploads.append(workbook_bytes([("Danh sách", headers, rows)]))
        for content in uploads:
            response = client.post(url, {field: SimpleUploadedFile("danh-sach.xlsx", content)})
            assert response.status_code in (200, 302), f"{name} answered {response.status_code}"
            if response.status_code == 200:
                assert "<script>alert(1)</script>" not in response.content.decode()
            assert _row_counts() == before, f"{name} wrote rows from a hostile file"
