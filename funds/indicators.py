"""What funds states about an area and year (khuyenhoc.core.registry): the year's
opening balance, receipts in cash and in kind, payouts by kind in portions and đồng,
transfers out of the province, and what is left in cash and in goods."""

from khuyenhoc.core.numbers import money, number
from khuyenhoc.core.registry import (
    MONEY,
    Indicator,
    register,
    register_headline,
    register_moves,
)

from . import goods_words
from . import metrics as m
from .metrics import PAYOUT_KINDS


def _payouts():
    for index, (kind, label) in enumerate(PAYOUT_KINDS.items()):
        yield Indicator(
            key=f"funds.{kind}.portions",
            label=f"{label}: số suất",
            section="quy",
            metrics=(m.payout_portions_metric(kind),),
            level=1,
            order=40 + 2 * index,
            short=label,  # the commune page's line per kind: amount (portions)
        )
        yield Indicator(
            key=f"funds.{kind}.amount",
            label=f"{label}: số tiền",
            section="quy",
            metrics=(m.payout_amount_metric(kind),),
            unit=MONEY,
            level=1,
            order=41 + 2 * index,
            short=label,
        )


def _headline(value, _area, figures):
    """The annual report's opening words on the funds, with the goods in kind by item
    ("trao hiện vật gồm 520 ba lô, 2.000 tập giấy") given the area's figures."""
    parts = []
    if value("funds.receipts") is not None:
        parts.append(
            f"thu quỹ {money(value('funds.receipts'))}, chi khen thưởng "
            f"{money(value('funds.khen_thuong.amount'))}, trao "
            f"{number(value('funds.hoc_bong.portions'))} suất học bổng, trị giá "
            f"{money(value('funds.hoc_bong.amount'))}"
        )
    for direction, words in (("in", "nhận hiện vật gồm"), ("out", "trao hiện vật gồm")):
        if figures is not None and (goods := goods_words.phrase(figures, direction)):
            parts.append(f"{words} {goods}")
    return parts


def register_indicators():
    register_headline("funds", 30, _headline)
    # a move between two funds of the province is neither in nor out of the province
    register_moves(m.FUND_TRANSFERS_IN, m.FUND_TRANSFERS_OUT)
    register(
        Indicator(
            key="funds.opening",
            label="Tồn quỹ đầu năm",
            section="quy",
            metrics=(m.FUND_OPENING,),
            unit=MONEY,
            order=10,
        ),
        Indicator(
            key="funds.receipts",
            label="Tổng thu",
            section="quy",
            metrics=(m.FUND_RECEIPTS_CASH, m.FUND_RECEIPTS_IN_KIND),
            unit=MONEY,
            summary="receipts",
            order=20,
            column="Thu quỹ (đồng)",
            column_order=90,
        ),
        Indicator(
            key="funds.receipts.cash",
            label="Thu bằng tiền",
            section="quy",
            metrics=(m.FUND_RECEIPTS_CASH,),
            unit=MONEY,
            level=1,
            order=21,
        ),
        Indicator(
            key="funds.receipts.in_kind",
            label="Thu bằng hiện vật (quy ra tiền)",
            section="quy",
            metrics=(m.FUND_RECEIPTS_IN_KIND,),
            unit=MONEY,
            level=1,
            order=22,
        ),
        Indicator(
            key="funds.payouts",
            label="Tổng chi",
            section="quy",
            metrics=tuple(m.payout_amount_metric(kind) for kind in PAYOUT_KINDS),
            unit=MONEY,
            summary="payouts",
            order=30,
            column="Chi quỹ (đồng)",
            column_order=100,
        ),
        Indicator(
            key="funds.payouts.in_kind",
            label="Trong đó chi bằng hiện vật (quy ra tiền)",
            section="quy",
            metrics=(m.FUND_PAYOUTS_IN_KIND,),
            unit=MONEY,
            level=1,
            order=31,
        ),
        *_payouts(),
        Indicator(
            key="funds.transfers.external",
            label="Chuyển quỹ ra ngoài tỉnh",
            section="quy",
            metrics=(m.FUND_TRANSFERS_EXTERNAL,),
            unit=MONEY,
            order=60,
        ),
        # The published "tồn quỹ" counts the goods still held at their value; the portal
        # keeps them apart from the cash (funds/goods.py) and states both under it.
        Indicator(
            key="funds.closing_total",
            label="Tồn quỹ cuối năm",
            section="quy",
            metrics=(m.FUND_CLOSING, m.FUND_GOODS_CLOSING),
            unit=MONEY,
            order=70,
        ),
        Indicator(
            key="funds.closing",
            label="Tồn bằng tiền",
            section="quy",
            metrics=(m.FUND_CLOSING,),
            unit=MONEY,
            level=1,
            order=71,
        ),
        Indicator(
            key="funds.goods",
            label="Hiện vật còn lại (quy ra tiền)",
            section="quy",
            metrics=(m.FUND_GOODS_CLOSING,),
            unit=MONEY,
            level=1,
            order=72,
        ),
    )
