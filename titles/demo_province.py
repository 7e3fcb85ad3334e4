"""The titles demo of a whole province on PostgreSQL (seed_demo --scale province), in a
few set-based statements instead of one import and one workflow per list.

titles.demo writes each commune's lists through the import and the recognition
workflow: right for the small demo and the tests, but 3.9 million registrations of a
whole province spent most of 20 minutes in Python (a row's checks, its points judged,
its ids sent back and forth for each move). Here the same rows, as that path leaves
them, come from INSERT … SELECT over generate_series: subjects drawn from the demo's
names, each year's registrations at the same rates, an evaluation with a score for each
indicator where the points decide the outcome as rules.judge does (total against the
pass mark, each indicator against the minimum, the same reasons), each registration in
its final state with one history row per move it made (registered, evaluated, proposed,
decided), and each list with its transitions and history. Python only draws what is per
commune and per list (sizes, rates, dates), from the demo's own seeded stream; the rows
themselves draw from PostgreSQL's random(), seeded from it (setseed), and the points
from a hash of their evaluation and indicator with a seed from it, so that runs give the
same figures as long as PostgreSQL plans them alike.

Three transactions: the subjects and the working tables first, committed; then the
records on this connection and their history on a second one at once (an INSERT …
SELECT runs on one core; each writes its own tables, so each truncates them and writes
them without WAL). A failure after the first leaves no titles rows and every index
back (_undo)."""

import math
from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone

from khuyenhoc.areas.models import Denominator, Village
from khuyenhoc.core.access.scope import can_touch
from khuyenhoc.core.db.load import (
    BuildQueue,
    drop_indexes,
    fresh_files,
    pause_autovacuum,
    resume_autovacuum,
)
from khuyenhoc.core.db.threads import beside
from khuyenhoc.core.numbers import number
from khuyenhoc.core.text import fold
from titles.metrics import TITLES

from . import demo, rules
from .demo_province_rows import PASSED, counts, draw, history, q, records, subjects
from .metrics import CITIZEN_GROUPS
from .models import (
    Citizen,
    Clan,
    CriteriaSet,
    Evaluation,
    Household,
    RecognitionList,
    Registration,
    Score,
    Transition,
    Unit,
)

ListState = RecognitionList.State
# the tables of millions of rows, whose indexes are built after they are filled: the
# subjects first; then the records on this connection while their history is written
# on a second one
SUBJECTS = [Citizen, Household, Citizen.history.model, Household.history.model]
RECORDS = [Registration, Evaluation, Score]
HISTORY = [Registration.history.model, Evaluation.history.model]
# the working tables: unlogged tables, not temporary ones, that the second connection
# reads too
WORKING = "demo_pool, demo_list, demo_ind, demo_reg, demo_eval, demo_reason"


