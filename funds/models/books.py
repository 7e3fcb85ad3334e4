"""A fund and its yearly books: the counters, the closing, the reviewer's overdraft grants."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from khuyenhoc.core.access.querysets import scoped_manager
from khuyenhoc.core.db.history import ChangeHistory
from members.models import Branch

SCOPE = ("branch__commune", "branch__province")
ENTRY_SCOPE = ("fund__branch__commune", "fund__branch__province")


class Fund(models.Model):
    branch = models.ForeignKey(
        Branch, on_delete=models.PROTECT, related_name="funds", verbose_name="hội, chi hội"
    )
    name = models.CharField("tên quỹ", max_length=200)
    opening_year = models.PositiveSmallIntegerField("năm bắt đầu ghi sổ")
    opening_balance = models.BigIntegerField(
        "số dư đầu năm bắt đầu (đồng)",
        default=0,
        help_text="Tồn quỹ chuyển sang khi bắt đầu ghi sổ trên cổng; các năm sau tự tính.",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    objects = scoped_manager(*SCOPE)
    history = ChangeHistory()

    class Meta:
        verbose_name = "quỹ khuyến học"
        verbose_name_plural = "quỹ khuyến học"
        ordering = ["branch__commune_id", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opening_balance__gte=0),
                name="fund_opening_not_negative",
                violation_error_message="Số dư đầu kỳ không được âm.",
            ),
            models.UniqueConstraint(
                fields=["branch", "name"],
                name="uniq_fund_name_per_branch",
                violation_error_message="Hội này đã có quỹ mang tên này.",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def commune_id(self):
        return self.branch.commune_id


class FundYear(models.Model):
    """One fund's book for one year: the receipt and payout counters (locked with
    SELECT … FOR UPDATE so numbers never collide and never skip) and the closing."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="years")
    year = models.PositiveSmallIntegerField("năm")
    last_receipt_number = models.PositiveIntegerField("số phiếu thu cuối", default=0)
    last_payout_number = models.PositiveIntegerField("số phiếu chi cuối", default=0)
    closed_at = models.DateTimeField("khóa sổ lúc", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người duyệt quyết toán",
    )
    statement = models.JSONField("báo cáo quyết toán đã duyệt", null=True, blank=True)

    objects = scoped_manager(*ENTRY_SCOPE)
    history = ChangeHistory()

    class Meta:
        verbose_name = "sổ quỹ năm"
        verbose_name_plural = "sổ quỹ theo năm"
        ordering = ["fund_id", "year"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "year"], name="uniq_fund_year"),
        ]

    def __str__(self):
        return f"{self.fund} – {self.year}"

    @property
    def is_closed(self):
        return self.closed_at is not None


class OverdraftGrant(models.Model):
    """A reviewer's permission for one payout to exceed the balance by up to `amount`."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="overdrafts")
    amount = models.BigIntegerField("được chi vượt tối đa (đồng)")
    reason = models.CharField("lý do", max_length=300)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField("cho phép lúc", default=timezone.now)

    objects = scoped_manager(*ENTRY_SCOPE)
    history = ChangeHistory()

    class Meta:
        verbose_name = "cho phép chi vượt số dư"
        verbose_name_plural = "cho phép chi vượt số dư"
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="overdraft_amount_positive"),
        ]

    def __str__(self):
        return f"{self.fund}: {self.amount}"
