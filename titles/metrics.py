"""Titles' words for the codes in the summary table's metric names (khuyenhoc.areas.metrics,
which imports no app and keeps the codes alone)."""

from django.core.exceptions import ImproperlyConfigured

from khuyenhoc.areas.metrics import CITIZEN_GROUP_NUMBERS

# The four groups of people of the Công dân học tập criteria (324/QĐ-KHVN; group 4 to confirm).
CITIZEN_GROUPS = {
    1: "Nông dân và lao động nông thôn",
    2: "Công nhân, lao động tiểu thủ công, thợ sửa chữa, lao động tự do",
    3: "Cán bộ, công chức, viên chức, nhân viên",
    4: "Học sinh, sinh viên, học viên",
}
if tuple(CITIZEN_GROUPS) != CITIZEN_GROUP_NUMBERS:  # a group without figures, or figures unnamed
    raise ImproperlyConfigured("titles CITIZEN_GROUPS and areas' CITIZEN_GROUP_NUMBERS differ")