def seed(ctx):
    rng = ctx.rng("titles")
    staff = ctx.accounts.get("canbo")
    reviewer = ctx.accounts.get("thamdinh")
    today = timezone.localdate()
    communes = ctx.active_communes
    codes = [c.code for c in communes]
    villages: dict[int, list[Village]] = {}
    for village in Village.objects.filter(commune__in=codes, is_active=True).order_by("id"):
        villages.setdefault(village.commune_id, []).append(village)
    denominators = {
        (d.commune_id, d.year): d for d in Denominator.objects.filter(commune__in=codes)
    }
    sets = {
        (title, year): CriteriaSet.objects.in_force(title=title, year=year)
        for title in TITLES
        for year in ctx.record_years
    }
    last_year = max(ctx.record_years)
    pools, lists, clans, units = [], [], [], []
    for commune in communes:
        own = villages.get(commune.code, [])
        if not own:
            continue
        latest = denominators.get((commune.code, last_year))
        households = latest.households if latest and latest.households else 1000
        adults = latest.adults if latest and latest.adults else 3000
        clan_count = latest.clans if latest and latest.clans else 10
        unit_count = latest.units if latest and latest.units else 10
        pools.append(
            (
                commune.code,
                [v.id for v in own],
                households,
                int(adults * rng.uniform(*demo.CITIZEN_POOL)),
            )
        )
        by_name = {v.name: v.id for v in own}
        clans += [(commune.code, row, by_name[row["village"]])
                  for row in demo._clans(rng, own, clan_count)]  # fmt: skip
        names = [demo._unit_name(commune, index) for index in range(unit_count)]
        units += [
            Unit(commune_id=commune.code, name=name, name_folded=fold(name),
                 kind=demo.UNIT_NAMES[index % len(demo.UNIT_NAMES)][1])
            for index, name in enumerate(names)
        ]  # fmt: skip
        here = staff if staff is not None and can_touch(staff, commune.code) else None
        for year in sorted(ctx.record_years):
            for title in TITLES:
                lists.append(_list_plan(rng, commune, year, title, sets[(title, year)], here,
                                        reviewer, final=year < last_year, today=today))  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {WORKING}")  # a failed run's
    # The subjects and the working tables, committed so that a second connection can
    # read them. PostgreSQL runs an INSERT … SELECT on one core: the records and their
    # history, written from the working tables on two connections, keep both busy.
    with transaction.atomic(), connection.cursor() as cursor:
        _bulk_settings(cursor)
        # Judging 33 million points (titles.demo_province_rows.draw) is one aggregate that
        # PostgreSQL can share with parallel workers; misled by the join of each
        # registration to its indicators (it expects 1 row in 60), the planner kept it on
        # one core: 22,6 s, while the other one sat idle.
        cursor.execute("SET LOCAL parallel_setup_cost = 0")
        cursor.execute("SET LOCAL parallel_tuple_cost = 0")
        fresh_files(SUBJECTS + RECORDS + HISTORY)
        paused = pause_autovacuum(SUBJECTS + RECORDS + HISTORY)
        cursor.execute("SELECT setseed(%s)", [rng.uniform(-1, 1)])
        points_seed = rng.randrange(2**31)
        _plans(cursor, pools, lists, sets)
        dropped = drop_indexes(SUBJECTS + RECORDS + HISTORY)
        subjects(cursor, clans, units)
        dropped.build(SUBJECTS)
        draw(cursor, points_seed)

    # the lists go with the records: the history's 15 million rows are the longer half
    def write_records(cursor):
        records(cursor, points_seed)
        _lists(cursor, lists)

    def write_history(cursor):
        history(cursor)

    indexes = BuildQueue(dropped)
    try:
        beside(
            lambda: _loaded(RECORDS, write_records, indexes),
            lambda: _loaded(HISTORY, write_history, indexes),
        )
        with transaction.atomic():
            dropped.constrain()
            resume_autovacuum(paused)
        with connection.cursor() as cursor:
            found = counts(cursor)
    except BaseException:
        _undo(dropped, paused)
        raise
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {WORKING}")
    ctx.say(
        "  Danh hiệu học tập: "
        + "; ".join(f"{number(found.get(t, 0))} đăng ký {TITLES[t][0]}" for t in TITLES)
        + "."
    )
    demo.selfservice_demo.seed(ctx)


def _loaded(models, write, indexes):
    """Writes the models' tables in a transaction of their own (given new files: no
    WAL, core.db.load says why), then builds indexes until none is left."""
    with transaction.atomic(), connection.cursor() as cursor:
        _bulk_settings(cursor)
        fresh_files(models)
        write(cursor)
    indexes.add(models)
    indexes.work()


def _undo(dropped, paused):
    """After a failure once the subjects are in: no titles rows of the province demo are
    left, and every index is back."""
    tables = [m._meta.db_table for m in SUBJECTS + RECORDS + HISTORY]
    tables += [m._meta.db_table for m in (RecognitionList, RecognitionList.history.model,
                                           Transition, Clan, Unit, Clan.villages.through,
                                           Clan.history.model, Unit.history.model)]  # fmt: skip
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(q(t) for t in tables)} CASCADE")
        dropped.build()
        resume_autovacuum(paused)


def _bulk_settings(cursor):
    """For each of the seed's transactions: room in memory for sorts and hashes of
    millions of rows, and no key checks where the rows are made consistent. They are,
    from the tables they refer to: on a superuser's connection the foreign keys'
    triggers are left out for the transaction (as pg_restore does), where checking 40
    million rows one by one would double the time. Otherwise every key is checked at
    commit, as usual."""
    cursor.execute("SET LOCAL work_mem = '1GB'")
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    if cursor.fetchone()[0]:
        cursor.execute("SET LOCAL session_replication_role = replica")


