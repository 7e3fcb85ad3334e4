"""Payouts by count (chi theo suất): N scholarships, gifts or awards of one amount, paid
through a school, a village or the commune. The names are optional: the signed paper list
is attached as a scan, or the names are imported later, each person once, never more
than the N portions paid."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from PIL import Image, UnidentifiedImageError

from khuyenhoc.core.numbers import money, number
from khuyenhoc.core.text import fold, nfc

from .campaigns import check_drive
from .metrics import PAYOUT_KINDS
from .models import Beneficiary, Fund, Payout, SignedList
from .payouts import _clean_beneficiaries, _use_overdraft
from .rules import actor, check_amount, last_closed_year, open_year, refresh_figures, require_fund

MAX_PORTIONS = 1_000_000


@transaction.atomic
def payout_batch_record(
    *,
    user,
    fund: Fund,
    date: date,
    kind: str,
    portions: int,
    unit_amount: int,
    through: str = "",
    through_name: str = "",
    level: str = "",
    decision_ref: str = "",
    description: str = "",
    note: str = "",
    drive=None,
) -> Payout:
    """One payout of `portions` × `unit_amount`, the total exact by construction (and by
    a database constraint)."""
    fund = require_fund(user, fund)
    if kind not in PAYOUT_KINDS:
        raise ValidationError("Hãy chọn loại chi (học bổng, khen thưởng, quà, hỗ trợ, khác).")
    if isinstance(portions, bool) or not isinstance(portions, int) or portions <= 0:
        raise ValidationError("Số suất phải là số nguyên lớn hơn 0.")
    if portions > MAX_PORTIONS:
        raise ValidationError("Số suất quá lớn: hãy kiểm tra lại.")
    check_amount(unit_amount, "Số tiền mỗi suất")
    total = check_amount(portions * unit_amount, "Tổng số tiền chi")
    if through and through not in Payout.Through.values:
        raise ValidationError("Hãy chọn chi qua trường học, thôn bản hay xã, phường.")
    through_name = nfc(through_name).strip()
    if through and through != Payout.Through.COMMUNE and not through_name:
        raise ValidationError("Hãy ghi tên trường hoặc thôn, bản nhận chi.")
    check_drive(fund, drive, date)
    row = open_year(fund, date)
    grant = _use_overdraft(fund, total, date)
    payout = Payout(
        fund=fund,
        number=row.last_payout_number + 1,
        date=date,
        amount=total,
        portions=portions,
        unit_amount=unit_amount,
        through=through,
        through_name=through_name[:200],
        level=nfc(level).strip()[:120],
        kind=kind,
        decision_ref=nfc(decision_ref).strip()[:120],
        description=nfc(description).strip()[:300],
        note=nfc(note).strip()[:300],
        overdraft=grant,
        drive=drive,
        recorded_by=actor(user),
    )
    payout.full_clean(exclude=["year"])
    payout.save()
    row.last_payout_number = payout.number
    row.save(update_fields=["last_payout_number"])
    refresh_figures(fund)
    return payout


def _locked_batch(user, payout: Payout) -> Payout:
    """The payout locked after its fund (the services' lock order), if it is a payout by
    count of an open year that the user may write to."""
    require_fund(user, payout.fund)
    payout = Payout.objects.select_for_update().get(pk=payout.pk)
    if not payout.by_count or payout.is_reversal:
        raise ValidationError("Chỉ phiếu chi theo suất mới bổ sung danh sách sau.")
    closed = last_closed_year(payout.fund)
    if closed is not None and payout.year <= closed:
        raise ValidationError(
            f"Sổ quỹ năm {payout.year} đã khóa (đã duyệt quyết toán): không bổ sung được."
        )
    return payout


def _key(name, school, grade):
    return fold(name), fold(school), fold(grade)


@transaction.atomic
def payout_names_add(*, user, payout: Payout, beneficiaries: list[dict]) -> int:
    """The names of a payout by count, all at once or a few at a time: each person once
    in the payout, each at the payout's amount, never more names than portions."""
    payout = _locked_batch(user, payout)
    people = _clean_beneficiaries(beneficiaries, payout.unit_amount)
    for person in people:
        if person.amount != payout.unit_amount:
            raise ValidationError(
                f"{person.name}: phiếu chi theo suất trả mỗi suất {money(payout.unit_amount)}."
            )
    have = {_key(*row) for row in payout.beneficiaries.values_list("name", "school", "grade")}
    for person in people:
        if _key(person.name, person.school, person.grade) in have:
            raise ValidationError(
                f"{person.name} đã có trong danh sách của phiếu chi này: mỗi người nhận một lần."
            )
    room = payout.portions - len(have)
    if len(people) > room:
        raise ValidationError(
            f"Phiếu chi có {number(payout.portions)} suất, đã có {number(len(have))} tên: "
            f"chỉ thêm được {number(room)} tên nữa, không phải {number(len(people))}."
        )
    for person in people:
        person.payout = payout
    Beneficiary.objects.bulk_create(people, batch_size=1000)
    return len(people)


MAX_SCAN_BYTES = 10 * 1024 * 1024
SCAN_TYPES = {"PDF": "application/pdf", "JPEG": "image/jpeg", "PNG": "image/png"}
SCAN_EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def sniff_scan(upload) -> str:
    """The content type of a scan, read from its bytes (never from its name or the type
    the browser sent): a PDF, or a JPEG or PNG that Pillow can read."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return SCAN_TYPES["PDF"]
    try:
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError("Tệp quét phải là PDF, JPEG hoặc PNG.") from exc
    finally:
        upload.seek(0)
    if kind not in SCAN_TYPES:
        raise ValidationError("Tệp quét phải là PDF, JPEG hoặc PNG.")
    return SCAN_TYPES[kind]


@transaction.atomic
def signed_list_attach(*, user, payout: Payout, upload) -> SignedList:
    """The scanned signed list of a payout by count, checked by size and content."""
    payout = _locked_batch(user, payout)
    if upload.size > MAX_SCAN_BYTES:
        raise ValidationError(
            f"Tệp quét quá lớn ({number(upload.size // 1024 // 1024)} MB): tối đa "
            f"{MAX_SCAN_BYTES // 1024 // 1024} MB. Hãy quét ở độ phân giải thấp hơn."
        )
    content_type = sniff_scan(upload)
    scan = SignedList(
        payout=payout,
        content_type=content_type,
        size=upload.size,
        original_name=nfc(upload.name or "")[:200],
        uploaded_by=actor(user),
    )
    # the stored name is made here, never the uploaded one
    scan.file.save(f"phieu-chi-{payout.pk}.{SCAN_EXTENSIONS[content_type]}", upload, save=False)
    scan.save()
    return scan
