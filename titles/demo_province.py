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
themselves draw from PostgreSQL's random(), seeded from it (setseed), so that runs give
the same figures as long as PostgreSQL plans them alike."""

import math
from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone

from khuyenhoc.areas.demo_names import (
    FAMILY,
    GIVEN_FEMALE,
    GIVEN_MALE,
    MIDDLE_FEMALE,
    MIDDLE_MALE,
)
from khuyenhoc.areas.models import Denominator, Village
from khuyenhoc.core.access.scope import can_touch
from khuyenhoc.core.db.load import indexes_built_after
from khuyenhoc.core.numbers import number
from khuyenhoc.core.text import fold
from titles.metrics import TITLES

from . import demo, rules
from .bulk import CHANGE_REASON
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

State = Registration.State
ListState = RecognitionList.State
EVALUATED = demo.EVALUATED
PROPOSED_REASON = "Đề nghị công nhận"
# the tables of millions of rows, whose indexes are built after they are filled
LOADED = [
    Citizen,
    Household,
    Registration,
    Evaluation,
    Score,
    *(m.history.model for m in (Citizen, Household, Registration, Evaluation)),
]


def _q(name):
    return connection.ops.quote_name(name)


def _table(model):
    return _q(model._meta.db_table)


def _history_columns(model):
    """The columns a history row copies from its record, in the record's table."""
    history = model.history.model
    kept = {f.attname for f in history._meta.concrete_fields}
    return [f.column for f in model._meta.concrete_fields if not f.generated and f.attname in kept]


def _names():
    """Name parts as arrays for SQL, with their folded forms: a name's fold is the fold
    of its parts joined by spaces."""
    family = [name for name, weight in FAMILY for _ in range(weight)]
    parts = {
        "fam": family,
        "mm": MIDDLE_MALE,
        "mf": MIDDLE_FEMALE,
        "gm": GIVEN_MALE,
        "gf": GIVEN_FEMALE,
    }
    params = {}
    for key, values in parts.items():
        params[key] = values
        params[key + "_f"] = [fold(v) for v in values]
    return params


# A person's name from the parts: male when `male`, else female (random indexes f, m, g).
NAME_SQL = """CASE WHEN male THEN (%(fam)s::text[])[f] || ' ' || (%(mm)s::text[])[m] || ' '
  || (%(gm)s::text[])[1 + floor(g * cardinality(%(gm)s::text[]))::int]
  ELSE (%(fam)s::text[])[f] || ' ' || (%(mf)s::text[])[m] || ' '
  || (%(gf)s::text[])[1 + floor(g * cardinality(%(gf)s::text[]))::int] END"""
FOLDED_SQL = NAME_SQL.replace(")s::", "_f)s::")
DRAW_SQL = """1 + floor(random() * cardinality(%(fam)s::text[]))::int AS f,
  1 + floor(random() * 10)::int AS m, random() AS g"""


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
    with transaction.atomic(), connection.cursor() as cursor:
        _skip_key_checks(cursor)
        cursor.execute("SELECT setseed(%s)", [rng.uniform(-1, 1)])
        _plans(cursor, pools, lists, sets)
        with indexes_built_after(LOADED):
            _subjects(cursor, clans, units)
            counts = _registrations(cursor)
        _lists(cursor, lists)
        cursor.execute(
            "DROP TABLE demo_pool, demo_list, demo_ind, demo_reg, demo_eval, "
            "demo_below, demo_reason"
        )
    ctx.say(
        "  Danh hiệu học tập: "
        + "; ".join(f"{number(counts.get(t, 0))} đăng ký {TITLES[t][0]}" for t in TITLES)
        + "."
    )
    demo.selfservice_demo.seed(ctx)


