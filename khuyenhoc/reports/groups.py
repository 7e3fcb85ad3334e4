"""The annual report's line per named group of communes (areas.CommuneGroup): the
group's sums through the figures read API, its rates computed as everywhere else
(summarise), and how many of its communes reached each title ("3/4", counted by
khuyenhoc.figures.coverage as for the province and the old districts). Four queries
whatever the number of groups."""

from django.conf import settings
from django.db.models import Count

from khuyenhoc.areas.models import CommuneGroup
from khuyenhoc.core import registry
from khuyenhoc.core.numbers import number
from khuyenhoc.figures import coverage
from khuyenhoc.figures import selectors as figures_api
from khuyenhoc.figures.indicators import summarise

from .exports import cell


def title_names() -> list[str]:
    """The titles of a group's line, with their rates, in the report's order."""
    return [i.label for i in registry.rated_titles()]


def group_lines(year) -> list[dict]:
    groups = list(
        CommuneGroup.objects.filter(province_id=settings.PROVINCE_CODE)
        .annotate(n=Count("communes"))
        .order_by("name")
    )
    if not groups:
        return []
    totals = figures_api.group_totals(year=year, groups=[g.pk for g in groups])
    members: dict[int, list[int]] = {}
    for group_id, code in CommuneGroup.communes.through.objects.filter(
        communegroup__in=groups
    ).values_list("communegroup_id", "commune_id"):
        members.setdefault(group_id, []).append(code)
    every = {code for codes in members.values() for code in codes}
    figures = figures_api.of_communes(year=year, communes=every)
    lines = []
    for group in groups:
        summary = summarise(totals.get(group.pk, {}), year)
        reached = coverage.every_title(figures.get(c, {}) for c in members.get(group.pk, []))
        lines.append(
            {
                "pk": group.pk,
                "name": group.name,
                "communes": group.n,
                "titles": [
                    {**summary["titles"][i.title], "reached": _fraction(reached[i.title])}
                    for i in registry.rated_titles()
                ],
                "commune_recognised": summary["commune_recognised"],
                "commune_reached": _fraction(reached["commune"]),
            }
        )
    return lines


def _fraction(r) -> dict[str, str]:
    """{"registered": "4/4", "recognised": "3/4"}: text, so a spreadsheet never reads a date."""
    return {stage: f"{number(r[stage])}/{number(r['total'])}" for stage in coverage.STAGES}


def sheet(lines) -> tuple[str, list[str], list[list]]:
    """The lines as the province workbook's sheet «Nhóm xã, phường»."""
    head = ["Nhóm", "Số xã, phường"]
    for name in title_names():
        head += [f"{name}: đăng ký", f"{name}: đạt", f"{name}: tỷ lệ đạt (%)"]
        head += [f"{name}: số xã có đăng ký", f"{name}: số xã có công nhận"]
    head.append("Cộng đồng học tập cấp xã: số xã đạt")
    head += ["Cộng đồng học tập cấp xã: số xã đăng ký", "Cộng đồng học tập cấp xã: số xã đạt (x/N)"]
    rows = []
    for line in lines:
        row = [line["name"], line["communes"]]
        for t in line["titles"]:
            row += [t["registered"], t["recognised"], cell(t["recognised_rate"])]
            row += [t["reached"]["registered"], t["reached"]["recognised"]]
        row.append(line["commune_recognised"])
        row += [line["commune_reached"]["registered"], line["commune_reached"]["recognised"]]
        rows.append(row)
    return ("Nhóm xã, phường", head, rows)
