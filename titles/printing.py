"""What a printed list or certificate says of each subject: its name, birth year and
village as they stood at the moment the list was proposed or decided, read from the
subject's history. A subject corrected later (through another year's open list) keeps,
on a document already signed, what was signed; the change history holds both. A person
erased on request prints as erased, whatever the moment."""

from dataclasses import dataclass

from khuyenhoc.areas.models import Village

from .models import SUBJECT_MODELS, RecognitionList
from .models.registrations import VILLAGE_TITLES, subject_label
from .models.subjects import ERASED


@dataclass
class Printed:
    name: str
    place: str
    birth_year: int | None = None


def moment_of(rlist) -> object:
    """When the list was decided (its latest approval), or else proposed."""
    approved = (
        rlist.transitions.filter(to_state=RecognitionList.State.APPROVED)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    return approved or rlist.proposed_at


def _as_of(model, ids, moment) -> dict:
    """{subject id: its latest history row no later than `moment`}, in one query."""
    rows = model.history.model.objects.filter(id__in=ids, history_date__lte=moment)
    found = {}
    for row in rows.order_by("id", "-history_date", "-history_id").iterator(chunk_size=5000):
        found.setdefault(row.id, row)
    return found


def printed(registrations, *, title, commune, moment) -> list:
    """The registrations, each with `printed` (a Printed) attached."""
    registrations = list(registrations)
    model = SUBJECT_MODELS.get(title)
    then = {}
    if model is not None and moment is not None:
        then = _as_of(model, [r.subject.pk for r in registrations], moment)
    village_ids = {getattr(then.get(r.subject.pk, r.subject), "village_id", None)
                   for r in registrations} - {None}  # fmt: skip
    villages = dict(Village.objects.filter(pk__in=village_ids).values_list("pk", "name"))
    for r in registrations:
        subject = r.subject
        if getattr(subject, "is_erased", False):
            r.printed = Printed(name=ERASED, place="—")
            continue
        as_signed = then.get(subject.pk, subject)  # no history row then: as it is now
        if title in VILLAGE_TITLES:
            place = villages.get(as_signed.village_id, "")
        elif title == "village":
            place = subject.name
        else:
            place = commune.name
        r.printed = Printed(
            name=subject_label(title, as_signed),
            place=place,
            birth_year=getattr(as_signed, "birth_year", None),
        )
    return registrations
