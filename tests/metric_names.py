"""Every metric name of the summary table, for the tests: the denominators of areas and
the vocabulary of titles, members and funds (each app's metrics.py), in one namespace."""

from funds import metrics as _funds
from funds.metrics import *  # noqa: F403
from khuyenhoc.areas.metrics import *  # noqa: F403
from khuyenhoc.areas.metrics import every_metric as _area_metrics
from members import metrics as _members
from members.metrics import *  # noqa: F403
from titles import metrics as _titles
from titles.metrics import *  # noqa: F403


def every_metric(*, branch_kinds=(), donor_categories=(), goods_items=()) -> list[str]:
    """Every metric name the apps write to the summary table, in a stable order."""
    return (
        _area_metrics()
        + _titles.every_metric()
        + _members.every_metric(branch_kinds)
        + _funds.every_metric(donor_categories, goods_items)
    )
