"""Two payouts at the same moment, each from its own connection (transaction=True so they
really commit): neither money nor goods ever go below zero."""

import threading

import pytest
from django.db import connection, connections

from funds import goods, ledger, services

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs row locks: runs on PostgreSQL"
    ),
]


def race(*writes):
    """Runs the writes at once; the refusals they raised."""
    start = threading.Barrier(len(writes))
    refusals = []

    def run(write):
        try:
            start.wait()
            write()
        except Exception as exc:  # reported below
            refusals.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(w,)) for w in writes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return refusals


def test_two_payouts_that_together_exceed_the_balance_never_both_pass(staff_a, fund_a, today):
    def pay():
        services.payout_batch_record(
            user=staff_a, fund=fund_a, date=today, kind="hoc_bong", portions=6,
            unit_amount=500_000,
        )  # fmt: skip

    refusals = race(pay, pay)
    assert len(refusals) == 1 and "không đủ chi" in str(refusals[0])
    assert ledger.balance(fund_a) == 2_000_000


def test_two_goods_payouts_that_together_exceed_the_stock_never_both_pass(
    staff_a, fund_a, give, today
):
    give(10_000_000, in_kind=True, item_description="Xe đạp", item_quantity=10, unit="chiếc")

    def give_out():
        services.goods_payout_record(
            user=staff_a, fund=fund_a, date=today, kind="qua", item="Xe đạp", unit="chiếc",
            quantity=6,
        )  # fmt: skip

    refusals = race(give_out, give_out)
    assert len(refusals) == 1 and "Kho chỉ còn 4 Xe đạp" in str(refusals[0])
    assert goods.stock(fund_a)[0]["quantity"] == 4