def _list_plan(rng, commune, year, title, criteria_set, staff, reviewer, *, final, today):
    """One list's draw, as titles.demo draws it: its share of the pool, its pass rate
    and the moments and people of its moves."""
    low, high, pass_low, pass_high = demo.RATES[title]
    proposing = final or title != "citizen"
    mark = rules.pass_mark(criteria_set, disadvantaged=commune.is_disadvantaged)
    proposed_on = min(date(year, 11, rng.randint(15, 28)), today)
    decided_on = proposed_on + timedelta(days=rng.randint(3, 14))
    return {
        "commune": commune.code,
        "year": year,
        "title": title,
        "share": rng.uniform(low, high),
        "pass_rate": rng.uniform(pass_low, pass_high),
        "evaluated_share": 1.0 if proposing else 0.6,
        "proposing": proposing,
        "final": final,
        "registered_at": demo._moment(demo._day(rng, year, 3), 8),
        "evaluated_at": demo._moment(demo._day(rng, year, 10), 14),
        "proposed_at": demo._moment(proposed_on, 9),
        "decided_at": demo._moment(decided_on, 15),
        "decided_on": decided_on,
        "decision": f"{rng.randint(100, 999)}/QĐ-UBND",
        "signer": "Chủ tịch UBND " + commune.name,
        "staff": getattr(staff, "pk", None),
        "reviewer": getattr(reviewer, "pk", None),
        "set": criteria_set.pk,
        "mark": mark,
        "where": " (vùng khó khăn)" if mark != criteria_set.pass_mark else "",
        "minimum": criteria_set.min_per_indicator,
    }


LIST_COLUMNS = [
    ("commune", "int"),
    ("year", "int"),
    ("title", "text"),
    ("share", "float8"),
    ("pass_rate", "float8"),
    ("evaluated_share", "float8"),
    ("proposing", "bool"),
    ("final", "bool"),
    ("registered_at", "timestamptz"),
    ("evaluated_at", "timestamptz"),
    ("proposed_at", "timestamptz"),
    ("decided_at", "timestamptz"),
    ("decision", "text"),
    ("staff", "int"),
    ("reviewer", "int"),
    ("set", "int"),
    ("mark", "int"),
    ("where", "text"),
    ("minimum", "int"),
]


def _plans(cursor, pools, lists, sets):
    cursor.execute(
        "CREATE UNLOGGED TABLE demo_pool (commune int PRIMARY KEY, villages int[], "
        "households int, citizens int)"
    )
    with cursor.copy("COPY demo_pool FROM STDIN") as copy:
        for code, ids, households, citizens in pools:
            copy.write_row((code, ids, households, citizens))
    columns = ", ".join(f"{q(name)} {kind}" for name, kind in LIST_COLUMNS)
    cursor.execute(f"CREATE UNLOGGED TABLE demo_list (id serial PRIMARY KEY, {columns})")
    names = ", ".join(q(name) for name, _ in LIST_COLUMNS)
    with cursor.copy(f"COPY demo_list ({names}) FROM STDIN") as copy:
        for plan in lists:
            copy.write_row(tuple(plan[name] for name, _ in LIST_COLUMNS))
    cursor.execute(
        "CREATE UNLOGGED TABLE demo_ind (set int, grp int, id int, code text, name text, "
        "max_points int, position int, low_strong int, low_weak int, minimum int)"
    )
    # one row for each group of people an indicator scores (0 for titles without
    # groups), so that a registration finds its indicators by equality
    indicators = []
    for criteria_set in {s.pk: s for s in sets.values()}.values():
        groups = sorted(CITIZEN_GROUPS) if criteria_set.title == "citizen" else [0]
        for group in groups:
            found = criteria_set.indicators(group or None)
            for position, i in enumerate(found):
                indicators.append(
                    (criteria_set.pk, group, i.id, i.code, i.name, i.max_points, position,
                     math.ceil(i.max_points * 0.8), math.ceil(i.max_points * 0.3),
                     criteria_set.min_per_indicator)
                )  # fmt: skip
    with cursor.copy("COPY demo_ind FROM STDIN") as copy:
        for row in indicators:
            copy.write_row(row)
    cursor.execute("ANALYZE demo_pool, demo_list, demo_ind")