def _skip_key_checks(cursor):
    """The rows here are made consistent, from the tables they refer to: on a superuser's
    connection the foreign keys' triggers are left out for this transaction (as
    pg_restore does), where checking 40 million rows one by one would double the time.
    Otherwise every key is checked at commit, as usual."""
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
        "CREATE TEMP TABLE demo_pool (commune int PRIMARY KEY, villages int[], "
        "households int, citizens int)"
    )
    with cursor.copy("COPY demo_pool FROM STDIN") as copy:
        for code, ids, households, citizens in pools:
            copy.write_row((code, ids, households, citizens))
    columns = ", ".join(f"{_q(name)} {kind}" for name, kind in LIST_COLUMNS)
    cursor.execute(f"CREATE TEMP TABLE demo_list (id serial PRIMARY KEY, {columns})")
    names = ", ".join(_q(name) for name, _ in LIST_COLUMNS)
    with cursor.copy(f"COPY demo_list ({names}) FROM STDIN") as copy:
        for plan in lists:
            copy.write_row(tuple(plan[name] for name, _ in LIST_COLUMNS))
    cursor.execute(
        "CREATE TEMP TABLE demo_ind (set int, grp int, id int, code text, name text, "
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


def _subjects(cursor, clans, units):
    """Every subject of the province's pools, each with its first history row dated and
    signed as the import of the first year's list that brought it."""
    names = _names()
    cursor.execute(
        f"""INSERT INTO {_table(Household)}
              (commune_id, village_id, head_name, name_folded, members)
            SELECT commune, villages[1 + floor(v * cardinality(villages))::int],
                   {NAME_SQL}, {FOLDED_SQL}, 2 + floor(n * 6)::int
            FROM (SELECT p.commune, p.villages, random() AS v, random() AS n,
                         random() < 2.0 / 3 AS male, {DRAW_SQL}
                  FROM demo_pool p, generate_series(1, p.households)) s""",
        names,
    )
    cursor.execute(
        f"""INSERT INTO {_table(Citizen)}
              (commune_id, village_id, full_name, name_folded, birth_year, sex, "group")
            SELECT commune, villages[1 + floor(v * cardinality(villages))::int],
                   {NAME_SQL}, {FOLDED_SQL}, 1950 + floor(b * 59)::int,
                   CASE WHEN male THEN 'nam' ELSE 'nu' END,
                   CASE WHEN k < 0.50 THEN 1 WHEN k < 0.75 THEN 2 WHEN k < 0.87 THEN 3
                        ELSE 4 END
            FROM (SELECT p.commune, p.villages, random() AS v, random() AS b, random() AS k,
                         random() < 0.5 AS male, {DRAW_SQL}
                  FROM demo_pool p, generate_series(1, p.citizens)) s""",
        names,
    )
    made = Clan.objects.bulk_create(
        [
            Clan(commune_id=code, name=row["name"], name_folded=fold(row["name"]))
            for code, row, _ in clans
        ],
        batch_size=5000,
    )
    Clan.villages.through.objects.bulk_create(
        [
            Clan.villages.through(clan_id=clan.pk, village_id=village)
            for clan, (_, _, village) in zip(made, clans, strict=True)
        ],
        batch_size=5000,
    )
    Unit.objects.bulk_create(units, batch_size=5000)
    for model in (Household, Citizen, Clan, Unit):
        columns = _history_columns(model)
        own = ", ".join(_q(c) for c in columns)
        picked = ", ".join(f"s.{_q(c)}" for c in columns)
        title = model._meta.model_name
        cursor.execute(
            f"""INSERT INTO {_table(model.history.model)} ({own}, history_date, history_type,
                  history_change_reason, history_user_id)
                SELECT {picked}, l.registered_at, '+', %s, l.staff
                FROM {_table(model)} s
                JOIN demo_list l ON l.commune = s.commune_id AND l.title = %s
                  AND l.year = (SELECT min(year) FROM demo_list)""",
            [CHANGE_REASON, title],
        )


# an evaluation passes as rules.judge passes it: the total reaches the list's mark, and
# no indicator is under the set's minimum
PASSED = "(e.total >= l.mark AND NOT e.below)"


def _source(table, group="NULL::int", where=""):
    return f"(SELECT id, commune_id AS commune, {group} AS grp FROM {table} {where})"


SUBJECT_SOURCES = {
    # title: (subject column, a FROM clause giving s.id, s.commune and s.grp)
    "household": ("household_id", _source(_table(Household))),
    "citizen": ("citizen_id", _source(_table(Citizen), group='"group"')),
    "clan": ("clan_id", _source(_table(Clan))),
    "unit": ("unit_id", _source(_table(Unit))),
    "village": ("village_id", _source("areas_village", where="WHERE is_active")),
    "commune": (None, "(SELECT commune AS id, commune, NULL::int AS grp FROM demo_pool)"),
}


def _registrations(cursor) -> dict[str, int]:
    """Registrations drawn from the pools, their evaluations and scores, and one history
    row for each move a registration made; returns the registrations by title."""
    seq = "pg_get_serial_sequence('{}', 'id')"
    reg_seq = seq.format(Registration._meta.db_table)
    eval_seq = seq.format(Evaluation._meta.db_table)
    cursor.execute(
        "CREATE TEMP TABLE demo_reg (id bigint, list int, subject int, grp int, "
        "evaluation bigint, strong bool, set int)"
    )
    for title, (_column, source) in SUBJECT_SOURCES.items():
        cursor.execute(
            f"""INSERT INTO demo_reg
                SELECT nextval({reg_seq}), list, subject, grp,
                       CASE WHEN evaluated THEN nextval({eval_seq}) END, strong, set
                FROM (SELECT l.id AS list, s.id AS subject, s.grp, l.share, l.set,
                             random() < l.evaluated_share AS evaluated,
                             random() < l.pass_rate AS strong, random() AS pick
                      FROM demo_list l JOIN {source} s ON s.commune = l.commune
                      WHERE l.title = %s
                      OFFSET 0) r
                -- drawn for each subject here: beside the list's own columns, the
                -- planner would draw once a list
                WHERE pick < share""",
            [title],
        )
    cursor.execute("ANALYZE demo_reg")
    # the points: a strong subject scores each indicator in its top fifth, a weak one
    # from a third of the maximum up (titles.demo._points)
    # The points: a strong subject scores each indicator in its top fifth, a weak one
    # from a third of the maximum up (titles.demo._points), written to the scores and
    # judged in the same pass as rules.judge judges: the total against the pass mark,
    # each indicator against the set's minimum, with the same reasons.
    cursor.execute("SET LOCAL work_mem = '256MB'")
    cursor.execute(
        "CREATE TEMP TABLE demo_eval (evaluation bigint, list int, total int, below bool)"
    )
    cursor.execute("CREATE TEMP TABLE demo_below (evaluation bigint, id int, points int)")
    cursor.execute(
        """WITH points AS MATERIALIZED (
             SELECT evaluation, list, id, points, points < minimum AS below
             FROM (SELECT r.evaluation, r.list, i.id, i.minimum,
                          CASE WHEN r.strong THEN i.low_strong
                            + floor(random() * (i.max_points - i.low_strong + 1))
                          ELSE i.low_weak + floor(random() * (i.max_points - i.low_weak + 1))
                          END::int AS points
                   FROM demo_reg r
                   JOIN demo_ind i ON i.set = r.set AND i.grp = coalesce(r.grp, 0)
                   WHERE r.evaluation IS NOT NULL) drawn),
           scores AS (INSERT INTO titles_score (evaluation_id, indicator_id, points)
                      SELECT evaluation, id, points FROM points),
           below AS (INSERT INTO demo_below SELECT evaluation, id, points FROM points
                     WHERE below)
           INSERT INTO demo_eval
           SELECT evaluation, list, sum(points), coalesce(bool_or(below), false) FROM points
           GROUP BY evaluation, list"""
    )
    cursor.execute("ANALYZE demo_below")
    # the reasons, as rules.judge words them
    cursor.execute(
        """CREATE TEMP TABLE demo_reason AS
           SELECT b.evaluation, string_agg('Chỉ số ' || i.code || ' «' || i.name
             || '» chỉ đạt ' || b.points || ' điểm, dưới mức tối thiểu ' || i.minimum,
             '; ' ORDER BY i.position) AS reason
           FROM demo_below b JOIN demo_reg r ON r.evaluation = b.evaluation
           JOIN demo_ind i ON i.id = b.id AND i.set = r.set AND i.grp = coalesce(r.grp, 0)
           GROUP BY b.evaluation"""
    )
    cursor.execute("CREATE UNIQUE INDEX ON demo_reason (evaluation)")
    cursor.execute("CREATE UNIQUE INDEX ON demo_eval (evaluation)")
    cursor.execute("ANALYZE demo_eval")
    # each registration in the state its lists' moves left it in
    final_state = f"""CASE WHEN r.evaluation IS NULL THEN '{State.REGISTERED}'
        WHEN NOT l.proposing THEN '{State.EVALUATED}'
        WHEN NOT l.final THEN '{State.PROPOSED}'
        WHEN {PASSED} THEN '{State.RECOGNISED}' ELSE '{State.NOT_RECOGNISED}' END"""
    subject_columns = {title: column for title, (column, _) in SUBJECT_SOURCES.items()}
    subject_values = ", ".join(
        f"CASE WHEN l.title = '{title}' THEN r.subject END"
        for title, c in subject_columns.items()
        if c
    )
    subject_names = ", ".join(c for c in subject_columns.values() if c)
    # Each table and its history in one statement: the history reads the rows the
    # INSERT returns, not the table again.
    columns = [c for c in _history_columns(Registration) if c != "state"]
    own = ", ".join(_q(c) for c in columns)
    picked = ", ".join(f"g.{_q(c)}" for c in columns)
    # one history row for each move the registration made, as its final state tells:
    # registered, evaluated, proposed, decided
    cursor.execute(
        f"""WITH g AS (
              INSERT INTO titles_registration (id, commune_id, year, title, {subject_names},
                state, citizen_group, created_at, created_by_id)
              SELECT r.id, l.commune, l.year, l.title, {subject_values}, {final_state},
                     CASE WHEN l.title = 'citizen' THEN r.grp END, l.registered_at, l.staff
              FROM demo_reg r JOIN demo_list l ON l.id = r.list
              LEFT JOIN demo_eval e ON e.evaluation = r.evaluation
              RETURNING {own}, state)
            INSERT INTO {_table(Registration.history.model)} ({own}, state, history_date,
              history_type, history_change_reason, history_user_id)
            SELECT {picked}, m.state, m.at, m.kind, m.reason, m.actor
            FROM g JOIN demo_list l
              ON l.commune = g.commune_id AND l.year = g.year AND l.title = g.title
            CROSS JOIN LATERAL (VALUES
              ('{State.REGISTERED}', l.registered_at, '+',
                  -- the commune registers itself on a form, not by import
                  CASE WHEN l.title <> 'commune' THEN %s END, l.staff, true),
              ('{State.EVALUATED}', l.evaluated_at, '~', %s, l.staff,
                  g.state <> '{State.REGISTERED}'),
              ('{State.PROPOSED}', l.proposed_at, '~', %s, l.staff,
                  g.state NOT IN ('{State.REGISTERED}', '{State.EVALUATED}')),
              (g.state, l.decided_at, '~', 'Quyết định ' || l.decision, l.reviewer,
                  g.state IN ('{State.RECOGNISED}', '{State.NOT_RECOGNISED}'))
            ) AS m(state, at, kind, reason, actor, made)
            WHERE m.made""",
        [CHANGE_REASON, EVALUATED, PROPOSED_REASON],
    )
    columns = _history_columns(Evaluation)
    own = ", ".join(_q(c) for c in columns)
    cursor.execute(
        f"""WITH v AS (
              INSERT INTO titles_evaluation (id, registration_id, criteria_set_id, total,
                passed, reason, evaluated_at, evaluated_by_id)
              SELECT e.evaluation, r.id, l.set, e.total, {PASSED},
                     concat_ws('; ', CASE WHEN e.total < l.mark THEN 'Tổng ' || e.total
                       || ' điểm, dưới ngưỡng ' || l.mark || l.where END, b.reason),
                     l.evaluated_at, l.staff
              FROM demo_eval e JOIN demo_reg r ON r.evaluation = e.evaluation
              JOIN demo_list l ON l.id = r.list
              LEFT JOIN demo_reason b ON b.evaluation = e.evaluation
              RETURNING {own})
            INSERT INTO {_table(Evaluation.history.model)} ({own}, history_date, history_type,
              history_change_reason, history_user_id)
            SELECT {own}, evaluated_at, '+', %s, evaluated_by_id FROM v""",
        [EVALUATED],
    )
    cursor.execute(
        "SELECT l.title, count(*) FROM demo_reg r JOIN demo_list l ON l.id = r.list "
        "GROUP BY l.title"
    )
    return dict(cursor.fetchall())


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
    RecognitionList.objects.bulk_create([rlist for rlist, _ in made], batch_size=2000)
    snapshots = []
    for rlist, steps in made:
        for kind, when, user, changes in steps:
            for name, value in changes.items():
                setattr(rlist, name, value)
            snapshots.append(_snapshot(rlist, kind, when, user))
    RecognitionList.objects.bulk_update(
        [rlist for rlist, _ in made],
        ["state", "proposed_at", "proposed_by", "decision_number", "decision_date", "signer",
         "decided_by"],
        batch_size=2000,
    )  # fmt: skip
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
