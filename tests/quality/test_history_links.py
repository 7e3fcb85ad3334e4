"""Members, receipts and annual reports link to their history from their own page, and
the history names each field changed, in Vietnamese formats (a year stays 1980)."""

import datetime

import pytest
from django.urls import reverse

from khuyenhoc.reports import services as report_services
from members import services as member_services
from tests.factories import login
from tests.funds.conftest import give, today  # noqa: F401
from tests.members.conftest import add_member, branch_a, commune_branch_a, village_a  # noqa: F401

pytestmark = pytest.mark.django_db


def _history(client, record):
    url = reverse("areas:history", args=[record._meta.label, record.pk])
    return url, client.get(url).content.decode()


def test_a_member_s_page_links_its_history_which_names_each_changed_field(
    client,
    staff_a,
    commune_a,
    branch_a,  # noqa: F811
):
    member = add_member(staff_a, branch_a, name="Lò Văn Hưng", birth_year=1980)
    member_services.member_update(user=staff_a, member=member, birth_year=1981, phone="0912345678")
    login(client, staff_a)
    url, history = _history(client, member)
    page = client.get(reverse("members:edit", args=[commune_a.code, member.pk])).content.decode()
    assert f'href="{url}"' in page
    assert "Năm sinh</strong>: 1980 → 1981" in history
    assert "</strong>: (trống) → 0912345678" in history
    assert "Lưu lại với cùng giá trị" not in history


def test_a_receipt_and_an_annual_report_link_their_history(
    client,
    staff_a,
    commune_a,
    give,  # noqa: F811
):
    receipt = give(1_500_000)
    year = datetime.date.today().year
    for text in ("Mở 3 lớp xóa mù chữ.", "Mở 5 lớp xóa mù chữ."):
        report = report_services.report_narrative_save(
            user=staff_a,
            commune=commune_a,
            year=year,
            highlights=text,
            difficulties="",
            proposals="",
        )
    login(client, staff_a)
    url, history = _history(client, receipt)
    page = client.get(reverse("funds:receipt", args=[receipt.pk])).content.decode()
    assert f'href="{url}"' in page
    assert "Tạo mới" in history and "1.500.000" in history
    url, history = _history(client, report)
    page = client.get(reverse("reports:commune", args=[commune_a.code, year])).content
    assert f'href="{url}"' in page.decode()
    assert "Mở 3 lớp xóa mù chữ. → Mở 5 lớp xóa mù chữ." in history
    assert "Sửa phần thuyết minh" in history
