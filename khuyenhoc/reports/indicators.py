"""From {metric: value} of a commune (or the sum over communes) and year to the ordered
sections and rows of the annual report.

Pure functions, no database. Rates of the titles and the members per 100 inhabitants come
from the public pages' `summarise`, so the report and /thong-ke/ cannot disagree. As there,
a figure missing from the summary table means zero when its app has written anything for
that area and year, and "no data" (None) otherwise.
"""

from khuyenhoc.areas import metrics as m
from khuyenhoc.areas.indicators import RATE_TITLES, add_up, summarise
from khuyenhoc.core.numbers import money, number, rate
from members.models import Branch

__all__ = ["GROUPS", "add_up", "build", "find", "flat_cells", "headline"]

GROUPS = {
    "to-chuc": "Tổ chức hội",
    "hoi-vien": "Hội viên",
    "cong-dan": "Công dân học tập",
    "danh-hieu": "Gia đình, dòng họ, cộng đồng, đơn vị học tập",
    "quy": "Quỹ khuyến học",
}
# Labels of the grassroots branch kinds written by members/figures.py (members.branches.<kind>),
# from the model's own choices; a kind not listed there still shows, under its code.
BRANCH_KINDS = {kind.value: kind.label for kind in Branch.GRASSROOTS}
# Units of a row's value: a count, whole đồng, or a decimal (members per 100 inhabitants).
COUNT, MONEY, DECIMAL = "count", "money", "decimal"


def _has(figures, prefix):
    return any(key.startswith(prefix) for key in figures)


def _row(key, label, value, *, unit=COUNT, level=0, **extra):
    row = {
        "key": key,
        "label": label,
        "unit": unit,
        "level": level,
        "value": value,
        "registered": None,
        "denominator": None,
        "registered_rate": None,
        "rate": None,
        "target": None,
        "below": False,
        "has_stages": False,
    }
    row.update(extra)
    return row


def _title_row(key, label, t, *, level=0):
    return _row(
        key,
        label,
        t["recognised"],
        level=level,
        registered=t["registered"],
        denominator=t["denominator"],
        registered_rate=t["registered_rate"],
        rate=t["recognised_rate"],
        target=t["target"],
        below=t["below"],
        has_stages=True,
        source=t["source"],
    )


def _organisation(figures):
    known = _has(figures, "members.")
    total = figures.get(m.BRANCHES_GRASSROOTS, 0) if known else None
    rows = [_row("branches", "Chi hội và Ban khuyến học", total)]
    prefix = m.BRANCHES_GRASSROOTS + "."
    kinds = list(BRANCH_KINDS) + sorted(
        k.removeprefix(prefix)
        for k in figures
        if k.startswith(prefix) and k.removeprefix(prefix) not in BRANCH_KINDS
    )
    for kind in kinds:
        value = figures.get(m.branch_kind_metric(kind), 0) if known else None
        rows.append(_row(f"branches.{kind}", BRANCH_KINDS.get(kind, kind), value, level=1))
    return rows


def _members(figures, summary):
    known = _has(figures, "members.")

    def get(metric):
        return figures.get(metric, 0) if known else None

    return [
        _row("population", "Dân số", summary["population"]),
        _row("members.start", "Hội viên đầu năm", get(m.MEMBERS_START)),
        _row("members.joined", "Kết nạp trong năm", get(m.MEMBERS_JOINED), level=1),
        _row("members.left", "Ra khỏi hội trong năm", get(m.MEMBERS_LEFT), level=1),
        _row("members.end", "Hội viên cuối năm", summary["members"]),
        _row("members.per100", "Hội viên trên 100 dân", summary["members_per_100"], unit=DECIMAL),
    ]


def _citizens(figures, summary):
    known = _has(figures, "titles.")
    rows = [_title_row("citizen", m.TITLES["citizen"][0], summary["titles"]["citizen"])]
    for group, label in m.CITIZEN_GROUPS.items():
        registered = figures.get(m.citizen_group_metric(group, "registered"), 0) if known else None
        recognised = figures.get(m.citizen_group_metric(group, "recognised"), 0) if known else None
        rows.append(
            _row(
                f"citizen.g{group}",
                f"Nhóm {group}: {label}",
                recognised,
                level=1,
                registered=registered,
                has_stages=True,
            )
        )
    return rows


def _titles(summary, communes):
    rows = []
    for title in RATE_TITLES:
        if title == "citizen":
            continue
        rows.append(_title_row(title, m.TITLES[title][0], summary["titles"][title]))
        if title == "village":
            registered = summary["commune_registered"]
            recognised = summary["commune_recognised"]
            whole = communes if recognised is not None else None
            rows.append(
                _row(
                    "commune",
                    m.TITLES["commune"][0],
                    recognised,
                    registered=registered,
                    denominator=whole,
                    registered_rate=rate(registered, whole),
                    rate=rate(recognised, whole),
                    has_stages=True,
                )
            )
    return rows


