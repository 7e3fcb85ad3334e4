"""Reads of the register, always through Member.objects.for_user()."""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from khuyenhoc.core.text import fold

from .models import Branch, Member


def members_of(user, commune):
    return Member.objects.for_user(user).filter(commune=commune)


def member_or_404(user, commune, pk) -> Member:
    return get_object_or_404(members_of(user, commune).select_related("branch"), pk=pk)


def branch_or_404(user, commune, pk) -> Branch:
    return get_object_or_404(Branch.objects.for_user(user).filter(commune=commune), pk=pk)


def filtered(queryset, data: dict):
    """The list's filters; `data` is a valid FilterForm's cleaned_data."""
    q = (data.get("q") or "").strip()
    if q:
        match = Q(name_folded__contains=fold(q))
        if any(ch.isdigit() for ch in q):
            match |= Q(member_number=q)
        queryset = queryset.filter(match)
    if data.get("branch"):
        queryset = queryset.filter(branch=data["branch"])
    if data.get("village"):
        queryset = queryset.filter(branch__village=data["village"])
    status = data.get("status")
    if status == "dang":
        queryset = queryset.filter(left_on__isnull=True)
    elif status == "roi":
        queryset = queryset.filter(left_on__isnull=False)
    elif status == "xoa":
        queryset = queryset.filter(erased_on__isnull=False)
    if data.get("year"):
        queryset = queryset.filter(joined_on__year=data["year"])
    return queryset.order_by("name_folded", "id")


def in_order(ids) -> list[Member]:
    """The members with these ids, in the order given."""
    ids = list(ids)
    found = Member.objects.select_related("branch").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
