"""Quỹ khuyến học: funds, receipts (thu), payouts (chi) and the yearly books.

The money trail is append-only: a receipt or payout is never edited or deleted after
the day it was recorded, nor at all once its year is closed; a mistake is undone by a
reversing entry pointing to the original, booked in an open year. Balances are always
computed from the entries (ledger.py). Database triggers (migration 0004) refuse the
same writes when something bypasses the models.
"""

from .books import ENTRY_SCOPE, SCOPE, Fund, FundYear, OverdraftGrant
from .campaigns import Campaign
from .entries import ImmutableEntry, Receipt
from .payouts import Beneficiary, Payout, PrivateStorage, SignedList, private_storage
from .transfers import Transfer

__all__ = [
    "ENTRY_SCOPE",
    "SCOPE",
    "Beneficiary",
    "Campaign",
    "Fund",
    "FundYear",
    "ImmutableEntry",
    "OverdraftGrant",
    "Payout",
    "PrivateStorage",
    "Receipt",
    "SignedList",
    "Transfer",
    "private_storage",
]
