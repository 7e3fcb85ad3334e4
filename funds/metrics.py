"""Funds' words for the codes in the summary table's metric names (khuyenhoc.areas.metrics,
which imports no app and keeps the codes alone)."""

from django.core.exceptions import ImproperlyConfigured

from khuyenhoc.areas.metrics import PAYOUT_KIND_CODES

# Funds (funds/figures.py), in whole đồng or portions (suất), by kind of payout.
PAYOUT_KINDS = {
    "hoc_bong": "Học bổng",
    "khen_thuong": "Khen thưởng",
    "qua": "Quà",
    "ho_tro": "Hỗ trợ",
    "khac": "Khác",
}
if tuple(PAYOUT_KINDS) != PAYOUT_KIND_CODES:  # a kind without figures, or figures unnamed
    raise ImproperlyConfigured("funds.metrics.PAYOUT_KINDS and areas' PAYOUT_KIND_CODES differ")
