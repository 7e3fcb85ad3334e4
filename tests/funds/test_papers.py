"""The papers people sign: national header, the association, number and date, the amount
in words, signature blocks; the signature list has a line per portion."""

import pytest
from django.urls import reverse

from funds import services
from funds.papers import amount_in_words
from tests.factories import login

pytestmark = pytest.mark.django_db

HEADER = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (2_189_200_000, "Hai tỷ một trăm tám mươi chín triệu hai trăm nghìn đồng"),
        (500_000, "Năm trăm nghìn đồng"),
        (21_000, "Hai mươi mốt nghìn đồng"),
        (205_000, "Hai trăm lẻ năm nghìn đồng"),
        (1_000_050, "Một triệu không trăm năm mươi đồng"),
        (2_005, "Hai nghìn không trăm lẻ năm đồng"),
        (1_014, "Một nghìn không trăm mười bốn đồng"),
        (1_001_000_000, "Một tỷ không trăm lẻ một triệu đồng"),
        (1_500_000_000_000, "Một nghìn năm trăm tỷ đồng"),
        (10**15, "Một triệu tỷ đồng"),
    ],
)
def test_amounts_read_in_words_as_the_accounts_write_them(amount, words):
    assert amount_in_words(amount) == words


def test_the_receipt_has_the_national_header_the_association_and_the_amount_in_words(
    client, staff_a, give, fund_a
):
    receipt = give(2_189_200_000, campaign="Tháng Khuyến học")
    login(client, staff_a)
    page = client.get(reverse("funds:receipt", args=[receipt.pk])).content.decode()
    for text in [*HEADER, fund_a.branch.name.upper(), "PHIẾU THU", f"Số: <strong>1/{receipt.year}"]:
        assert text in page, text
    assert "Hai tỷ một trăm tám mươi chín triệu hai trăm nghìn đồng" in page
    assert "Người nộp tiền" in page and "Thủ quỹ" in page and "(ký, ghi rõ họ tên)" in page


def test_a_batch_prints_a_voucher_in_words_and_a_signature_line_per_portion(
    client, staff_a, staff_b, batch
):
    services.payout_names_add(user=staff_a, payout=batch, beneficiaries=[{"name": "Lò Thị Ánh"}])
    login(client, staff_a)
    voucher = client.get(reverse("funds:payout_voucher", args=[batch.pk])).content.decode()
    for text in [*HEADER, "PHIẾU CHI", "Hai triệu đồng", "4 suất × 500.000 đ", "Người nhận tiền"]:
        assert text in voucher, text
    sheet = client.get(reverse("funds:payout_sign_list", args=[batch.pk]))
    page = sheet.content.decode()
    assert "DANH SÁCH KÝ NHẬN" in page and "Lò Thị Ánh" in page
    assert sheet.context["blanks"] == range(2, 5)  # one named line, three to sign by hand
    assert page.count('<td class="sign"></td>') == 4 and "Cộng: 4 suất" in page
    login(client, staff_b)
    for name in ("funds:payout_voucher", "funds:payout_sign_list"):
        assert client.get(reverse(name, args=[batch.pk])).status_code == 404


def test_each_recipient_of_a_payout_gets_a_certificate_with_the_amount_in_words(
    client, staff_a, staff_b, batch
):
    services.payout_names_add(
        user=staff_a, payout=batch,
        beneficiaries=[{"name": "Lò Thị Ánh", "grade": "8A"}, {"name": "Quàng Văn Bình"}],
    )  # fmt: skip
    login(client, staff_a)
    payout_page = client.get(reverse("funds:payout", args=[batch.pk])).content.decode()
    url = reverse("funds:payout_certificates", args=[batch.pk])
    assert url in payout_page and "In giấy chứng nhận" in payout_page
    page = client.get(url).content.decode()
    for text in [
        *HEADER,
        "GIẤY CHỨNG NHẬN",
        f"Số: <strong>{batch.number}.1/{batch.year}/GCN-KH</strong>",
        f"Số: <strong>{batch.number}.2/{batch.year}/GCN-KH</strong>",
        f"Ngày {batch.date:%d} tháng {batch.date:%m} năm {batch.date:%Y}",
        "<strong>Lò Thị Ánh</strong>",
        "Trường THCS Chiềng Lề, lớp 8A",
        "Học bổng THCS",
        "500.000 đ",
        "Năm trăm nghìn đồng",
        "TM. Ban Chấp hành, Chủ tịch Hội",
    ]:
        assert text in page, text
    assert page.count('class="paper certificate"') == 2 and "Quàng Văn Bình" in page
    login(client, staff_b)
    assert client.get(url).status_code == 404


def test_an_award_by_count_without_names_prints_one_blank_giay_khen_to_copy(
    client, staff_a, fund_a, give, today
):
    give(3_000_000)
    award = services.payout_batch_record(
        user=staff_a, fund=fund_a, date=today, kind="khen_thuong", portions=3,
        unit_amount=1_000_000, decision_ref="12/QĐ-KH",
    )  # fmt: skip
    login(client, staff_a)
    page = client.get(reverse("funds:payout_certificates", args=[award.pk])).content.decode()
    assert "GIẤY KHEN" in page and f"{award.number}.1/{award.year}/GK-KH" in page
    assert page.count('class="paper certificate"') == 1
    assert "Một triệu đồng" in page and "Quyết định số 12/QĐ-KH" in page
    assert "sao thêm cho đủ 3 suất" in page
