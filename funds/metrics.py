"""Funds' vocabulary in the summary table, in whole đồng or portions (suất): funds
writes these names (funds/figures.py) and registers them (funds/indicators.py); the
pages, the report and the downloads read them through the registry
(khuyenhoc.core.registry) and name none. Changing a name here is a data change."""

from khuyenhoc.areas.metrics import METRIC_LENGTH

# The kinds of payout: code in the metric names → Vietnamese name.
PAYOUT_KINDS = {
    "hoc_bong": "Học bổng",
    "khen_thuong": "Khen thưởng",
    "qua": "Quà",
    "ho_tro": "Hỗ trợ",
    "khac": "Khác",
}
PAYOUT_KIND_CODES = tuple(PAYOUT_KINDS)
FUND_OPENING = "funds.opening_balance"
FUND_RECEIPTS_CASH = "funds.receipts.cash"
FUND_RECEIPTS_IN_KIND = "funds.receipts.in_kind"
FUND_CLOSING = "funds.closing_balance"  # cash only
# Goods in kind (funds/goods.py): given out, and held at the end of the year, at their
# value ("quy ra tiền"); never in the cash balance.
FUND_PAYOUTS_IN_KIND = "funds.payouts.in_kind"
FUND_GOODS_CLOSING = "funds.goods.closing"
# Transfers between funds (funds.models.Transfer): moves, not money raised or paid. Into
# and out of an area's funds, and out of the province (national association, another
# province), which the "out" figure includes.
FUND_TRANSFERS_IN = "funds.transfers.in"
FUND_TRANSFERS_OUT = "funds.transfers.out"
FUND_TRANSFERS_EXTERNAL = "funds.transfers.external"


def payout_amount_metric(kind: str) -> str:
    return f"funds.payouts.{kind}.amount"


def payout_portions_metric(kind: str) -> str:
    return f"funds.payouts.{kind}.portions"


# Receipts of a year by donor category (funds.Receipt.DonorCategory), with "adjusting"
# for reversals of a closed year's receipts: the public page's "who gave" table.
DONOR_ADJUSTING = "adjusting"


def donor_count_metric(category: str) -> str:
    return f"funds.donors.{category}.count"


def donor_amount_metric(category: str) -> str:
    return f"funds.donors.{category}.amount"


# A campaign's (funds.Campaign) receipts and payouts linked to it, per area and year:
# "raised", "paid" (to people), "portions", and "sent" (transferred out of the province,
# e.g. flood relief sent to the national association; a move between two funds of the
# province stays in the campaign and is neither). The public campaign page adds up its
# years.
CAMPAIGN_MEASURES = ("raised", "paid", "portions", "sent")


def campaign_prefix(pk: int) -> str:
    return f"funds.campaigns.{pk}."


def campaign_metric(pk: int, measure: str) -> str:
    return f"{campaign_prefix(pk)}{measure}"


# Goods in kind counted by item (funds/goods.py): the quantity of each item received and
# given out, per area and year, for "quà gồm 520 ba lô, 2.000 tập giấy". The item and its
# unit, as first typed, are in the name (there is no list of items to point to); a name
# longer than the column is cut, and readers merge names that differ only by accents or
# case (funds/goods_words.py).
GOODS_DIRECTIONS = ("in", "out")
GOODS_ITEM_PREFIX = "funds.items."


def goods_item_metric(direction: str, item: str, unit: str) -> str:
    """e.g. goods_item_metric("in", "ba lô", "cái") → "funds.items.in.cái|ba lô"."""
    unit = " ".join(unit.replace("|", "/").split())
    return f"{GOODS_ITEM_PREFIX}{direction}.{unit}|{' '.join(item.split())}"[:METRIC_LENGTH]


def goods_item_of(metric: str) -> tuple[str, str, str] | None:
    """(direction, item, unit) of a goods_item_metric name, None for any other name."""
    if not metric.startswith(GOODS_ITEM_PREFIX):
        return None
    direction, _, rest = metric.removeprefix(GOODS_ITEM_PREFIX).partition(".")
    unit, _, item = rest.partition("|")
    return direction, item, unit


def every_metric(donor_categories=(), goods_items=()) -> list[str]:
    """Every metric name funds writes, in a stable order; the donor categories are the
    model's (Receipt.DonorCategory) and the goods (item, unit) as typed, passed in."""
    names = [FUND_OPENING, FUND_RECEIPTS_CASH, FUND_RECEIPTS_IN_KIND, FUND_CLOSING]
    names += [FUND_PAYOUTS_IN_KIND, FUND_GOODS_CLOSING]
    names += [FUND_TRANSFERS_IN, FUND_TRANSFERS_OUT, FUND_TRANSFERS_EXTERNAL]
    for kind in PAYOUT_KIND_CODES:
        names += [payout_amount_metric(kind), payout_portions_metric(kind)]
    for category in (*donor_categories, DONOR_ADJUSTING):
        names += [donor_count_metric(category), donor_amount_metric(category)]
    for item, unit in goods_items:
        names += [goods_item_metric(direction, item, unit) for direction in GOODS_DIRECTIONS]
    return names
