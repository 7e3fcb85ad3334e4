"""Self-service: a household's registration code, what its people send from their phones
(a registration for the year with a self-assessment, its evidence) and the commune's
decision on it. What is sent is personal data (Nghị định 13/2023/NĐ-CP): it is read only
by the commune's staff (the scope rule), erased with the person and purged after the
province's retention period (titles/selfservice/services.py)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from khuyenhoc.areas.models import Commune, Village
from khuyenhoc.core.access.querysets import scoped_manager
from khuyenhoc.core.db.history import ChangeHistory

from ..metrics import CITIZEN_GROUPS
from .registrations import Registration, actor_key
from .subjects import Citizen, Household

# The titles a person or a household head sends for themselves.
SELF_TITLES = {"citizen": "Công dân học tập", "household": "Gia đình học tập"}


class HouseholdCode(models.Model):
    """The key to one household's page. Only a digest of the code is stored: the code is
    shown once, on the sheet printed when it is issued. `number` is printed beside it so
    that staff can revoke a lost slip by its number."""

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="+", verbose_name="xã, phường"
    )
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="+", verbose_name="thôn, bản, tổ"
    )
    number = models.PositiveIntegerField("số phiếu")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    # the household the code's registrations were accepted for, kept across years
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="hộ gia đình",
    )
    issued_at = models.DateTimeField("ngày cấp", default=timezone.now)
    issued_by = actor_key()
    revoked_at = models.DateTimeField("ngày thu hồi", null=True, blank=True)

    objects = scoped_manager("commune")
    history = ChangeHistory(no_db_index=["commune", "village", "household", "issued_by"])

    class Meta:
        verbose_name = "mã đăng ký của hộ"
        verbose_name_plural = "mã đăng ký của hộ"
        ordering = ["commune_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "number"], name="uniq_household_code_number")
        ]

    def __str__(self):
        return f"Phiếu số {self.number}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class SelfRegistration(models.Model):
    class State(models.TextChoices):
        SENT = "sent", "Đã gửi, chờ xã xem xét"
        RETURNED = "returned", "Xã trả lại để bổ sung"
        ACCEPTED = "accepted", "Xã đã tiếp nhận"
        REJECTED = "rejected", "Xã không tiếp nhận"

    class Sex(models.TextChoices):
        MALE = "nam", "Nam"
        FEMALE = "nu", "Nữ"

    code = models.ForeignKey(HouseholdCode, on_delete=models.PROTECT, related_name="sent")
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="+", verbose_name="xã, phường"
    )
    year = models.PositiveSmallIntegerField("năm")
    title = models.CharField("danh hiệu", max_length=12, choices=sorted(SELF_TITLES.items()))
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="+", verbose_name="thôn, bản, tổ"
    )
    # the citizen, or the head of the household
    full_name = models.CharField("họ và tên", max_length=120)
    name_folded = models.CharField(max_length=120, editable=False)
    birth_year = models.PositiveSmallIntegerField("năm sinh", null=True, blank=True)
    sex = models.CharField("giới tính", max_length=3, choices=Sex.choices, blank=True)
    id_number = models.CharField("số CCCD", max_length=12, blank=True)
    group = models.PositiveSmallIntegerField(
        "nhóm đối tượng", choices=sorted(CITIZEN_GROUPS.items()), null=True, blank=True
    )
    members = models.PositiveSmallIntegerField("số nhân khẩu", null=True, blank=True)
    # {indicator id: points} of the criteria set in force, as the person scored themselves
    answers = models.JSONField("tự đánh giá", default=dict)
    consent_at = models.DateTimeField("đồng ý xử lý dữ liệu cá nhân lúc")
    state = models.CharField("trạng thái", max_length=10, choices=State.choices, default="sent")
    reason = models.TextField("lý do trả lại, không tiếp nhận", blank=True)
    sent_at = models.DateTimeField("ngày gửi", default=timezone.now)
    decided_at = models.DateTimeField("ngày xử lý", null=True, blank=True)
    decided_by = actor_key()
    registration = models.OneToOneField(
        Registration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="self_registration",
    )
    citizen = models.ForeignKey(
        Citizen, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = scoped_manager("commune")
    history = ChangeHistory(
        no_db_index=["code", "commune", "village", "decided_by", "registration", "citizen"]
    )

    class Meta:
        verbose_name = "hồ sơ tự đăng ký"
        verbose_name_plural = "hồ sơ tự đăng ký"
        ordering = ["sent_at", "id"]
        indexes = [
            models.Index(fields=["commune", "state", "sent_at"], name="self_queue"),
            models.Index(fields=["commune", "name_folded"], name="self_names"),
            models.Index(fields=["id_number"], name="self_id_number"),
        ]
        constraints = [
            # one household registration per code and year (a resend updates it)
            models.UniqueConstraint(
                fields=["code", "year"],
                condition=Q(title="household") & ~Q(state="rejected"),
                name="uniq_self_household_year",
                violation_error_message="Hộ đã gửi đăng ký Gia đình học tập năm nay.",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="self_registration_year"
            ),
        ]

    def __str__(self):
        return f"{self.get_title_display()} {self.year}: {self.full_name}"

    @property
    def is_open(self) -> bool:
        """Can the household still change it (sent, or returned to be fixed)?"""
        return self.state in (self.State.SENT, self.State.RETURNED)


class SelfEvidence(models.Model):
    """One evidence file (minh chứng), kept in the database like the portal's other
    uploads: no public media folder serves it, every app host reads it, a backup holds it
    and an erasure deletes it in the same transaction."""

    submission = models.ForeignKey(
        SelfRegistration, on_delete=models.CASCADE, related_name="evidence"
    )
    name = models.CharField("tên tệp", max_length=120)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField("dung lượng")
    content = models.BinaryField()
    added_at = models.DateTimeField(default=timezone.now)

    objects = scoped_manager("submission__commune")

    class Meta:
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"
        ordering = ["submission_id", "id"]

    def __str__(self):
        return self.name
