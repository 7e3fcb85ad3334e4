"""Completeness and timeliness, DHIS2's "reporting rate": per commune, year and title,
whether the commune sent its list up, and whether on time against the deadline the
province set. The lists belong to titles, which names its reader on its AppConfig
(`list_submissions`): this app imports no sibling."""

from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import import_string

from khuyenhoc.areas.metrics import TITLES

SENT = ("proposed", "approved")


@dataclass(frozen=True)
class Cell:
    title: str
    label: str
    status: str  # on_time, late, sent, returned, open, overdue
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


def _cell(title, state, proposed_at, due_on, today):
    label = TITLES[title][0]
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


def table(*, year, communes, due_on, today=None) -> list[dict]:
    """One row per commune [(code, name)]: its cells (titles it registered), how many
    were sent, and whether it is behind (late, overdue or returned)."""
    today = today or timezone.localdate()
    submissions = _submissions(year, [code for code, _name in communes])
    rows = []
    for code, name in communes:
        cells = [
            _cell(title, *submissions[(code, title)], due_on, today)
            for title in TITLES
            if (code, title) in submissions
        ]
        rows.append(
            {
                "code": code,
                "name": name,
                "cells": cells,
                "reported": sum(1 for c in cells if c.reported),
                "behind": any(c.behind for c in cells) or not cells,
            }
        )
    return rows
