"""Change history of any record, for staff (their communes) and reviewers on the staff
pages: who changed what, when, and what it was before. Works for every model with
django-simple-history and a scoped manager, so each app gets it without writing a page."""

from datetime import date, datetime

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from khuyenhoc.core.numbers import number


def _record(user, label, pk):
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as exc:
        raise Http404("Không có loại dữ liệu này.") from exc
    if not hasattr(model, "history") or not hasattr(model.objects, "for_user"):
        raise Http404("Loại dữ liệu này không ghi lịch sử.")
    try:
        return model, model.objects.for_user(user).get(pk=pk)
    except model.DoesNotExist as exc:
        raise Http404("Không tìm thấy bản ghi trong phạm vi của bạn.") from exc


def _is_year(field) -> bool:
    return field is not None and (field.name == "year" or field.name.endswith("_year"))


def _shown(field, value):
    """A stored value as the pages show it: a choice by its Vietnamese label, yes/no in
    words, numbers and dates in Vietnamese formats (11.089; 13/11/2024). Nothing stays
    None, which the template words; a related record stays its number."""
    if value is None or value == "":
        return None
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int) and not (field is not None and field.is_relation):
        # a year (năm sinh, năm số liệu) reads 1980, not the count-style 1.980
        return str(value) if _is_year(field) else number(value)
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return value


def _values(entry, fields):
    """(label, None, value) of every field the entry holds a value in: what a record was
    created with, or held when it was deleted."""
    out = []
    for name, field in fields.items():
        if name in ("id",) or not hasattr(entry, field.attname):
            continue
        value = _shown(field, getattr(entry, field.attname))
        if value is not None:
            out.append((str(field.verbose_name), None, value))
    return out


def _changes(entries, model):
    """Each history entry with its fields: those that changed against the entry before
    (for a change), every value it was created with (for a creation, or the first entry
    kept), every value it held (for a deletion)."""
    fields = {f.name: f for f in model._meta.fields}
    rows = []
    for entry in entries:
        previous = entry.prev_record if entry.history_type == "~" else None
        if previous is None or entry.history_type == "-":
            rows.append({"entry": entry, "changes": _values(entry, fields), "whole": True})
            continue
        changes = []
        for change in entry.diff_against(previous).changes:
            field = fields.get(change.field)
            label = str(field.verbose_name) if field else change.field
            changes.append((label, _shown(field, change.old), _shown(field, change.new)))
        rows.append({"entry": entry, "changes": changes, "whole": False})
    return rows


@login_required
def record_history(request, label, pk):
    # staff see the history of their own communes' records, reviewers the province's:
    # the record is looked up through its scope (_record)
    model, record = _record(request.user, label, pk)
    entries = record.history.select_related("history_user").order_by("-history_date")[:200]
    return render(
        request,
        "areas/history.html",
        {
            "verbose_name": model._meta.verbose_name,
            "record": record,
            "rows": _changes(entries, model),
        },
    )
