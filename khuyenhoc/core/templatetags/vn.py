"""Template filters for Vietnamese figures: {{ n|so }}, {{ r|phantram }}, {{ m|dong }},
{{ v|theo_don_vi:unit }},
{% soluong n unit item %}."""

from django import template

from khuyenhoc.core import numbers

register = template.Library()


@register.filter
def so(value):
    return numbers.number(value)


@register.filter
def thapphan(value, places=1):
    return numbers.decimal(value, places)


@register.filter
def phantram(value, places=1):
    return numbers.percent(value, places)


@register.filter
def dong(value):
    return numbers.money(value)


@register.filter
def theo_don_vi(value, unit):
    """{{ line.value|theo_don_vi:line.unit }}: a registered indicator's value by its unit."""
    return numbers.of_unit(value, unit)


@register.simple_tag
def soluong(value, unit, item):
    """{% soluong 520 "cái" "ba lô" %} → 520 ba lô (numbers.quantity)."""
    return numbers.quantity(value, unit, item)


@register.simple_tag
def tyle(part, whole, places=1):
    return numbers.percent(numbers.rate(part, whole), places)