def _lists(cursor, lists):
    """Each list in its state, with its transitions and history rows, as
    recognition.list_propose and list_approve leave it."""
    cursor.execute(
        f"""SELECT l.id, count(*),
                   count(*) FILTER (WHERE r.evaluation IS NOT NULL AND {PASSED}),
                   count(*) FILTER (WHERE r.evaluation IS NOT NULL AND NOT {PASSED})
            FROM demo_list l JOIN demo_reg r ON r.list = l.id
            LEFT JOIN demo_eval e ON e.evaluation = r.evaluation
            GROUP BY l.id ORDER BY l.id"""
    )
    found = {row[0]: row[1:] for row in cursor.fetchall()}
    made, moves = [], []
    for number_, plan in enumerate(lists, start=1):
        if number_ not in found:
            continue  # nothing registered (no list is made)
        count, passed, failed = found[number_]
        rlist = RecognitionList(commune_id=plan["commune"], year=plan["year"],
                                title=plan["title"])  # fmt: skip
        steps = [("+", plan["registered_at"], plan["staff"], {})]
        if plan["proposing"]:
            proposed = {"state": ListState.PROPOSED, "proposed_at": plan["proposed_at"],
                        "proposed_by_id": plan["staff"]}  # fmt: skip
            steps.append(("~", plan["proposed_at"], plan["staff"], proposed))
            moves.append((rlist, plan["staff"], ListState.OPEN, ListState.PROPOSED,
                          f"{passed + failed} đăng ký", plan["proposed_at"]))  # fmt: skip
        if plan["final"]:
            decided = {"state": ListState.APPROVED, "decision_number": plan["decision"],
                       "decision_date": plan["decided_on"], "signer": plan["signer"],
                       "decided_by_id": plan["reviewer"]}  # fmt: skip
            steps.append(("~", plan["decided_at"], plan["reviewer"], decided))
            moves.append((rlist, plan["reviewer"], ListState.PROPOSED, ListState.APPROVED,
                          f"Quyết định {plan['decision']}: {passed} đạt, {failed} không đạt",
                          plan["decided_at"]))  # fmt: skip
        made.append((rlist, steps))
    # The lists go in once, in the state their last move left them in (an UPDATE of
    # each, as the workflow makes, cost seconds of Django's CASE expressions); their
    # history rows, which need their ids, replay the moves from the state they opened in.
    opened = []
    for rlist, steps in made:
        opened.append({name: getattr(rlist, name) for _, _, _, changes in steps
                       for name in changes})  # fmt: skip
        for _kind, _when, _user, changes in steps:
            for name, value in changes.items():
                setattr(rlist, name, value)
    RecognitionList.objects.bulk_create([rlist for rlist, _ in made], batch_size=2000)
    snapshots = []
    for (rlist, steps), first in zip(made, opened, strict=True):
        for name, value in first.items():
            setattr(rlist, name, value)
        for kind, when, user, changes in steps:
            for name, value in changes.items():
                setattr(rlist, name, value)
            snapshots.append(_snapshot(rlist, kind, when, user))
    RecognitionList.history.model.objects.bulk_create(snapshots, batch_size=2000)
    Transition.objects.bulk_create(
        [
            Transition(recognition_list=rlist, actor_id=actor, from_state=before,
                       to_state=after, note=note, at=when)
            for rlist, actor, before, after, note, when in moves
        ],
        batch_size=2000,
    )  # fmt: skip


def _snapshot(rlist, kind, when, user):
    history = RecognitionList.history.model
    kept = {f.attname for f in history._meta.concrete_fields}
    values = {
        f.attname: getattr(rlist, f.attname)
        for f in RecognitionList._meta.concrete_fields
        if f.attname in kept
    }
    return history(
        **values,
        history_date=when,
        history_type=kind,
        history_user_id=user,
        history_change_reason=None,
    )
