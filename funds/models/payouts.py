"""Payouts (phiếu chi), by name or by count, their beneficiaries and the scans of
the signed lists."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from khuyenhoc.core.access.querysets import scoped_manager
from khuyenhoc.core.db.history import ChangeHistory

from ..metrics import PAYOUT_KINDS
from .entries import ImmutableEntry, InKind, _entry_constraints


class Payout(InKind, ImmutableEntry):
    """A payout to a list of named beneficiaries, or by count (`unit_amount` set):
    N portions (suất) of one amount paid through a school, a village or the commune,
    the names optional (added later, or kept on a signed paper list, see SignedList).
    A payout in kind gives goods from the fund's stock: `amount` is their value at the
    stock's average, and the cash balance does not move."""

    KIND_CHOICES = list(PAYOUT_KINDS.items())

    class Through(models.TextChoices):
        SCHOOL = "school", "Trường học"
        VILLAGE = "village", "Thôn, bản, tổ dân phố"
        COMMUNE = "commune", "Xã, phường"

    kind = models.CharField("loại chi", max_length=16, choices=KIND_CHOICES)
    decision_ref = models.CharField("số quyết định", max_length=120, blank=True)
    description = models.CharField("nội dung", max_length=300, blank=True)
    portions = models.PositiveIntegerField("số suất", default=0)
    unit_amount = models.BigIntegerField("số tiền mỗi suất (đồng)", null=True, blank=True)
    through = models.CharField("chi qua", max_length=8, choices=Through.choices, blank=True)
    through_name = models.CharField("tên trường, thôn, xã", max_length=200, blank=True)
    level = models.CharField("cấp học, loại giải", max_length=120, blank=True)
    overdraft = models.OneToOneField(
        "OverdraftGrant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payout",
        verbose_name="chi vượt số dư theo cho phép",
    )

    history = ChangeHistory()

    class Meta:
        verbose_name = "phiếu chi"
        verbose_name_plural = "phiếu chi"
        ordering = ["fund_id", "year", "number"]
        constraints = [
            *_entry_constraints("payout"),
            models.CheckConstraint(
                condition=Q(unit_amount__isnull=True)
                | Q(unit_amount__gt=0, portions__gt=0, amount=F("unit_amount") * F("portions")),
                name="payout_by_count_exact",
                violation_error_message="Tổng tiền phải đúng bằng số suất nhân số tiền mỗi suất.",
            ),
            models.CheckConstraint(
                condition=Q(in_kind=False) | (~Q(item_description="") & Q(item_quantity__gt=0)),
                name="payout_in_kind_described",
                violation_error_message="Chi bằng hiện vật phải ghi rõ hiện vật và số lượng.",
            ),
        ]

    def __str__(self):
        return f"Phiếu chi {self.number}/{self.year}"

    @property
    def by_count(self) -> bool:
        return self.unit_amount is not None


class Beneficiary(models.Model):
    """A person who received a portion (suất) of a payout; never shown publicly
    unless `name_public` records consent."""

    payout = models.ForeignKey(Payout, on_delete=models.PROTECT, related_name="beneficiaries")
    name = models.CharField("họ và tên", max_length=120)
    school = models.CharField("trường", max_length=200, blank=True)
    grade = models.CharField("lớp, cấp học", max_length=60, blank=True)
    amount = models.BigIntegerField("số tiền (đồng)")
    name_public = models.BooleanField("đồng ý công khai tên", default=False)

    objects = scoped_manager("payout__fund__branch__commune", "payout__fund__branch__province")

    class Meta:
        verbose_name = "người nhận"
        verbose_name_plural = "người nhận"
        ordering = ["payout_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="beneficiary_amount_positive",
                violation_error_message="Số tiền mỗi suất phải lớn hơn 0 đồng.",
            ),
        ]

    def __str__(self):
        return self.name


class PrivateStorage(FileSystemStorage):
    """Scans of signed lists hold names and signatures: kept in PRIVATE_MEDIA_ROOT,
    outside the public media, with no address of their own; funds.views_batches serves
    each to the staff of its fund. The folder is read from the settings at each use."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def private_storage():
    return PrivateStorage()


class SignedList(models.Model):
    """The scanned paper list that beneficiaries signed (danh sách ký nhận) for a payout."""

    payout = models.ForeignKey(Payout, on_delete=models.PROTECT, related_name="signed_lists")
    file = models.FileField("tệp quét", storage=private_storage, upload_to="ky-nhan/%Y/")
    content_type = models.CharField("loại tệp", max_length=40)
    size = models.PositiveIntegerField("dung lượng (byte)")
    original_name = models.CharField("tên tệp gốc", max_length=200, blank=True)
    uploaded_at = models.DateTimeField("tải lên lúc", default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người tải lên",
    )

    objects = scoped_manager("payout__fund__branch__commune", "payout__fund__branch__province")

    class Meta:
        verbose_name = "danh sách ký nhận (bản quét)"
        verbose_name_plural = "danh sách ký nhận (bản quét)"
        ordering = ["payout_id", "id"]

    def __str__(self):
        return self.original_name or self.file.name
