"""Who aims for a title. Villages (areas.Village) and the commune itself are subjects too;
each subject keeps its row across years, and registrations point at it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from khuyenhoc.areas.models import Commune, Village
from khuyenhoc.core.access.querysets import scoped_manager
from khuyenhoc.core.db.history import ChangeHistory
from khuyenhoc.core.erasure import ERASED
from khuyenhoc.core.text import fold, nfc

from ..metrics import CITIZEN_GROUPS

# A subject's history is read record by record (by id), and an import writes one history
# row per new subject: the history indexes nothing else.
UNINDEXED_IN_HISTORY = ["commune", "village"]


VILLAGE_ELSEWHERE = "Thôn, bản, tổ dân phố này thuộc xã, phường khác."
SUBJECT_ELSEWHERE = "Đối tượng này thuộc xã, phường khác."


def require_in_commune(thing, commune_id, message, *, field=None):
    """The composite keys' rule, "(x, commune) → x's (id, commune)", as a Vietnamese error
    before the database would refuse the row at commit. The services check with it, and
    the models' clean() for the admin's forms; `field` names the form field to mark."""
    if thing is None or thing.commune_id != commune_id:
        raise ValidationError({field: message} if field else message)
    return thing


def commune_key(**options):
    """A subject's commune; not indexed alone, the (commune, name_folded) index starts with it."""
    return models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="xã, phường",
        db_index=False,
        **options,
    )


def in_commune_unique():
    """(id, commune) is unique, as id alone is: what a registration's composite key
    (subject, commune) refers to, so that it only names a subject of its own commune."""
    return models.UniqueConstraint(
        fields=["id", "commune"], name="%(app_label)s_%(class)s_in_commune"
    )


class Subject(models.Model):
    """What every kind of subject has: its commune, a name (in NAME_FIELD, stored NFC)
    and the name folded for searching and for matching an imported row to last year's."""

    NAME_FIELD = "name"
    # What commune staff may correct (corrections.subject_correct); a clan's villages too.
    CORRECTABLE = ["name"]

    commune = commune_key()
    name_folded = models.CharField(max_length=200, editable=False)

    objects = scoped_manager("commune")
    history = ChangeHistory(inherit=True, no_db_index=UNINDEXED_IN_HISTORY)

    class Meta:
        abstract = True
        ordering = ["name_folded"]
        indexes = [
            models.Index(fields=["commune", "name_folded"], name="%(app_label)s_%(class)s_search")
        ]
        constraints = [in_commune_unique()]

    def save(self, *args, **kwargs):
        name = nfc(getattr(self, self.NAME_FIELD)).strip()
        setattr(self, self.NAME_FIELD, name)
        self.name_folded = fold(name)
        super().save(*args, **kwargs)

    @classmethod
    def name_max_length(cls) -> int:
        return cls._meta.get_field(cls.NAME_FIELD).max_length


class SubjectInVillage(Subject):
    """A subject that lives in a village of its commune. On PostgreSQL one composite key,
    (village, commune) → areas_village (id, commune), checks both columns at once
    (migration 0010): the village belongs to the subject's commune, and that commune
    exists because the village's does. So neither column has a key of its own, which also
    spares a 50,000-household import 50,000 of its foreign-key checks. SQLite, used only
    for the quick start, has no such key: the services check the village's commune."""

    commune = commune_key(db_constraint=False)  # the composite key checks it
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="thôn, bản, tổ",
        db_constraint=False,  # the composite key checks it
    )
    # People (a citizen, a household's head) may ask to be erased: their personal fields
    # are blanked, here and in the history, and the row stays for past years' figures.
    erased_on = models.DateField("ngày xoá thông tin cá nhân", null=True, blank=True)

    class Meta(Subject.Meta):
        abstract = True

    @property
    def is_erased(self) -> bool:
        return self.erased_on is not None

    def clean(self):
        """The composite key's rule as a form error, for the admin's forms: the key
        itself would only refuse the row at commit."""
        super().clean()
        if self.village_id and self.commune_id:
            require_in_commune(self.village, self.commune_id, VILLAGE_ELSEWHERE, field="village")


class Citizen(SubjectInVillage):
    NAME_FIELD = "full_name"
    CORRECTABLE = ["full_name", "birth_year", "sex", "group", "village"]
    PERSONAL = {"full_name": "", "name_folded": "", "birth_year": None, "sex": ""}

    class Sex(models.TextChoices):
        MALE = "nam", "Nam"
        FEMALE = "nu", "Nữ"

    full_name = models.CharField("họ và tên", max_length=120)
    birth_year = models.PositiveSmallIntegerField("năm sinh", null=True)  # None: erased
    sex = models.CharField("giới tính", max_length=3, choices=Sex.choices)
    group = models.PositiveSmallIntegerField(
        "nhóm đối tượng", choices=sorted(CITIZEN_GROUPS.items())
    )

    class Meta(Subject.Meta):
        verbose_name = "công dân"
        verbose_name_plural = "công dân"
        constraints = [
            in_commune_unique(),
            models.CheckConstraint(condition=Q(group__gte=1, group__lte=4), name="citizen_group"),
            models.CheckConstraint(
                condition=Q(birth_year__gte=1900, birth_year__lte=2100), name="citizen_birth_year"
            ),
        ]

    def __str__(self):
        return ERASED if self.is_erased else f"{self.full_name} ({self.birth_year})"


class Household(SubjectInVillage):
    NAME_FIELD = "head_name"
    CORRECTABLE = ["head_name", "members", "village"]
    PERSONAL = {"head_name": "", "name_folded": ""}

    head_name = models.CharField("chủ hộ", max_length=120)
    members = models.PositiveSmallIntegerField("số nhân khẩu")

    class Meta(Subject.Meta):
        verbose_name = "hộ gia đình"
        verbose_name_plural = "hộ gia đình"
        constraints = [
            in_commune_unique(),
            models.CheckConstraint(
                condition=Q(members__gte=1, members__lte=50), name="household_members"
            ),
        ]

    def __str__(self):
        return ERASED if self.is_erased else f"Hộ {self.head_name}"


class Clan(Subject):
    name = models.CharField("tên dòng họ", max_length=120)
    villages = models.ManyToManyField(
        Village, blank=True, related_name="+", verbose_name="thôn, bản sinh sống"
    )

    class Meta(Subject.Meta):
        verbose_name = "dòng họ"
        verbose_name_plural = "dòng họ"

    def __str__(self):
        return f"Dòng họ {self.name}"


class Unit(Subject):
    class Kind(models.TextChoices):
        AGENCY = "agency", "Cơ quan"
        SCHOOL = "school", "Trường học"
        ENTERPRISE = "enterprise", "Doanh nghiệp"
        OTHER = "other", "Khác"

    CORRECTABLE = ["name", "kind"]
    name = models.CharField("tên đơn vị", max_length=200)
    kind = models.CharField("loại", max_length=12, choices=Kind.choices)

    class Meta(Subject.Meta):
        verbose_name = "đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"

    def __str__(self):
        return self.name


# The titles whose subject is a record of its own, kept across years and found by name;
# villages and the commune itself come from areas.
SUBJECT_MODELS = {"citizen": Citizen, "household": Household, "clan": Clan, "unit": Unit}
