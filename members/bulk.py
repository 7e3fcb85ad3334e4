"""Writing many members at once (import, demo) through the one bulk writer
(khuyenhoc.core.db.copy): PostgreSQL's COPY for the register and its history, about ten
times faster than bulk_create; multi-row INSERTs elsewhere (SQLite)."""

from django.db import connection
from django.utils import timezone

from khuyenhoc.core.db.copy import (
    copy_line,
    copy_statements,
    copy_text,
    history_tail,
    insert_history,
    reserve_ids,
    run_copies,
    uses_copy,
    with_history,
)
from khuyenhoc.core.db.inserts import db_datetime, insert_rows
from khuyenhoc.core.db.statistics import analyze_if_grown

from .models import Member

# The fields a bulk writer supplies, in this order, for each new member.
COLUMNS = (
    "province_id",
    "commune_id",
    "branch_id",
    "member_number",
    "full_name",
    "name_folded",
    "birth_year",
    "gender",
    "phone",
    "joined_on",
    "left_on",
    "leave_reason",
)
_FOLDED = COLUMNS.index("name_folded")
# What the history keeps of a member (it leaves out name_folded and updated_at).
KEPT = ("created_at", *(c for c in COLUMNS if c != "name_folded"))
OWN = ("updated_at", "name_folded")


def insert_members(rows: list[tuple], *, user=None, history=True) -> int:
    """Insert new members given as tuples in COLUMNS order; returns how many."""
    if not rows:
        return 0
    user = user if user is not None and user.is_authenticated else None
    if not uses_copy():
        return _insert(rows, user, history)
    now = timezone.now()
    stamp = copy_text(now)  # created and updated, the same for every row
    # each row's values are put in COPY's format once, for the register and its history
    texts = [copy_line((*row[:_FOLDED], *row[_FOLDED + 1 :])) for row in rows]
    with connection.cursor() as cursor:
        ids = reserve_ids(cursor, Member, len(rows))
    lines = [f"{pk}\t{stamp}\t{text}" for pk, text in zip(ids, texts, strict=True)]
    own = [f"{stamp}\t{copy_text(row[_FOLDED])}" for row in rows]
    copies = with_history(
        copy_statements(Member, ["id", *KEPT], OWN), lines, history_tail(when=now, user=user), own
    )
    run_copies(copies if history else copies[:1])
    # the members' figures are computed next, in this transaction (core.db.statistics)
    analyze_if_grown([Member], len(rows))
    return len(rows)


def _insert(rows, user, history) -> int:
    now = db_datetime(timezone.now())
    kept = [(now, *row[:_FOLDED], *row[_FOLDED + 1 :]) for row in rows]
    ids = insert_rows(
        Member,
        [*KEPT, *OWN],
        [(*k, now, row[_FOLDED]) for k, row in zip(kept, rows, strict=True)],
        returning_id=history,
    )
    if history:
        insert_history(Member, KEPT, kept, ids, (now, "+", None, getattr(user, "pk", None)))
    return len(rows)
