"""Change history of any record, for reviewers on the staff pages: who changed what,
when, and what it was before. Works for every model with django-simple-history and a
scoped manager, so each app gets it without writing a page."""

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from .scope import is_reviewer


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


def _changes(entries, model):
    """Each history entry with the fields that changed against the one before it."""
    labels = {f.name: str(f.verbose_name) for f in model._meta.fields}
    rows = []
    for entry in entries:
        previous = entry.prev_record
        changes = []
        if previous is not None:
            delta = entry.diff_against(previous)
            for change in delta.changes:
                changes.append((labels.get(change.field, change.field), change.old, change.new))
        rows.append({"entry": entry, "changes": changes})
    return rows


@login_required
def record_history(request, label, pk):
    if not is_reviewer(request.user):
        raise Http404("Chỉ cán bộ Hội tỉnh xem được lịch sử thay đổi.")
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
