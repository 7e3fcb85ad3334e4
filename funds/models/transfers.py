"""Money moved between funds, or out of the province."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from khuyenhoc.core.access.querysets import scoped_manager
from khuyenhoc.core.db.history import ChangeHistory

from .books import Fund
from .entries import Receipt
from .payouts import Payout


class Transfer(models.Model):
    """Money moved from one fund to another (a commune's to the provincial fund, the
    province's to a commune's), or out of the province (to the national association, to
    another province: `external_party`). One paired entry: the payout of the sending
    fund at once, the receipt of the receiving fund when its staff confirm. Neither is
    counted as money raised or paid (funds/figures.py): a province's totals count the
    money once, when it was first received."""

    class State(models.TextChoices):
        PENDING = "pending", "Chờ quỹ nhận xác nhận"
        CONFIRMED = "confirmed", "Đã nhận"
        REFUSED = "refused", "Quỹ nhận đã từ chối"
        CANCELLED = "cancelled", "Quỹ chuyển đã hủy"
        UNDONE = "undone", "Đã hoàn lại"

    from_fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="transfers_out", verbose_name="từ quỹ"
    )
    to_fund = models.ForeignKey(
        Fund,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfers_in",
        verbose_name="đến quỹ",
    )
    external_party = models.CharField("nơi nhận ngoài tỉnh", max_length=200, blank=True)
    date = models.DateField("ngày chuyển")
    amount = models.BigIntegerField("số tiền (đồng)")
    note = models.CharField("nội dung", max_length=300, blank=True)
    state = models.CharField("trạng thái", max_length=12, choices=State.choices)
    payout = models.OneToOneField(
        Payout, on_delete=models.PROTECT, related_name="transfer", verbose_name="phiếu chi"
    )
    receipt = models.OneToOneField(
        Receipt,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfer",
        verbose_name="phiếu thu",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField("xác nhận lúc", null=True, blank=True)
    # Refused, cancelled or undone: the row stays, with who, when and why; the entries
    # booked are undone by reversing entries (funds/transfers.py), never deleted.
    closed_reason = models.CharField("lý do từ chối, hủy, hoàn lại", max_length=300, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField("từ chối, hủy, hoàn lại lúc", null=True, blank=True)

    # Scoped by the sending fund: where an erasure on request reads the note and the
    # reasons (funds.apps.FundsConfig.free_texts).
    objects = scoped_manager("from_fund__branch__commune", "from_fund__branch__province")
    history = ChangeHistory()

    class Meta:
        verbose_name = "chuyển quỹ"
        verbose_name_plural = "chuyển quỹ"
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(to_fund__isnull=False) & Q(external_party=""))
                | (Q(to_fund__isnull=True) & ~Q(external_party="")),
                name="transfer_one_counterpart",
                violation_error_message="Chọn quỹ nhận trong tỉnh hoặc ghi nơi nhận ngoài tỉnh.",
            ),
            models.CheckConstraint(
                condition=~Q(to_fund=F("from_fund")), name="transfer_not_to_itself"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="transfer_amount_positive"),
            models.CheckConstraint(
                condition=Q(state__in=["pending", "confirmed"]) | ~Q(closed_reason=""),
                name="transfer_closed_with_reason",
                violation_error_message="Hãy ghi lý do.",
            ),
        ]

    def __str__(self):
        return (
            f"Chuyển {self.amount} đ từ {self.from_fund} đến {self.to_fund or self.external_party}"
        )

    @property
    def counterpart(self) -> str:
        return str(self.to_fund.branch) if self.to_fund_id else self.external_party
