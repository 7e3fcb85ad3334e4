"""The reform in templates, from khuyenhoc/areas/reform.py, so that no template writes
its year or day itself: {% if y|truoc_sap_nhap %} (a year of the old units) and
{% ngay_sap_nhap %} ("01/7/2025")."""

from django import template

from khuyenhoc.areas.reform import REFORM_DAY, is_legacy_year

register = template.Library()


@register.filter
def truoc_sap_nhap(year) -> bool:
    return isinstance(year, int) and is_legacy_year(year)


@register.simple_tag
def ngay_sap_nhap() -> str:
    return REFORM_DAY
