"""{% history_link record %}: the link to a record's change history, on every record page
of every app (areas:history shows any model that keeps a history and has a scope)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def history_link(record, text="Lịch sử thay đổi"):
    if record is None or record.pk is None or not hasattr(type(record), "history"):
        return ""
    url = reverse("areas:history", args=[record._meta.label, record.pk])
    return format_html('<a class="history-link" href="{}">{}</a>', url, text)
