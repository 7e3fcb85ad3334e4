"""A subject after it was registered: corrected by the commune's staff (a misspelt
name, a household's members, a village), or a person's details erased on request.
Views and tests call these; services.py holds the checks they share."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from khuyenhoc.core import erasure
from khuyenhoc.core.access.scope import require_writable

from .models import SUBJECT_MODELS, Evaluation, RecognitionList, Registration
from .models.registrations import SUBJECT_FIELDS
from .selfservice.services import submissions_erase
from .services import (
    editable_registration,
    refresh_figures,
    validated_save,
    village_of,
)

State = Registration.State
ListState = RecognitionList.State
CORRECTION_REASON = "Sửa thông tin đối tượng"
ERASE_REASON = "Xoá thông tin cá nhân theo yêu cầu"


def _subject_locked(registration, model):
    """The registration's subject, locked against a concurrent correction or erasure."""
    return model.objects.select_for_update().get(
        pk=getattr(registration, f"{registration.title}_id")
    )


@transaction.atomic
def subject_correct(*, user, registration, data):
    """Corrects the subject of `registration` from the form's fields (a misspelt name,
    a household's members, a village) and returns it; nothing is written when nothing
    changed. The subject keeps its id, so its other years' registrations follow it.

    The list the correction is made from must be open. A citizen's new group also goes
    to the citizen's registrations on open lists, whose figures follow; a proposed or
    decided list keeps the group its figures were counted with."""
    require_writable(user, registration.commune)
    registration = editable_registration(registration)
    title, commune = registration.title, registration.commune
    model = SUBJECT_MODELS.get(title)
    if model is None:  # villages and the commune itself are corrected in areas
        raise ValidationError("Danh hiệu này không có thông tin đối tượng để sửa ở đây.")
    subject = _subject_locked(registration, model)
    if getattr(subject, "is_erased", False):
        raise ValidationError("Thông tin cá nhân của đối tượng này đã được xoá; không sửa được.")
    if "village" in data:
        data = {**data, "village": village_of(commune, data["village"])}
    changed = [f for f in model.CORRECTABLE if getattr(subject, f) != data[f]]
    new_villages = {village_of(commune, v) for v in data["villages"]} if title == "clan" else None
    villages_changed = new_villages is not None and new_villages != set(subject.villages.all())
    if not changed and not villages_changed:
        return subject
    for field in changed:
        setattr(subject, field, data[field])
    subject._history_user = user
    subject._change_reason = CORRECTION_REASON
    validated_save(subject)
    if villages_changed:
        subject.villages.set(new_villages)
    if "group" in changed:
        _regroup_open_registrations(user, subject)
    if "village" in changed:
        _refresh_years_of(subject, title)
    return subject


def _refresh_years_of(subject, title):
    """A subject moved to another village changes which village has a named list, and
    so which declared counts the figures use (declared.py): every year it is registered
    in is counted again."""
    years = (
        Registration.objects.filter(**{SUBJECT_FIELDS[title]: subject})
        .exclude(state=Registration.State.WITHDRAWN)
        .values_list("year", flat=True)
        .distinct()
        .order_by()
    )
    for year in years:
        refresh_figures(subject.commune, year)


@transaction.atomic
def person_erase(*, user, registration):
    """On the person's request (Luật Bảo vệ dữ liệu cá nhân): a citizen's or household
    head's personal fields are blanked in the subject and in every history row, and
    returned; every name the subject was stored under goes from the admin log (the
    subject's entries, its registrations' and evaluations', whose descriptions name it),
    from their history and from the commune's notes (khuyenhoc.core.erasure). The subject,
    its registrations, evaluations, village and group stay, so every year's figures stay
    as they were. A locked list does not stop it: the law does not wait for a reviewer,
    and nothing the list's figures count changes."""
    require_writable(user, registration.commune)
    model = SUBJECT_MODELS.get(registration.title)
    if not hasattr(model, "PERSONAL"):
        raise ValidationError("Chỉ xoá được thông tin cá nhân của công dân và chủ hộ.")
    subject = _subject_locked(registration, model)
    if subject.is_erased:
        raise ValidationError("Thông tin cá nhân của đối tượng này đã được xoá.")
    names = erasure.names_in_history(subject, model.NAME_FIELD)
    for name, blank in model.PERSONAL.items():
        setattr(subject, name, blank)
    subject.erased_on = timezone.localdate()
    subject._history_user = user
    subject._change_reason = ERASE_REASON
    subject.save()
    subject.history.all().update(**model.PERSONAL)
    records = _described_by(subject, registration)
    # what the person sent from a phone (answers, ID number, evidence) goes too
    submissions_erase(registrations=records[1][1])
    erasure.mentions_erase(names=names, commune=registration.commune, records=records)
    return subject


def _described_by(subject, registration):
    """The subject and the records whose description names it: its registrations of
    every year (their commune's list index finds them) and their evaluations."""
    title = registration.title
    registrations = list(
        Registration.objects.filter(
            commune=registration.commune_id, title=title, **{title: subject}
        ).values_list("pk", flat=True)
    )
    evaluations = Evaluation.objects.filter(registration__in=registrations)
    return [
        (type(subject), [subject.pk]),
        (Registration, registrations),
        (Evaluation, list(evaluations.values_list("pk", flat=True))),
    ]


def _regroup_open_registrations(user, citizen):
    """The citizen's registrations on lists still open take the citizen's group, one
    history row each, and their years' figures are counted again."""
    locked_years = RecognitionList.objects.filter(
        commune=citizen.commune_id,
        title="citizen",
        state__in=[ListState.PROPOSED, ListState.APPROVED],
    ).values("year")
    open_ones = (
        Registration.objects.filter(citizen=citizen)
        .exclude(state=State.WITHDRAWN)
        .exclude(year__in=locked_years)
        .exclude(citizen_group=citizen.group)
    )
    years = set()
    for registration in open_ones:
        registration.citizen_group = citizen.group
        registration._history_user = user
        registration._change_reason = CORRECTION_REASON
        registration.save(update_fields=["citizen_group"])
        years.add(registration.year)
    for year in sorted(years):
        refresh_figures(citizen.commune, year)
