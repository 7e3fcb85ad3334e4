"""A registration is one subject aiming for one title in one year; its evaluation holds
the scores; the commune's list for a title and year goes through recognition."""

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, When
from django.utils import timezone

from khuyenhoc.areas.models import Commune, Village
from khuyenhoc.core.access.querysets import scoped_manager
from khuyenhoc.core.db.history import ChangeHistory

from ..metrics import CITIZEN_GROUPS
from .criteria import TITLE_CHOICES, CriteriaSet, Indicator
from .subjects import (
    ERASED,
    SUBJECT_ELSEWHERE,
    Citizen,
    Clan,
    Household,
    Unit,
    require_in_commune,
)

# Which foreign key holds the subject of each title ("commune" is the commune itself).
SUBJECT_FIELDS = {
    "citizen": "citizen",
    "household": "household",
    "clan": "clan",
    "village": "village",
    "unit": "unit",
    "commune": None,
}
# The titles whose subject lives in one village (people and households): found, matched
# and filtered by it.
VILLAGE_TITLES = ("citizen", "household")


def actor_key():
    """Who registered or evaluated, like a history row's user: no database key to the
    account and no index (see khuyenhoc.core.db.history), so an import does not check the same
    user once per row. Django still nulls it when the account is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )


def subject_label(title, subject) -> str:
    """How a subject of `title` is named on every page, list and certificate."""
    if getattr(subject, "is_erased", False):
        return ERASED
    if title == "household":
        return f"Hộ ông/bà {subject.head_name}"
    if title == "clan":
        return f"Dòng họ {subject.name}"
    if title == "citizen":
        return subject.full_name
    return subject.name


def subject_key(model, related_name="registrations"):
    """A registration's subject, when the title has one. On PostgreSQL the column has no
    key of its own: one composite key, (subject, commune) → the subject's (id, commune)
    (migration 0011), checks that the subject exists and is of the registration's
    commune, whatever writes the row. Not indexed alone: the (subject, year) unique
    index starts with it."""
    return models.ForeignKey(
        model,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        db_index=False,
        db_constraint=False,  # the composite key checks it
    )


def _exactly_subject(title):
    condition = Q(title=title)
    for field in filter(None, SUBJECT_FIELDS.values()):
        if field == SUBJECT_FIELDS[title]:
            condition &= Q(**{f"{field}__isnull": False})
        else:
            condition &= Q(**{f"{field}__isnull": True})
    return condition


def _unique_subject(field):
    # subject first: the index also serves lookups by subject (the FK has no index of its own)
    return models.UniqueConstraint(
        fields=[field, "year"],
        condition=~Q(state="withdrawn") & Q(**{f"{field}__isnull": False}),
        name=f"uniq_registration_{field}_year",
        violation_error_message="Đối tượng này đã đăng ký danh hiệu này trong năm.",
    )


class Registration(models.Model):
    class State(models.TextChoices):
        REGISTERED = "registered", "Đã đăng ký"
        EVALUATED = "evaluated", "Đã đánh giá"
        PROPOSED = "proposed", "Đề nghị công nhận"
        RECOGNISED = "recognised", "Được công nhận"
        NOT_RECOGNISED = "not_recognised", "Không được công nhận"
        WITHDRAWN = "withdrawn", "Đã rút đăng ký"

    # On PostgreSQL the commune has no key of its own: a registration with a subject has
    # its commune checked by the subject's composite key, and a commune-level one, which
    # has none, by the key of commune_itself (migration 0012). One check per row instead
    # of two: a 50,000-household import would otherwise check one commune 50,000 times.
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="xã, phường",
        db_index=False,  # the reg_list index starts with it
        db_constraint=False,  # see above
    )
    year = models.PositiveSmallIntegerField("năm")
    title = models.CharField("danh hiệu", max_length=12, choices=TITLE_CHOICES)
    citizen = subject_key(Citizen)
    household = subject_key(Household)
    clan = subject_key(Clan)
    village = subject_key(Village, related_name="+")
    unit = subject_key(Unit)
    # The commune of a commune-level registration, empty on every other: computed by the
    # database, so that no write path has to fill it.
    commune_itself = models.GeneratedField(
        expression=Case(When(title="commune", then=F("commune"))),
        output_field=models.IntegerField(null=True),
        db_persist=True,
    )
    state = models.CharField(
        "trạng thái", max_length=16, choices=State.choices, default=State.REGISTERED
    )
    # A citizen's group of people in the year registered (a pupil one year, a worker a
    # few years on): the year's figures count it, so correcting the citizen later
    # leaves a decided year as it was. Empty for every other title.
    citizen_group = models.PositiveSmallIntegerField(
        "nhóm đối tượng", choices=sorted(CITIZEN_GROUPS.items()), null=True, blank=True
    )
    # set by registration_create (now, or the demo's past moment), not auto_now_add
    created_at = models.DateTimeField("ngày đăng ký", default=timezone.now, editable=False)
    created_by = actor_key()

    objects = scoped_manager("commune")
    # Only the history's own keys are indexed (it is read record by record): a 50,000-row
    # import writes 50,000 rows here.
    history = ChangeHistory(
        no_db_index=[*SUBJECT_FIELDS, "created_by", "commune"],
        excluded_fields=["commune_itself"],  # derived from title and commune
    )

    class Meta:
        verbose_name = "đăng ký danh hiệu"
        verbose_name_plural = "đăng ký danh hiệu"
        ordering = ["commune_id", "-year", "title", "id"]
        indexes = [models.Index(fields=["commune", "year", "title", "state"], name="reg_list")]
        constraints = [
            models.CheckConstraint(
                condition=Q(_exactly_subject("citizen"))
                | _exactly_subject("household")
                | _exactly_subject("clan")
                | _exactly_subject("village")
                | _exactly_subject("unit")
                | _exactly_subject("commune"),
                name="registration_subject_matches_title",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="registration_year"
            ),
            models.CheckConstraint(
                condition=Q(title="citizen", citizen_group__gte=1, citizen_group__lte=4)
                | (~Q(title="citizen") & Q(citizen_group__isnull=True)),
                name="registration_citizen_group",
                violation_error_message="Đăng ký Công dân học tập cần nhóm đối tượng (từ 1 "
                "đến 4); đăng ký danh hiệu khác không có nhóm.",
            ),
            *(_unique_subject(f) for f in filter(None, SUBJECT_FIELDS.values())),
            models.UniqueConstraint(
                fields=["commune", "year"],
                condition=~Q(state="withdrawn") & Q(title="commune"),
                name="uniq_registration_commune_year",
                violation_error_message="Xã đã đăng ký danh hiệu này trong năm.",
            ),
        ]

    def __str__(self):
        return f"{self.subject_name} – {self.get_title_display()} {self.year}"

    def clean(self):
        """The subject keys' rule as a form error, for the admin's forms: the keys
        themselves would only refuse the row at commit."""
        super().clean()
        for field in filter(None, SUBJECT_FIELDS.values()):
            subject = getattr(self, field)
            if subject is not None and self.commune_id:
                require_in_commune(subject, self.commune_id, SUBJECT_ELSEWHERE, field=field)

    @property
    def subject(self):
        field = SUBJECT_FIELDS[self.title]
        return getattr(self, field) if field else self.commune

    @property
    def subject_name(self):
        return subject_label(self.title, self.subject)


class Evaluation(models.Model):
    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="evaluation"
    )
    criteria_set = models.ForeignKey(
        CriteriaSet, on_delete=models.PROTECT, related_name="+", verbose_name="bộ tiêu chí"
    )
    total = models.PositiveSmallIntegerField("tổng điểm")
    passed = models.BooleanField("đạt")
    # one reason for each indicator under the minimum, with the indicator's name: a
    # criteria set of ten indicators scored zero writes more than a thousand characters
    reason = models.TextField("lý do không đạt", blank=True)
    evaluated_at = models.DateTimeField("ngày đánh giá", auto_now=True)
    evaluated_by = actor_key()

    objects = scoped_manager("registration__commune")
    # The history is read record by record (its own id): nothing looks it up by these.
    history = ChangeHistory(no_db_index=["registration", "criteria_set", "evaluated_by"])

    class Meta:
        verbose_name = "kết quả đánh giá"
        verbose_name_plural = "kết quả đánh giá"

    def __str__(self):
        return f"{self.registration}: {self.total} điểm"


class Score(models.Model):
    # uniq_score, which starts with the evaluation, is its index: a second one only cost
    # each of the 10 scores of every evaluation one more index entry.
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="scores", db_index=False
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    points = models.PositiveSmallIntegerField("điểm")

    class Meta:
        verbose_name = "điểm chỉ số"
        verbose_name_plural = "điểm chỉ số"
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "indicator"], name="uniq_score"),
        ]

    def __str__(self):
        return f"{self.indicator_id}: {self.points}"


class RecognitionList(models.Model):
    """The commune's list for one title and year, approved as a whole (DHIS2-style)."""

    class State(models.TextChoices):
        OPEN = "open", "Đang lập danh sách"
        PROPOSED = "proposed", "Đã đề nghị, chờ thẩm định"
        RETURNED = "returned", "Bị trả lại"
        APPROVED = "approved", "Đã công nhận"

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="+", verbose_name="xã, phường"
    )
    year = models.PositiveSmallIntegerField("năm")
    title = models.CharField("danh hiệu", max_length=12, choices=TITLE_CHOICES)
    state = models.CharField("trạng thái", max_length=10, choices=State.choices, default=State.OPEN)
    proposed_at = models.DateTimeField("ngày đề nghị", null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_number = models.CharField("số quyết định", max_length=60, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    signer = models.CharField("người ký", max_length=120, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    return_reason = models.TextField("lý do trả lại", blank=True)

    objects = scoped_manager("commune")
    history = ChangeHistory()

    class Meta:
        verbose_name = "danh sách đề nghị công nhận"
        verbose_name_plural = "danh sách đề nghị công nhận"
        ordering = ["-year", "commune_id", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "title"], name="uniq_recognition_list"
            ),
        ]

    def __str__(self):
        return f"{self.get_title_display()} {self.year} – {self.commune}"

    @property
    def is_locked(self):
        return self.state in (self.State.PROPOSED, self.State.APPROVED)


class Transition(models.Model):
    """Every change of a list's state: who, when, from, to, and why."""

    recognition_list = models.ForeignKey(
        RecognitionList, on_delete=models.CASCADE, related_name="transitions"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # set by the workflow (now, or the demo's past moment), not auto_now_add
    at = models.DateTimeField("thời điểm", default=timezone.now)
    from_state = models.CharField("từ", max_length=10, choices=RecognitionList.State.choices)
    to_state = models.CharField("sang", max_length=10, choices=RecognitionList.State.choices)
    note = models.TextField("ghi chú", blank=True)

    objects = scoped_manager("recognition_list__commune")

    class Meta:
        verbose_name = "lịch sử chuyển trạng thái"
        verbose_name_plural = "lịch sử chuyển trạng thái"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"
