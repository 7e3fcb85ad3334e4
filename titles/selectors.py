"""Reads of the titles app, always through the scoping mechanism."""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404

from khuyenhoc.areas.metrics import TITLES
from khuyenhoc.areas.scope import get_commune_or_404, is_reviewer

from .models import RecognitionList, Registration

SUBJECT_RELATIONS = ["citizen", "household", "clan", "village", "unit", "commune"]


def commune_and_title(user, code, title):
    commune = get_commune_or_404(user, code)
    if title not in TITLES:
        raise Http404("Không có danh hiệu này.")
    return commune


def registration_or_404(user, pk) -> Registration:
    return get_object_or_404(
        Registration.objects.for_user(user).select_related("commune", *SUBJECT_RELATIONS[:-1]),
        pk=pk,
    )


def reviewer_or_404(user):
    if not is_reviewer(user):
        raise Http404("Trang dành cho cán bộ Hội tỉnh.")


def stage_counts(commune, year) -> dict[str, dict[str, int]]:
    """{title: {state: n}} for one commune and year."""
    counts: dict[str, dict[str, int]] = {t: {} for t in TITLES}
    rows = (
        Registration.objects.filter(commune=commune, year=year)
        .values("title", "state")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        counts[row["title"]][row["state"]] = row["n"]
    return counts


def lists_of(commune, year) -> dict[str, RecognitionList]:
    return {r.title: r for r in RecognitionList.objects.filter(commune=commune, year=year)}


def awaiting_review(user):
    return (
        RecognitionList.objects.for_user(user)
        .filter(state=RecognitionList.State.PROPOSED)
        .select_related("commune")
        .order_by("proposed_at")
    )
