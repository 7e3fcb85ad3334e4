"""What funds states about an area and year (khuyenhoc.core.registry): the year's
opening balance, receipts in cash and in kind, payouts by kind in portions and đồng,
transfers out of the province, and what is left in cash and in goods."""

from khuyenhoc.areas import metrics as m
from khuyenhoc.core.registry import MONEY, Indicator, register

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


def register_indicators():
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
