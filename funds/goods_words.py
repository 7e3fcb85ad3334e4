"""Goods in kind by item, read from an area's summary figures (funds.metrics
goods_item_metric): what the public fund page and the annual report state as "quà gồm
520 ba lô, 2.000 tập giấy, 200 thùng quần áo". No query: the figures are read through
selectors like every other metric."""

from khuyenhoc.core.numbers import quantity
from khuyenhoc.core.text import fold

from .metrics import goods_item_of


def items(metrics: dict[str, int], direction: str) -> list[dict]:
    """[{item, unit, quantity}] received ("in") or given out ("out"), by item name. Names
    that differ only by accents or case (two communes typing "ba lô" and "Ba lo") are one
    item, under the spelling that counts the most of it."""
    spellings: dict[tuple[str, str], dict[tuple[str, str], int]] = {}
    for metric, value in metrics.items():
        parsed = goods_item_of(metric)
        if parsed is None or parsed[0] != direction or not value:
            continue
        _direction, item, unit = parsed
        spelled = spellings.setdefault((fold(item), fold(unit)), {})
        spelled[(item, unit)] = spelled.get((item, unit), 0) + value
    rows = []
    for key in sorted(spellings):
        spelled = spellings[key]
        item, unit = max(sorted(spelled), key=lambda s: spelled[s])
        if total := sum(spelled.values()):
            rows.append({"item": item, "unit": unit, "quantity": total})
    return rows


def phrase(metrics: dict[str, int], direction: str) -> str:
    """ "520 ba lô, 2.000 tập giấy, 200 thùng quần áo", or "" when no goods were counted."""
    return ", ".join(
        quantity(r["quantity"], r["unit"], r["item"]) for r in items(metrics, direction)
    )
