"""The annual report's line per named group of communes (areas.CommuneGroup): the
group's sums through the figures read API, its rates computed as everywhere else
(summarise). Two queries whatever the number of groups."""

from django.conf import settings
from django.db.models import Count

from khuyenhoc.areas import metrics as m
from khuyenhoc.areas.indicators import RATE_TITLES, summarise
from khuyenhoc.areas.models import CommuneGroup
from khuyenhoc.figures import selectors as figures_api

from .exports import cell

TITLE_NAMES = [m.TITLES[t][0] for t in RATE_TITLES]


def group_lines(year) -> list[dict]:
    groups = list(
        CommuneGroup.objects.filter(province_id=settings.PROVINCE_CODE)
        .annotate(n=Count("communes"))
        .order_by("name")
    )
    totals = figures_api.group_totals(year=year, groups=[g.pk for g in groups]) if groups else {}
    lines = []
    for group in groups:
        summary = summarise(totals.get(group.pk, {}), year)
        lines.append(
            {
                "pk": group.pk,
                "name": group.name,
                "communes": group.n,
                "titles": [summary["titles"][t] for t in RATE_TITLES],
                "commune_recognised": summary["commune_recognised"],
            }
        )
    return lines


def sheet(lines) -> tuple[str, list[str], list[list]]:
    """The lines as the province workbook's sheet «Nhóm xã, phường»."""
    head = ["Nhóm", "Số xã, phường"]
    for name in TITLE_NAMES:
        head += [f"{name}: đăng ký", f"{name}: đạt", f"{name}: tỷ lệ đạt (%)"]
    head.append("Cộng đồng học tập cấp xã: số xã đạt")
    rows = []
    for line in lines:
        row = [line["name"], line["communes"]]
        for t in line["titles"]:
            row += [t["registered"], t["recognised"], cell(t["recognised_rate"])]
        row.append(line["commune_recognised"])
        rows.append(row)
    return ("Nhóm xã, phường", head, rows)
