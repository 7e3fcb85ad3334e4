"""{% submit_once %}: the one-time token of a create form (khuyenhoc/submissions/once.py),
rendered only on the pages of views decorated with @submits_once, so a template shared
by a create and an edit page can carry the tag."""

from django import template
from django.utils.html import format_html

from ..once import FIELD, new_token

register = template.Library()


@register.simple_tag(takes_context=True)
def submit_once(context):
    request = context.get("request")
    if not getattr(request, "submits_once", False):
        return ""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
