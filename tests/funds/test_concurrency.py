"""Several sessions recording receipts on one fund at the same moment, each thread with
its own database connection (transaction=True so they really commit)."""

import threading

import pytest
from django.db import connection, connections

from funds import ledger, services
from funds.models import Receipt

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs row locks: runs on PostgreSQL"
    ),
]

THREADS = 8
EACH = 12


def test_concurrent_receipts_lose_nothing_and_never_share_or_skip_a_number(staff_a, fund_a, today):
    start = threading.Barrier(THREADS)
    errors = []

    def session(index):
        try:
            start.wait()
            for k in range(EACH):
                services.receipt_record(
                    user=staff_a,
                    fund=fund_a,
                    date=today,
                    amount=1_000 * (index + 1) + k,
                    donor_category="person",
                    donor_name=f"Người {index}-{k}",
                )
        except Exception as exc:  # reported below: the assertion shows what went wrong
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=session, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = sorted(Receipt.objects.filter(fund=fund_a).values_list("number", flat=True))
    assert numbers == list(range(1, THREADS * EACH + 1))
    expected = sum(1_000 * (i + 1) + k for i in range(THREADS) for k in range(EACH))
    assert ledger.balance(fund_a) == 5_000_000 + expected
