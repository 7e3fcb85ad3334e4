"""What every write of the funds app starts with: the fund locked for update if the
user may write to it, amounts in whole đồng, a year still open; and the figures refreshed
after it. services.py, receipts.py and payouts.py build on these."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone

from . import figures
from .models import Fund, FundYear

MAX_AMOUNT = 10**15  # a quadrillion đồng: anything larger is a typing error


def actor(user):
    return user if user is not None and user.is_authenticated else None


def require_fund(user, fund: Fund, *, review=False) -> Fund:
    """The fund locked for update, if the user may write to it; or, for a reviewer's
    action (review=True, which checks the role itself), if the user may read it."""
    if user is None:
        funds = Fund.objects.all()
    else:
        funds = Fund.objects.for_user(user) if review else Fund.objects.writable_by(user)
    locked = funds.select_for_update().select_related("branch").filter(pk=fund.pk).first()
    if locked is None:
        raise ValidationError("Bạn không có quyền với quỹ này.")
    return locked


def last_closed_year(fund: Fund) -> int | None:
    """The last year signed off; it and every year before it are closed, since years
    close in order."""
    return FundYear.objects.filter(fund=fund, closed_at__isnull=False).aggregate(last=Max("year"))[
        "last"
    ]


def year_row(fund: Fund, year: int) -> FundYear:
    FundYear.objects.bulk_create([FundYear(fund=fund, year=year)], ignore_conflicts=True)
    return FundYear.objects.select_for_update().get(fund=fund, year=year)


def check_amount(amount, label="Số tiền") -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise ValidationError(f"{label} phải là số đồng nguyên, không có phần lẻ.")
    if amount <= 0:
        raise ValidationError(f"{label} phải lớn hơn 0 đồng.")
    if amount > MAX_AMOUNT:
        raise ValidationError(f"{label} quá lớn: hãy kiểm tra lại.")
    return amount


def open_year(fund: Fund, entry_date: date) -> FundYear:
    """The year row of an entry dated `entry_date`, locked, if that year is still open."""
    # A datetime is refused: the database keeps its local date, whose year can differ
    # from the year checked here (01/01 01:00 at UTC+14 is still 31/12 in Việt Nam).
    if not isinstance(entry_date, date) or isinstance(entry_date, datetime):
        raise ValidationError("Ngày không hợp lệ.")
    if entry_date > timezone.localdate():
        raise ValidationError("Không ghi sổ cho ngày trong tương lai.")
    if entry_date.year < fund.opening_year:
        raise ValidationError(
            f"Quỹ bắt đầu ghi sổ từ năm {fund.opening_year}; không ghi được ngày "
            f"{entry_date:%d/%m/%Y}."
        )
    # Checked against the last closed year, not the entry's own year row: every year up
    # to it is settled, whether or not a row exists for it.
    closed = last_closed_year(fund)
    if closed is not None and entry_date.year <= closed:
        raise ValidationError(
            f"Sổ quỹ đã khóa đến hết năm {closed} (đã duyệt quyết toán): không ghi được "
            f"phiếu ngày {entry_date:%d/%m/%Y}. Sai sót của năm đã khóa sổ được sửa bằng "
            "phiếu điều chỉnh ghi vào năm đang mở."
        )
    return year_row(fund, entry_date.year)


def refresh_figures(fund: Fund):
    if fund.branch.commune_id is not None:
        figures.refresh_commune(fund.branch.commune_id)
    else:
        figures.refresh_province(fund.branch.province_id)
