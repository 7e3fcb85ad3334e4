"""Money written twice: a receipt form sent twice at the same moment, a donation list
imported again, one sheet naming a donation or a child twice."""

import threading
import time
from io import BytesIO
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from funds import imports, services
from funds.models import Beneficiary, Payout, Receipt
from khuyenhoc.core.sheets.spreadsheets import ImportRejected
from khuyenhoc.submissions.once import ALREADY_SENT
from khuyenhoc.submissions.previews import ImportNeedsChoice
from tests.factories import login, once
from tests.funds.sheets import RECEIPT_TITLES, receipt_row, xlsx


def donations(day):
    return [
        receipt_row(day),
        receipt_row(day, donor="Công ty ABC", category="doanh nghiệp", amount="2.000.000"),
        receipt_row(day, donor="", category="ẩn danh", amount="50.000"),
    ]


@pytest.mark.django_db
def test_a_donation_list_imported_again_is_previewed_and_skipping_records_only_new_rows(
    staff_a, fund_a, this_year
):
    day = f"01/03/{this_year}"
    data = xlsx(RECEIPT_TITLES, donations(day))
    assert imports.receipts_import(user=staff_a, fund=fund_a, data=data).created == 3
    again = xlsx(
        RECEIPT_TITLES,
        [*donations(day)[::2], receipt_row(day, donor="Công ty ABC", category="tổ chức",
                                           amount="2.000.000"), receipt_row(day, donor="Bà Mới")],
    )  # fmt: skip
    with pytest.raises(ImportNeedsChoice) as caught:
        imports.receipts_import(user=staff_a, fund=fund_a, data=again)
    preview = caught.value.preview
    assert preview.counts == {"new": 1, "same": 2, "changed": 1}
    assert preview.rows["changed"][0][2] == "Loại"
    assert "cùng số tiền" in preview.rule
    outcome = imports.receipts_import(user=staff_a, fund=fund_a, data=again, skip_existing=True)
    assert (outcome.created, outcome.skipped) == (1, 3)
    assert Receipt.objects.count() == 4


@pytest.mark.django_db
def test_a_reversed_receipt_is_not_already_there(staff_a, fund_a, this_year):
    data = xlsx(RECEIPT_TITLES, [receipt_row(f"01/03/{this_year}")])
    imports.receipts_import(user=staff_a, fund=fund_a, data=data)
    services.entry_reverse(user=staff_a, entry=Receipt.objects.get(), reason="Ghi nhầm quỹ")
    assert imports.receipts_import(user=staff_a, fund=fund_a, data=data).created == 1


@pytest.mark.django_db
def test_a_donation_listed_twice_in_one_sheet_is_refused_with_both_rows(staff_a, fund_a, this_year):
    day = f"01/03/{this_year}"
    rows = [*donations(day), receipt_row(day, donor="ông lường văn tâm")]
    with pytest.raises(ImportRejected) as caught:
        imports.receipts_import(user=staff_a, fund=fund_a, data=xlsx(RECEIPT_TITLES, rows))
    assert [str(e) for e in caught.value.errors] == [
        f"Dòng 5 trùng với dòng 2: {day}, ông lường văn tâm, 1.000.000 đ (hai lần ủng hộ thì "
        "gộp vào một dòng)"
    ]
    assert not Receipt.objects.exists()


@pytest.mark.django_db
def test_a_child_listed_twice_in_a_payout_sheet_is_refused_and_nothing_is_paid(
    client, staff_a, fund_a, today
):
    login(client, staff_a)
    data = xlsx(
        list(imports.BENEFICIARY_HEADERS.values()),
        [
            ["Lò Văn A", "THPT Chiềng Sinh", "10A1", "500.000", ""],
            ["Cà Thị B", "THPT Chiềng Sinh", "11A2", "", ""],
            ["LO VAN A", "THPT Chiềng Sinh", "10a1", "300.000", ""],
        ],
    )
    sheet = BytesIO(data)
    sheet.name = "hoc-bong.xlsx"
    fields = {"date": today.isoformat(), "kind": "hoc_bong", "default_amount": "400.000"}
    response = client.post(
        reverse("funds:payout_create", args=[fund_a.pk]), once({**fields, "sheet": sheet})
    )
    assert response.status_code == 200
    assert (
        "Dòng 4 trùng với dòng 2: LO VAN A (THPT Chiềng Sinh, lớp 10a1) đã có trong danh "
        "sách: một người chỉ nhận một suất trong một phiếu chi"
    ) in response.content.decode()
    assert not Payout.objects.exists() and not Beneficiary.objects.exists()


@pytest.mark.django_db
def test_a_pasted_list_naming_a_child_twice_is_refused_and_the_service_refuses_it_too(
    staff_a, fund_a, today
):
    with pytest.raises(ImportRejected) as caught:
        imports.beneficiaries_from_text(
            "Lò Văn A; THCS Chiềng Lề; 7A\nCà Thị B\nlò văn a; thcs chiềng lề; 7a"
        )
    assert str(caught.value.errors[0]).startswith("Dòng 3 trùng với dòng 1: lò văn a")
    twins = [{"name": "Lò Văn A", "school": "THCS"}, {"name": "Lò Văn A", "school": "THCS"}]
    with pytest.raises(ValidationError, match="Người nhận thứ 2 trùng với người thứ 1"):
        services.payout_record(
            user=staff_a, fund=fund_a, date=today, kind="hoc_bong", beneficiaries=twins,
            default_amount=100_000,
        )  # fmt: skip
    two_schools = [{"name": "Lò Văn A", "school": "THCS"}, {"name": "Lò Văn A", "school": "THPT"}]
    payout = services.payout_record(
        user=staff_a, fund=fund_a, date=today, kind="hoc_bong", beneficiaries=two_schools,
        default_amount=100_000,
    )  # fmt: skip
    assert payout.portions == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two real connections")
def test_two_simultaneous_posts_of_one_receipt_form_write_one_receipt(staff_a, fund_a, today):
    url = reverse("funds:receipt_create", args=[fund_a.pk])
    data = once(
        {"date": today.isoformat(), "donor_category": "person", "donor_name": "Bà Lò Thị Nhấn",
         "amount": "300.000"}
    )  # fmt: skip
    start, answers, errors = threading.Barrier(2), [], []
    record = services.receipt_record

    def slow_record(**kwargs):
        receipt = record(**kwargs)
        time.sleep(0.5)  # the other request arrives while this one holds the token
        return receipt

    def press():
        try:
            client = Client()
            login(client, staff_a)
            start.wait()
            answers.append(client.post(url, data, follow=True))
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    with mock.patch.object(services, "receipt_record", slow_record):
        threads = [threading.Thread(target=press) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert errors == []
    receipt = Receipt.objects.get()
    assert [a.redirect_chain[-1][0] for a in answers] == [
        reverse("funds:receipt", args=[receipt.pk])
    ] * 2
    pages = [a.content.decode() for a in answers]
    assert sum(ALREADY_SENT in page for page in pages) == 1
    assert sum("Đã ghi phiếu thu số 1/" in page for page in pages) == 1
