"""Completeness and timeliness, DHIS2's "reporting rate": per commune, year and title,
whether the commune sent its list up, and whether on time against the deadline the
province set. The lists belong to titles, which names its reader on its AppConfig
(`list_submissions`): this app imports no sibling."""

from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import import_string

from khuyenhoc.core import registry

SENT = ("proposed", "approved")


@dataclass(frozen=True)
class Cell:
    title: str
    label: str
    status: str  # on_time, late, sent, returned, open, overdue, none
    text: str

    @property
    def reported(self):
        return self.status in ("on_time", "late", "sent")

    @property
    def behind(self):
        return self.status in ("late", "overdue", "returned")


def _submissions(year, codes):
    found = {}
    for config in apps.get_app_configs():
        path = getattr(config, "list_submissions", None)
        if path:
            found.update(import_string(path)(year=year, communes=codes))
    return found


def every_title() -> list[str]:
    """The codes of the learning titles registered (khuyenhoc.core.registry), in order."""
    return [indicator.title for indicator in registry.titles()]


def _cell(title, state, proposed_at, due_on, today):
    label = registry.get(title).label
    if state is None:
        # Nothing registered under the title: the commune has not reported it at all.
        if due_on is not None and today > due_on:
            return Cell(title, label, "none", "Chưa báo cáo, đã quá hạn")
        return Cell(title, label, "none", "Chưa báo cáo")
    if state in SENT and proposed_at is not None:
        sent_on = timezone.localdate(proposed_at)
        when = f"{sent_on:%d/%m/%Y}"
        if due_on is None:
            return Cell(title, label, "sent", f"Đã gửi {when}")
        if sent_on <= due_on:
            return Cell(title, label, "on_time", f"Đúng hạn ({when})")
        return Cell(title, label, "late", f"Trễ hạn ({when})")
    if state == "returned":
        return Cell(title, label, "returned", "Bị trả lại, chưa gửi lại")
    if due_on is not None and today > due_on:
        return Cell(title, label, "overdue", "Quá hạn, chưa gửi")
    return Cell(title, label, "open", "Chưa gửi")


def table(*, year, communes, due_on, titles=None, today=None) -> list[dict]:
    """One row per commune [(code, name)], every commune of the list whether it reported
    or not: a cell per title (`titles`, default every title), "chưa báo cáo" where the
    commune registered nothing under it; how many were sent, and whether it is behind
    (late, overdue, returned, or nothing sent at all)."""
    today = today or timezone.localdate()
    titles = list(titles or every_title())
    submissions = _submissions(year, [code for code, _name in communes])
    rows = []
    for code, name in communes:
        cells = [
            _cell(title, *submissions.get((code, title), (None, None)), due_on, today)
            for title in titles
        ]
        reported = sum(1 for c in cells if c.reported)
        rows.append(
            {
                "code": code,
                "name": name,
                "cells": cells,
                "reported": reported,
                "behind": any(c.behind for c in cells) or not reported,
            }
        )
    return rows


def by_title(rows, titles=None) -> list[dict]:
    """Per title, over every commune of the table: how many sent on time, late, without a
    deadline, and how many have not sent (registered but unsent, returned, or nothing)."""
    out = []
    for index, title in enumerate(titles or every_title()):
        cells = [row["cells"][index] for row in rows]
        count = {status: 0 for status in ("on_time", "late", "sent")}
        for cell in cells:
            if cell.status in count:
                count[cell.status] += 1
        reported = sum(count.values())
        out.append(
            {
                "title": title,
                "label": registry.get(title).label,
                "reported": reported,
                "on_time": count["on_time"],
                "late": count["late"],
                "missing": len(cells) - reported,
                "unit_count": len(cells),
            }
        )
    return out
