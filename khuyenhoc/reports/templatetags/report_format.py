"""{{ row|value }}, {{ row|previous }}, {{ row|change }}: a report row's figures in
Vietnamese format, by the row's unit (count, đồng, decimal)."""

from django import template

from khuyenhoc.core import numbers

register = template.Library()


_show = numbers.of_unit


@register.filter
def value(row):
    return _show(row["value"], row["unit"])


@register.filter
def previous(row):
    return _show(row["previous"], row["unit"])


@register.filter
def change(row):
    delta = row["change"]
    if delta is None:
        return "–"
    if row["unit"] == "decimal":
        return "–"
    text = _show(abs(delta), row["unit"])
    return f"+{text}" if delta > 0 else (f"−{text}" if delta < 0 else "0")
