"""Payouts by count: N portions × one amount through a school, village or commune; names
added later, each once and never more than N; the signed list as a private scan; totals
by count exact at every level."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from funds import batches, ledger, services
from funds.models import Beneficiary, Payout, SignedList
from khuyenhoc.areas.models import Figure
from tests.factories import login, once
from tests.metric_names import payout_amount_metric, payout_portions_metric

pytestmark = pytest.mark.django_db


def png_bytes():
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, format="PNG")
    return out.getvalue()


def test_a_batch_pays_n_portions_of_one_amount_and_the_figures_count_them_exactly(
    staff_a, fund_a, give, today, commune_a
):
    give(3_000_000_000)
    services.payout_batch_record(
        user=staff_a, fund=fund_a, date=today, kind="hoc_bong", portions=4_373,
        unit_amount=500_000, through="commune", level="Tiểu học",
    )  # fmt: skip
    services.payout_batch_record(
        user=staff_a, fund=fund_a, date=today, kind="qua", portions=3, unit_amount=200_000,
        through="village", through_name="Bản Mòng",
    )  # fmt: skip
    data = ledger.statement(fund_a, today.year)
    scholarships = next(p for p in data["payouts"] if p["kind"] == "hoc_bong")
    assert (scholarships["portions"], scholarships["amount"]) == (4_373, 2_186_500_000)
    assert data["portions_total"] == 4_376
    figures = dict(
        Figure.objects.filter(commune=commune_a, year=today.year).values_list("metric", "value")
    )
    assert figures[payout_portions_metric("hoc_bong")] == 4_373
    assert figures[payout_amount_metric("hoc_bong")] == 2_186_500_000
    assert figures[payout_portions_metric("qua")] == 3


def test_a_batch_is_refused_beyond_the_balance_or_without_a_place_name(staff_a, fund_a, today):
    with pytest.raises(ValidationError) as caught:
        services.payout_batch_record(
            user=staff_a, fund=fund_a, date=today, kind="hoc_bong", portions=11,
            unit_amount=500_000,
        )  # fmt: skip
    assert "không đủ chi 5.500.000 đ" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        services.payout_batch_record(
            user=staff_a, fund=fund_a, date=today, kind="hoc_bong", portions=1,
            unit_amount=500_000, through="school",
        )  # fmt: skip
    assert "tên trường" in str(caught.value)
    assert not Payout.objects.exists()


def test_names_are_added_later_each_once_and_never_more_than_the_portions(staff_a, batch):
    added = services.payout_names_add(
        user=staff_a, payout=batch, beneficiaries=[{"name": "Lò Văn A"}, {"name": "Cà Thị B"}]
    )
    assert added == 2
    with pytest.raises(ValidationError) as caught:
        services.payout_names_add(user=staff_a, payout=batch, beneficiaries=[{"name": "lo van a"}])
    assert "mỗi người nhận một lần" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        services.payout_names_add(
            user=staff_a, payout=batch,
            beneficiaries=[{"name": "C"}, {"name": "D"}, {"name": "E"}],
        )  # fmt: skip
    assert "chỉ thêm được 2 tên nữa" in str(caught.value)
    with pytest.raises(ValidationError):
        services.payout_names_add(
            user=staff_a, payout=batch, beneficiaries=[{"name": "F", "amount": 1_000}]
        )
    assert sorted(Beneficiary.objects.values_list("amount", flat=True)) == [500_000] * 2
    batch.refresh_from_db()
    assert batch.amount == 2_000_000 and batch.portions == 4


def test_staff_of_another_commune_can_neither_add_names_nor_attach_a_scan(
    staff_b, batch, private_files
):
    with pytest.raises(ValidationError):
        services.payout_names_add(user=staff_b, payout=batch, beneficiaries=[{"name": "X"}])
    upload = SimpleUploadedFile("ds.png", png_bytes())
    with pytest.raises(ValidationError):
        services.signed_list_attach(user=staff_b, payout=batch, upload=upload)
    assert not Beneficiary.objects.exists() and not SignedList.objects.exists()


def test_a_scan_is_checked_by_content_and_size_and_served_to_the_funds_staff_only(
    client, staff_a, staff_b, batch, private_files, monkeypatch
):
    login(client, staff_a)
    url = reverse("funds:payout_scan", args=[batch.pk])
    fake = SimpleUploadedFile("ds.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    refused = client.post(url, once({"scan": fake}))
    assert refused.status_code == 200 and "PDF, JPEG hoặc PNG" in refused.content.decode()
    monkeypatch.setattr(batches, "MAX_SCAN_BYTES", 10)
    big = client.post(url, once({"scan": SimpleUploadedFile("ds.png", png_bytes())}))
    assert "quá lớn" in big.content.decode()
    monkeypatch.undo()
    sent = client.post(url, once({"scan": SimpleUploadedFile("../../ds.png", png_bytes())}))
    assert sent.status_code == 302
    scan = SignedList.objects.get()
    assert scan.content_type == "image/png" and ".." not in scan.file.name
    assert str(private_files) in scan.file.path
    file_url = reverse("funds:signed_list_file", args=[scan.pk])
    served = client.get(file_url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == png_bytes()
    assert served["X-Content-Type-Options"] == "nosniff"
    login(client, staff_b)
    assert client.get(file_url).status_code == 404
    client.logout()
    assert client.get(file_url).status_code == 302


def test_the_batch_page_records_the_payout_and_its_scan_in_one_go(
    client, staff_a, fund_a, today, private_files
):
    login(client, staff_a)
    data = {
        "date": today.isoformat(), "kind": "hoc_bong", "portions": "6",
        "unit_amount": "500.000", "through": "school", "through_name": "Trường TH Tô Hiệu",
        "level": "Tiểu học", "scan": SimpleUploadedFile("ds.pdf", b"%PDF-1.4\n%%EOF"),
    }  # fmt: skip
    response = client.post(reverse("funds:payout_batch_create", args=[fund_a.pk]), once(data))
    payout = Payout.objects.get()
    assert response.status_code == 302
    assert (payout.portions, payout.unit_amount, payout.amount) == (6, 500_000, 3_000_000)
    assert payout.signed_lists.get().content_type == "application/pdf"
    page = client.get(reverse("funds:payout", args=[payout.pk])).content.decode()
    assert "6 × 500.000 đ" in page
    assert "Trường TH Tô Hiệu" in page and "Thêm họ tên (0/6)" in page


def test_a_reversed_batch_takes_its_count_and_amount_back(staff_a, batch, today):
    services.entry_reverse(user=staff_a, entry=batch, reason="Ghi nhầm trường")
    data = ledger.statement(batch.fund, today.year)
    assert (data["portions_total"], data["payouts_total"]) == (0, 0)


def test_the_public_page_and_the_report_state_the_published_sentence_exactly(
    client, staff_a, fund_a, give, today, commune_a
):
    give(2_189_200_000)
    for portions, unit in ((3_873, 400_000), (500, 1_280_000)):
        services.payout_batch_record(
            user=staff_a, fund=fund_a, date=today, kind="hoc_bong", portions=portions,
            unit_amount=unit, through="commune",
        )  # fmt: skip
    public = client.get(reverse("funds_public:commune", args=[commune_a.code])).content.decode()
    assert "Trao 4.373 suất học bổng, trị giá 2.189.200.000 đ" in public
    login(client, staff_a)
    report = client.get(reverse("reports:commune", args=[commune_a.code, today.year]))
    assert "trao 4.373 suất học bổng, trị giá 2.189.200.000 đ" in report.content.decode()
