"""Closed years are immutable in the database, not only in the services: triggers refuse
what would change an approved statement even when a write bypasses the services (a raw
ORM update, the shell, a future admin door).

- A receipt or payout dated in a year up to the fund's last closed year cannot be
  inserted or deleted, nor have its book columns changed; the same for the
  beneficiaries of such a payout. Personal details (a donor's or pupil's name, school,
  consent, free-text notes) stay changeable: erasing a person on request (Luật Bảo vệ
  dữ liệu cá nhân) must stay possible in a closed year, and they are no figure.
- A closed FundYear cannot be changed at all (closed_at cleared, statement rewritten,
  counters moved) nor deleted.
- A fund's opening balance, opening year and branch cannot change once one of its years
  is closed: every closed year's figures are computed from them.

PostgreSQL raises integrity_constraint_violation and SQLite RAISE(ABORT), both seen by
Django as IntegrityError. SQLite (the demo) loses a table's triggers when a later
migration rebuilds that table: such a migration must run this one's SQL again.
"""

from django.db import migrations

RECEIPT_BOOK = ["fund_id", "year", "number", "date", "amount", "reverses_id", "reason",
                "recorded_at", "donor_category", "in_kind", "item_description",
                "item_quantity", "campaign"]
PAYOUT_BOOK = ["fund_id", "year", "number", "date", "amount", "reverses_id", "reason",
               "recorded_at", "kind", "decision_ref", "portions", "overdraft_id"]
BENEFICIARY_BOOK = ["payout_id", "amount"]
FUNDYEAR_ALL = ["fund_id", "year", "last_receipt_number", "last_payout_number", "closed_at",
                "closed_by_id", "statement"]
FUND_OPENING = ["opening_balance", "opening_year", "branch_id"]

ENTRY_MESSAGE = "Sổ quỹ năm này đã khóa (đã duyệt quyết toán): không ghi, sửa, xóa phiếu được."
YEAR_MESSAGE = "Sổ quỹ năm đã khóa không sửa, không mở lại được."
FUND_MESSAGE = "Quỹ đã khóa sổ: không sửa được số dư đầu kỳ, năm bắt đầu hay hội giữ quỹ."


def _row(prefix, columns):
    return "ROW(" + ", ".join(f"{prefix}.{c}" for c in columns) + ")"


def _pg_guard(name, book, closed):
    """A row trigger function: an update that leaves the book columns alone passes; any
    other write touching a closed year (before or after the change) is refused."""
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF {_row("NEW", book)} IS NOT DISTINCT FROM {_row("OLD", book)} THEN
            RETURN NEW;
        END IF;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        IF {closed.format(row="OLD")} THEN
            RAISE EXCEPTION '{ENTRY_MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF {closed.format(row="NEW")} THEN
        RAISE EXCEPTION '{ENTRY_MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
"""


ENTRY_CLOSED = "funds_closed_through({row}.fund_id, {row}.year, {row}.date)"
PG_FORWARD = f"""
CREATE OR REPLACE FUNCTION funds_closed_through(fund bigint, entry_year integer, entry_date date)
RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM funds_fundyear y
        WHERE y.fund_id = fund AND y.closed_at IS NOT NULL
          AND y.year >= LEAST(entry_year, EXTRACT(YEAR FROM entry_date)::integer)
    )
$$;

CREATE OR REPLACE FUNCTION funds_payout_closed(payout bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM funds_payout p
        WHERE p.id = payout AND funds_closed_through(p.fund_id, p.year, p.date)
    )
$$;
{_pg_guard("funds_receipt_guard", RECEIPT_BOOK, ENTRY_CLOSED)}
{_pg_guard("funds_payout_guard", PAYOUT_BOOK, ENTRY_CLOSED)}
{_pg_guard("funds_beneficiary_guard", BENEFICIARY_BOOK, "funds_payout_closed({row}.payout_id)")}

CREATE OR REPLACE FUNCTION funds_fundyear_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.closed_at IS NOT NULL THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION '{YEAR_MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF {_row("NEW", FUNDYEAR_ALL)} IS DISTINCT FROM {_row("OLD", FUNDYEAR_ALL)} THEN
            RAISE EXCEPTION '{YEAR_MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION funds_fund_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF {_row("NEW", FUND_OPENING)} IS DISTINCT FROM {_row("OLD", FUND_OPENING)}
       AND EXISTS (SELECT 1 FROM funds_fundyear y
                   WHERE y.fund_id = OLD.id AND y.closed_at IS NOT NULL) THEN
        RAISE EXCEPTION '{FUND_MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER funds_receipt_closed_year BEFORE INSERT OR UPDATE OR DELETE ON funds_receipt
    FOR EACH ROW EXECUTE FUNCTION funds_receipt_guard();
CREATE TRIGGER funds_payout_closed_year BEFORE INSERT OR UPDATE OR DELETE ON funds_payout
    FOR EACH ROW EXECUTE FUNCTION funds_payout_guard();
