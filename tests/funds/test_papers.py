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