def _funds(figures, summary):
    known = _has(figures, "funds.")

    def get(metric):
        return figures.get(metric, 0) if known else None

    rows = [
        _row("funds.opening", "Tồn quỹ đầu năm", get(m.FUND_OPENING), unit=MONEY),
        _row("funds.receipts", "Tổng thu", summary["receipts"], unit=MONEY),
        _row(
            "funds.receipts.cash", "Thu bằng tiền", get(m.FUND_RECEIPTS_CASH), unit=MONEY, level=1
        ),
        _row(
            "funds.receipts.in_kind",
            "Thu bằng hiện vật (quy ra tiền)",
            get(m.FUND_RECEIPTS_IN_KIND),
            unit=MONEY,
            level=1,
        ),
        _row("funds.payouts", "Tổng chi", summary["payouts"], unit=MONEY),
        _row(
            "funds.payouts.in_kind",
            "Trong đó chi bằng hiện vật (quy ra tiền)",
            get(m.FUND_PAYOUTS_IN_KIND),
            unit=MONEY,
            level=1,
        ),
    ]
    for kind, label in m.PAYOUT_KINDS.items():
        rows.append(
            _row(
                f"funds.{kind}.portions",
                f"{label}: số suất",
                get(m.payout_portions_metric(kind)),
                level=1,
            )
        )
        rows.append(
            _row(
                f"funds.{kind}.amount",
                f"{label}: số tiền",
                get(m.payout_amount_metric(kind)),
                unit=MONEY,
                level=1,
            )
        )
    rows.append(
        _row(
            "funds.transfers.external",
            "Chuyển quỹ ra ngoài tỉnh",
            get(m.FUND_TRANSFERS_EXTERNAL),
            unit=MONEY,
        )
    )
    # The published "tồn quỹ" counts the goods still held at their value; the portal
    # keeps them apart from the cash (funds/goods.py) and states both under it.
    cash, goods = get(m.FUND_CLOSING), get(m.FUND_GOODS_CLOSING)
    total = None if cash is None else cash + goods
    rows.append(_row("funds.closing_total", "Tồn quỹ cuối năm", total, unit=MONEY))
    rows.append(_row("funds.closing", "Tồn bằng tiền", cash, unit=MONEY, level=1))
    rows.append(_row("funds.goods", "Hiện vật còn lại (quy ra tiền)", goods, unit=MONEY, level=1))
    return rows


def _sections(figures, year, communes):
    summary = summarise(figures, year)
    return [
        {"key": "to-chuc", "title": GROUPS["to-chuc"], "rows": _organisation(figures)},
        {"key": "hoi-vien", "title": GROUPS["hoi-vien"], "rows": _members(figures, summary)},
        {"key": "cong-dan", "title": GROUPS["cong-dan"], "rows": _citizens(figures, summary)},
        {"key": "danh-hieu", "title": GROUPS["danh-hieu"], "rows": _titles(summary, communes)},
        {"key": "quy", "title": GROUPS["quy"], "rows": _funds(figures, summary)},
    ]


def build(figures: dict[str, int], year: int, *, previous=None, communes: int = 1) -> list:
    """The report's sections for one area and year; `previous` is {metric: value} of the
    year before (compared row by row), `communes` the denominator of Cộng đồng học tập cấp
    xã (1 for a commune, the number of communes for the province)."""
    sections = _sections(figures, year, communes)
    before = {}
    for section in _sections(previous or {}, year - 1, communes):
        for row in section["rows"]:
            before[row["key"]] = row
    for section in sections:
        for row in section["rows"]:
            old = before[row["key"]]
            row["previous"] = old["value"]
            row["previous_rate"] = old["rate"]
            row["change"] = (
                row["value"] - old["value"]
                if row["value"] is not None and old["value"] is not None
                else None
            )
    return sections


def find(sections, key):
    for section in sections:
        for row in section["rows"]:
            if row["key"] == key:
                return row
    raise KeyError(key)


def flat_cells(section) -> list[tuple[str, object]]:
    """(label, value) per line of a section, titles split into registered, achieved and
    rate: the rows of the province's sheets, which have a column per commune."""
    cells = []
    for row in section["rows"]:
        if row["has_stages"]:
            cells.append((f"{row['label']}: đăng ký", row["registered"]))
            cells.append((f"{row['label']}: đạt", row["value"]))
            if row["level"] == 0:
                cells.append((f"{row['label']}: tỷ lệ đạt (%)", row["rate"]))
        else:
            cells.append((row["label"], row["value"]))
    return cells


def headline(sections, *, area="xã") -> list[str]:
    """The report's opening sentence, in the words associations use, as parts."""

    def value(key):
        return find(sections, key)["value"]

    parts = []
    if value("branches") is not None:
        parts.append(
            f"Toàn {area} có {number(value('branches'))} chi hội và Ban khuyến học "
            f"với {number(value('members.end'))} hội viên"
        )
    if value("household") is not None:
        parts.append(
            f"{number(value('household'))} hộ đạt Gia đình học tập, "
            f"{number(value('clan'))} dòng họ học tập, "
            f"{number(value('village'))} thôn, tổ dân phố đạt Cộng đồng học tập "
            f"và {number(value('unit'))} Đơn vị học tập"
        )
    if value("funds.receipts") is not None:
        parts.append(
            f"thu quỹ {money(value('funds.receipts'))}, chi khen thưởng "
            f"{money(value('funds.khen_thuong.amount'))}, trao "
            f"{number(value('funds.hoc_bong.portions'))} suất học bổng, trị giá "
            f"{money(value('funds.hoc_bong.amount'))}"
        )
    return parts