CREATE TRIGGER funds_beneficiary_closed_year
    BEFORE INSERT OR UPDATE OR DELETE ON funds_beneficiary
    FOR EACH ROW EXECUTE FUNCTION funds_beneficiary_guard();
CREATE TRIGGER funds_fundyear_closed BEFORE UPDATE OR DELETE ON funds_fundyear
    FOR EACH ROW EXECUTE FUNCTION funds_fundyear_guard();
CREATE TRIGGER funds_fund_opening_locked BEFORE UPDATE ON funds_fund
    FOR EACH ROW EXECUTE FUNCTION funds_fund_guard();
"""

PG_BACKWARD = """
DROP TRIGGER IF EXISTS funds_receipt_closed_year ON funds_receipt;
DROP TRIGGER IF EXISTS funds_payout_closed_year ON funds_payout;
DROP TRIGGER IF EXISTS funds_beneficiary_closed_year ON funds_beneficiary;
DROP TRIGGER IF EXISTS funds_fundyear_closed ON funds_fundyear;
DROP TRIGGER IF EXISTS funds_fund_opening_locked ON funds_fund;
DROP FUNCTION IF EXISTS funds_receipt_guard();
DROP FUNCTION IF EXISTS funds_payout_guard();
DROP FUNCTION IF EXISTS funds_beneficiary_guard();
DROP FUNCTION IF EXISTS funds_fundyear_guard();
DROP FUNCTION IF EXISTS funds_fund_guard();
DROP FUNCTION IF EXISTS funds_payout_closed(bigint);
DROP FUNCTION IF EXISTS funds_closed_through(bigint, integer, date);
"""


def _changed(columns):
    return "(" + " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns) + ")"


def _entry_closed(row):
    return (
        f"EXISTS (SELECT 1 FROM funds_fundyear y WHERE y.fund_id = {row}.fund_id "
        "AND y.closed_at IS NOT NULL "
        f"AND y.year >= MIN({row}.year, CAST(strftime('%Y', {row}.date) AS INTEGER)))"
    )


def _payout_closed(row):
    return (
        "EXISTS (SELECT 1 FROM funds_payout p JOIN funds_fundyear y ON y.fund_id = p.fund_id "
        "AND y.closed_at IS NOT NULL "
        "AND y.year >= MIN(p.year, CAST(strftime('%Y', p.date) AS INTEGER)) "
        f"WHERE p.id = {row}.payout_id)"
    )


def _sqlite_triggers():
    abort = "BEGIN SELECT RAISE(ABORT, '{}'); END"
    entry = abort.format(ENTRY_MESSAGE)
    for table, book, closed in (
        ("funds_receipt", RECEIPT_BOOK, _entry_closed),
        ("funds_payout", PAYOUT_BOOK, _entry_closed),
        ("funds_beneficiary", BENEFICIARY_BOOK, _payout_closed),
    ):
        yield f"{table}_closed_insert", (
            f"BEFORE INSERT ON {table} WHEN {closed('NEW')} {entry}"
        )
        yield f"{table}_closed_update", (
            f"BEFORE UPDATE ON {table} WHEN {_changed(book)} "
            f"AND ({closed('OLD')} OR {closed('NEW')}) {entry}"
        )
        yield f"{table}_closed_delete", f"BEFORE DELETE ON {table} WHEN {closed('OLD')} {entry}"
    year = abort.format(YEAR_MESSAGE)
    yield "funds_fundyear_closed_update", (
        "BEFORE UPDATE ON funds_fundyear WHEN OLD.closed_at IS NOT NULL "
        f"AND {_changed(FUNDYEAR_ALL)} {year}"
    )
    yield "funds_fundyear_closed_delete", (
        f"BEFORE DELETE ON funds_fundyear WHEN OLD.closed_at IS NOT NULL {year}"
    )
    yield "funds_fund_opening_locked", (
        f"BEFORE UPDATE ON funds_fund WHEN {_changed(FUND_OPENING)} AND EXISTS (SELECT 1 "
        "FROM funds_fundyear y WHERE y.fund_id = OLD.id AND y.closed_at IS NOT NULL) "
        + abort.format(FUND_MESSAGE)
    )


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)
    elif vendor == "sqlite":
        for name, body in _sqlite_triggers():
            schema_editor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}", params=None)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD, params=None)
    elif vendor == "sqlite":
        for name, _body in _sqlite_triggers():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}", params=None)


def drop_sqlite_guards(apps, schema_editor):
    """The first operation of a later migration that alters a guarded table. SQLite alters
    a table by copying it to a new one and renaming it back, and refuses the rename while
    a trigger of another table (funds_beneficiary's names funds_payout) names the dropped
    one. The migration's own guard operation at its end makes them again (forwards())."""
    if schema_editor.connection.vendor == "sqlite":
        backwards(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("funds", "0003_history_user_without_db_key")]

    operations = [migrations.RunPython(forwards, backwards)]
