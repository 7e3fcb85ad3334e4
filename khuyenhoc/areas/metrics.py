"""The vocabulary of the summary table: every metric name an app writes, with the
denominator its rate is computed against. Apps write these names (through their
figures.py); public pages and reports read them. Changing a name here is a data change.
"""

# Denominators written by areas/figures.py from the yearly Denominator rows.
POPULATION = "areas.population"
ADULTS = "areas.adults"
HOUSEHOLDS = "areas.households"
CLANS = "areas.clans"
VILLAGES = "areas.villages"
UNITS = "areas.units"

# Learning titles: code → (Vietnamese name, denominator metric or None for "1 commune").
TITLES = {
    "citizen": ("Công dân học tập", ADULTS),
    "household": ("Gia đình học tập", HOUSEHOLDS),
    "clan": ("Dòng họ học tập", CLANS),
    "village": ("Cộng đồng học tập cấp thôn", VILLAGES),
    "commune": ("Cộng đồng học tập cấp xã", None),
    "unit": ("Đơn vị học tập", UNITS),
}
TITLE_STAGES = {
    "registered": "đăng ký",
    "evaluated": "đã đánh giá",
    "proposed": "đề nghị công nhận",
    "recognised": "được công nhận",
    "not_recognised": "không được công nhận",
}
# The numbers of the groups of people of the Công dân học tập criteria in the metric
# names; titles names them (titles/metrics.py: CITIZEN_GROUPS).
CITIZEN_GROUP_NUMBERS = (1, 2, 3, 4)


def title_metric(title: str, stage: str) -> str:
    """e.g. title_metric("household", "recognised") → "titles.household.recognised"."""
    return f"titles.{title}.{stage}"


def declared_metric(title: str, stage: str) -> str:
    """The part of title_metric(title, stage) ("registered" or "recognised") that comes
    from counts declared without a named list (titles/declared.py): the pages say
    "tổng hợp" or "theo danh sách" by it."""
    return f"titles.{title}.declared.{stage}"


DECLARED_STAGES = ("registered", "recognised")


def citizen_group_metric(group: int, stage: str) -> str:
    return f"titles.citizen.g{group}.{stage}"


# Members and branches (members/figures.py).
MEMBERS_START = "members.start_of_year"
MEMBERS_END = "members.end_of_year"
MEMBERS_JOINED = "members.joined"
MEMBERS_LEFT = "members.left"
BRANCHES_GRASSROOTS = "members.branches"  # chi hội and Ban khuyến học active at year end


def branch_kind_metric(kind: str) -> str:
    return f"members.branches.{kind}"


# Funds (funds/figures.py), in whole đồng or portions (suất).
# The codes of the kinds of payout in the metric names; funds names them
# (funds/metrics.py: PAYOUT_KINDS).
PAYOUT_KIND_CODES = ("hoc_bong", "khen_thuong", "qua", "ho_tro", "khac")
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
# case (khuyenhoc.figures.goods).
GOODS_DIRECTIONS = ("in", "out")
GOODS_ITEM_PREFIX = "funds.items."
METRIC_LENGTH = 60  # areas.models.Figure.metric


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


# National targets of programme 677/QĐ-TTg (percent of the denominator), by year.
TARGETS = {
    2025: {"household": 40, "clan": 40, "village": 40, "unit": 60},
    2030: {"household": 60, "clan": 60, "village": 60, "unit": 80},
}


# The years each milestone of 677/QĐ-TTg applied to: the programme runs 2021–2030. A
# year outside it has no target here (281/QĐ-TTg's for 2020 are not shipped: every page
# names 677/QĐ-TTg), rather than a target decided after, or meant for before, that year.
TARGET_YEARS = {2025: range(2021, 2026), 2030: range(2026, 2031)}


def target_for(title: str, year: int) -> int | None:
    """The target in force for a year: 2025's for 2021–2025, 2030's for 2026–2030,
    none outside the programme."""
    for milestone, years in TARGET_YEARS.items():
        if year in years:
            return TARGETS[milestone].get(title)
    return None


def every_metric(*, branch_kinds=(), donor_categories=(), goods_items=()) -> list[str]:
    """Every metric name the apps write to the summary table, in a stable order. The
    codes of branch kinds and donor categories belong to members and funds, which pass
    them in (areas imports no app), as do the (item, unit) of goods counted by item."""
    names = [POPULATION, ADULTS, HOUSEHOLDS, CLANS, VILLAGES, UNITS]
    for title in TITLES:
        names += [title_metric(title, stage) for stage in TITLE_STAGES]
    for group in CITIZEN_GROUP_NUMBERS:
        names += [citizen_group_metric(group, stage) for stage in TITLE_STAGES]
    names += [MEMBERS_START, MEMBERS_END, MEMBERS_JOINED, MEMBERS_LEFT, BRANCHES_GRASSROOTS]
    names += [branch_kind_metric(kind) for kind in branch_kinds]
    names += [FUND_OPENING, FUND_RECEIPTS_CASH, FUND_RECEIPTS_IN_KIND, FUND_CLOSING]
    names += [FUND_PAYOUTS_IN_KIND, FUND_GOODS_CLOSING]
    names += [FUND_TRANSFERS_IN, FUND_TRANSFERS_OUT, FUND_TRANSFERS_EXTERNAL]
    for kind in PAYOUT_KIND_CODES:
        names += [payout_amount_metric(kind), payout_portions_metric(kind)]
    for category in (*donor_categories, DONOR_ADJUSTING):
        names += [donor_count_metric(category), donor_amount_metric(category)]
    for item, unit in goods_items:
        names += [goods_item_metric(direction, item, unit) for direction in GOODS_DIRECTIONS]
    return names
