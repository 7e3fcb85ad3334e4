"""The public page of a named group of communes (/thong-ke/nhom/<id>/): the group's
totals per title and its communes with their figures, read through the figures API in
a bounded number of queries. Aggregates only, as every public page."""

from django.conf import settings
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render

from khuyenhoc.areas.models import CommuneGroup
from khuyenhoc.core import registry
from khuyenhoc.figures import coverage
from khuyenhoc.figures import selectors as figures_api
from khuyenhoc.figures.indicators import summarise
from khuyenhoc.figures.years import pick_year

from .caching import anonymous_cache
from .selectors import sort_name


def groups_of_province() -> list[tuple[int, str, int]]:
    """(id, name, number of communes) of the province's groups: one query."""
    rows = CommuneGroup.objects.filter(province_id=settings.PROVINCE_CODE).annotate(
        n=Count("communes")
    )
    return list(rows.order_by("name").values_list("pk", "name", "n"))


def _group_or_404(pk) -> CommuneGroup:
    group = CommuneGroup.objects.filter(pk=pk, province_id=settings.PROVINCE_CODE).first()
    if group is None:
        raise Http404("Không tìm thấy nhóm xã, phường này.")
    return group


def _title_rows(summary):
    return [{"name": i.label, **summary["titles"][i.title]} for i in registry.rated_titles()]


@anonymous_cache
def group(request, pk):
    group = _group_or_404(pk)
    communes = list(group.communes.order_by("name").values_list("code", "name", "kind"))
    years = figures_api.years_of_group(group.pk)
    year = pick_year(request, years)
    context = {"group": group, "years": years, "year": year, "commune_count": len(communes)}
    if year is not None:
        total = figures_api.group_totals(year=year, groups=[group.pk]).get(group.pk, {})
        figures = figures_api.of_communes(year=year, communes=[c for c, _n, _k in communes])
        summary = summarise(total, year)
        rows = []
        for code, name, kind in communes:
            mine = summarise(figures.get(code, {}), year)
            cells = [mine["titles"][i.title] for i in registry.rated_titles()]
            rows.append(
                {
                    "code": code,
                    "name": name,
                    "sort": sort_name(name, kind),
                    "cells": cells,
                    "commune_recognised": mine["commune_recognised"],
                }
            )
        rows.sort(key=lambda r: r["sort"])
        # x/N over every commune of the group, those without figures included (one rule).
        reached = coverage.every_title(figures.get(code, {}) for code, _n, _k in communes)
        context |= {
            "reached": coverage.statements(reached, "xã, phường"),
            "summary": summary,
            "title_rows": _title_rows(summary),
            "short": [i.short for i in registry.rated_titles()],
            "rows": rows,
        }
    return render(request, "public/group.html", context)
