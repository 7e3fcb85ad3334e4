"""Reads of self-service: a household's own submissions, the commune's queue and the
possible duplicates its staff should look at before accepting."""

from django.db.models import Count, Exists, OuterRef, Q

from ..models import Citizen, Household, SelfRegistration

State = SelfRegistration.State


def of_household(code):
    """What the household of `code` sent, newest year first."""
    return (
        SelfRegistration.objects.filter(code=code)
        .select_related("village", "registration", "registration__evaluation")
        .annotate(files=Count("evidence"))
        .order_by("-year", "sent_at", "id")
    )


def queue(commune, state):
    """The commune's submissions in `state`, each marked `maybe_duplicate` by the rules of
    duplicates() in one query (the page shows why)."""
    return (
        SelfRegistration.objects.filter(commune=commune, state=state)
        .select_related("village", "code")
        .annotate(files=Count("evidence"), maybe_duplicate=_maybe_duplicate())
        .order_by("sent_at", "id")
    )


def _maybe_duplicate():
    others = SelfRegistration.objects.filter(commune=OuterRef("commune")).exclude(
        Q(pk=OuterRef("pk")) | Q(state=State.REJECTED)
    )
    same_id = others.filter(id_number=OuterRef("id_number")).exclude(id_number="")
    same_name = others.filter(
        name_folded=OuterRef("name_folded"),
        village=OuterRef("village"),
        year=OuterRef("year"),
        title=OuterRef("title"),
    ).filter(Q(title="household") | Q(birth_year=OuterRef("birth_year")))
    citizen = Citizen.objects.filter(
        commune=OuterRef("commune"),
        name_folded=OuterRef("name_folded"),
        birth_year=OuterRef("birth_year"),
        village=OuterRef("village"),
    ).exclude(pk=OuterRef("citizen"))
    household = Household.objects.filter(
        commune=OuterRef("commune"),
        name_folded=OuterRef("name_folded"),
        village=OuterRef("village"),
    ).exclude(pk=OuterRef("code__household"))
    return (
        Exists(same_id)
        | Exists(same_name)
        | (Q(title="citizen") & Exists(citizen))
        | (Q(title="household") & Exists(household))
    )


def state_counts(commune) -> dict:
    rows = SelfRegistration.objects.filter(commune=commune).values("state").annotate(n=Count("id"))
    return {row["state"]: row["n"] for row in rows.order_by()}


def self_total(submission) -> int:
    return sum(submission.answers.values())


def duplicates(submission) -> list[str]:
    """Why `submission` may be someone already known: the same ID number sent before,
    or the same name (with or without diacritics), birth year and village, among what
    was sent this year and among the commune's citizens or households. Only within the
    commune: the staff see nothing of another commune's people."""
    flags = []
    others = (
        SelfRegistration.objects.filter(commune=submission.commune_id)
        .exclude(pk=submission.pk)
        .exclude(state=State.REJECTED)
    )
    if submission.id_number:
        for other in others.filter(id_number=submission.id_number).select_related("code")[:5]:
            flags.append(
                f"Cùng số CCCD với hồ sơ của {other.full_name} ({other.code}, năm {other.year})."
            )
    same_person = Q(name_folded=submission.name_folded, village=submission.village_id)
    if submission.title == "citizen":
        same_person &= Q(birth_year=submission.birth_year)
    same_year = others.filter(same_person, year=submission.year, title=submission.title)
    for other in same_year.select_related("code")[:5]:
        flags.append(f"Cùng họ tên, năm sinh, thôn với một hồ sơ khác năm nay ({other.code}).")
    if submission.title == "citizen":
        known = Citizen.objects.filter(
            commune=submission.commune_id,
            name_folded=submission.name_folded,
            birth_year=submission.birth_year,
            village=submission.village_id,
        )
        if submission.citizen_id:
            known = known.exclude(pk=submission.citizen_id)
        label = "công dân"
    else:
        known = Household.objects.filter(
            commune=submission.commune_id,
            name_folded=submission.name_folded,
            village=submission.village_id,
        )
        if submission.code.household_id:
            known = known.exclude(pk=submission.code.household_id)
        label = "hộ"
    for subject in known[:5]:
        flags.append(f"Trùng với {label} đã có trong danh sách của xã: {subject}.")
    return flags
