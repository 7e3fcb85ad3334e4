"""The rows of the province's titles demo, written by PostgreSQL (titles.demo_province
plans the lists): the subjects with names drawn from the demo's parts; the working
tables (each list's registrations, each judged from its scores' points as rules.judge
judges); and from them the records (registrations, evaluations, scores) and their
history (one row for each move a registration made), which read the working tables, not
each other, so that two connections write them at once."""

from django.db import connection

from khuyenhoc.areas.demo_names import (
    FAMILY,
    GIVEN_FEMALE,
    GIVEN_MALE,
    MIDDLE_FEMALE,
    MIDDLE_MALE,
)
from khuyenhoc.core.text import fold

from . import demo
from .bulk import CHANGE_REASON
from .models import (
    Citizen,
    Clan,
    Evaluation,
    Household,
    Registration,
    Unit,
)

State = Registration.State
EVALUATED = demo.EVALUATED
PROPOSED_REASON = "Đề nghị công nhận"


def q(name):
    return connection.ops.quote_name(name)


def _table(model):
    return q(model._meta.db_table)


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


def subjects(cursor, clans, units):
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
        own = ", ".join(q(c) for c in columns)
        picked = ", ".join(f"s.{q(c)}" for c in columns)
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


# A score's points: a strong subject scores each indicator in its top fifth, a weak one
# from a third of the maximum up (titles.demo._points). Drawn from a hash of the
# evaluation and the indicator, not from random(), so that judging the totals and
# writing the scores draw the same points in two statements: in one, 33 million scores
# were kept in memory, read three times and written with their primary key (80 s of
# the province's seed, 45 s apart).
POINTS_SQL = """(CASE WHEN r.strong THEN i.low_strong ELSE i.low_weak END
  + floor((hashint8extended(r.evaluation, %(seed)s + i.id) & 2147483647)::float8 / 2147483648
          * (i.max_points - CASE WHEN r.strong THEN i.low_strong ELSE i.low_weak END + 1)))::int"""

# an evaluation passes as rules.judge passes it: the total reaches the list's mark, and
# no indicator is under the set's minimum
PASSED = "(e.total >= l.mark AND NOT e.below)"


def _source(table, group="0", where=""):
    return f"(SELECT id, commune_id AS commune, {group} AS grp FROM {table} {where})"


SUBJECT_SOURCES = {
    # title: (subject column, a FROM clause giving s.id, s.commune and s.grp: the
    # citizen's group of people, 0 for the titles without groups, as in demo_ind; a join
    # on coalesce(grp, 0) misled the planner's estimates)
    "household": ("household_id", _source(_table(Household))),
    "citizen": ("citizen_id", _source(_table(Citizen), group='"group"')),
    "clan": ("clan_id", _source(_table(Clan))),
    "unit": ("unit_id", _source(_table(Unit))),
    "village": ("village_id", _source("areas_village", where="WHERE is_active")),
    "commune": (None, "(SELECT commune AS id, commune, 0 AS grp FROM demo_pool)"),
}


# the big working tables: read by two connections (not temporary), dropped at the end
# (not logged), and left alone by autovacuum (core.db.load.pause_autovacuum says why)
NO_AUTOVACUUM = "WITH (autovacuum_enabled = false)"


def _sequence(cursor, model):
    """The id sequence of the model's table, as an SQL literal of type regclass."""
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [model._meta.db_table])
    name = cursor.fetchone()[0]
    return "'" + name.replace("'", "''") + "'::regclass"


def draw(cursor, seed: int):
    """Registrations drawn from the pools, and each judged from its scores' points (drawn
    from `seed`): the working tables the records and their history are written from."""
    # the sequences by name, looked up once: pg_get_serial_sequence in the SELECT is
    # called for each row, and its catalogue lookups were 93 % of the statement
    reg_seq, eval_seq = (_sequence(cursor, model) for model in (Registration, Evaluation))
    cursor.execute(
        "CREATE UNLOGGED TABLE demo_reg (id bigint, list int, subject int, grp int, "
        f"evaluation bigint, strong bool, set int) {NO_AUTOVACUUM}"
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
    # Each registration judged as rules.judge judges: the total against the pass mark,
    # each indicator against the set's minimum, with the same reasons.
    cursor.execute(
        f"""CREATE UNLOGGED TABLE demo_eval {NO_AUTOVACUUM} AS
            SELECT r.evaluation, r.list, sum({POINTS_SQL})::int AS total,
                   coalesce(bool_or({POINTS_SQL} < i.minimum), false) AS below
            FROM demo_reg r
            JOIN demo_ind i ON i.set = r.set AND i.grp = r.grp
            WHERE r.evaluation IS NOT NULL
            GROUP BY r.evaluation, r.list""",
        {"seed": seed},
    )
    cursor.execute("CREATE UNIQUE INDEX ON demo_eval (evaluation)")
    cursor.execute("ANALYZE demo_eval")
    # the reasons, as rules.judge words them, drawn again for those judged below
    cursor.execute(
        f"""CREATE UNLOGGED TABLE demo_reason {NO_AUTOVACUUM} AS
            SELECT r.evaluation, string_agg('Chỉ số ' || i.code || ' «' || i.name
              || '» chỉ đạt ' || {POINTS_SQL} || ' điểm, dưới mức tối thiểu ' || i.minimum,
              '; ' ORDER BY i.position) AS reason
            FROM demo_eval e JOIN demo_reg r ON r.evaluation = e.evaluation
            JOIN demo_ind i ON i.set = r.set AND i.grp = r.grp
            WHERE e.below AND {POINTS_SQL} < i.minimum
            GROUP BY r.evaluation""",
        {"seed": seed},
    )
    cursor.execute("CREATE UNIQUE INDEX ON demo_reason (evaluation)")
    cursor.execute("ANALYZE demo_reason")


def _registration_rows():
    """The registrations as the working tables give them, each in the state its list's
    moves left it in, with its list (`list`): the records and their history both read
    this, so neither reads the other."""
    final_state = f"""CASE WHEN r.evaluation IS NULL THEN '{State.REGISTERED}'
        WHEN NOT l.proposing THEN '{State.EVALUATED}'
        WHEN NOT l.final THEN '{State.PROPOSED}'
        WHEN {PASSED} THEN '{State.RECOGNISED}' ELSE '{State.NOT_RECOGNISED}' END"""
    subjects_ = ", ".join(
        f"CASE WHEN l.title = '{title}' THEN r.subject END AS {q(column)}"
        for title, (column, _) in SUBJECT_SOURCES.items()
        if column
    )
    return f"""(SELECT r.id, l.commune AS commune_id, l.year, l.title, {subjects_},
                  {final_state} AS state, CASE WHEN l.title = 'citizen' THEN r.grp END
                  AS citizen_group, l.registered_at AS created_at, l.staff AS created_by_id,
                  r.list
                FROM demo_reg r JOIN demo_list l ON l.id = r.list
                LEFT JOIN demo_eval e ON e.evaluation = r.evaluation) g"""


def _evaluation_rows():
    """The evaluations as the working tables give them (records and history read this)."""
    return f"""(SELECT e.evaluation AS id, r.id AS registration_id, l.set AS criteria_set_id,
                  e.total, {PASSED} AS passed,
                  concat_ws('; ', CASE WHEN e.total < l.mark THEN 'Tổng ' || e.total
                    || ' điểm, dưới ngưỡng ' || l.mark || l.where END, b.reason) AS reason,
                  l.evaluated_at, l.staff AS evaluated_by_id
                FROM demo_eval e JOIN demo_reg r ON r.evaluation = e.evaluation
                JOIN demo_list l ON l.id = r.list
                LEFT JOIN demo_reason b ON b.evaluation = e.evaluation) v"""


def records(cursor, seed: int):
    """The registrations, their evaluations and the evaluations' scores."""
    columns = ", ".join(q(c) for c in _history_columns(Registration))
    cursor.execute(
        f"INSERT INTO titles_registration ({columns}) SELECT {columns} FROM {_registration_rows()}"
    )
    columns = ", ".join(q(c) for c in _history_columns(Evaluation))
    cursor.execute(
        f"INSERT INTO titles_evaluation ({columns}) SELECT {columns} FROM {_evaluation_rows()}"
    )
    cursor.execute(
        f"""INSERT INTO titles_score (evaluation_id, indicator_id, points)
            SELECT r.evaluation, i.id, {POINTS_SQL}
            FROM demo_reg r JOIN demo_ind i ON i.set = r.set AND i.grp = r.grp
            WHERE r.evaluation IS NOT NULL""",
        {"seed": seed},
    )


def history(cursor):
    """One history row for each move a registration made, as its final state tells
    (registered, evaluated, proposed, decided), and one for each evaluation."""
    columns = [c for c in _history_columns(Registration) if c != "state"]
    own = ", ".join(q(c) for c in columns)
    picked = ", ".join(f"g.{q(c)}" for c in columns)
    cursor.execute(
        f"""INSERT INTO {_table(Registration.history.model)} ({own}, state, history_date,
              history_type, history_change_reason, history_user_id)
            SELECT {picked}, m.state, m.at, m.kind, m.reason, m.actor
            FROM {_registration_rows()} JOIN demo_list l ON l.id = g.list
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
    own = ", ".join(q(c) for c in _history_columns(Evaluation))
    cursor.execute(
        f"""INSERT INTO {_table(Evaluation.history.model)} ({own}, history_date, history_type,
              history_change_reason, history_user_id)
            SELECT {own}, evaluated_at, '+', %s, evaluated_by_id FROM {_evaluation_rows()}""",
        [EVALUATED],
    )


def counts(cursor) -> dict[str, int]:
    """The registrations drawn, by title."""
    cursor.execute(
        "SELECT l.title, count(*) FROM demo_reg r JOIN demo_list l ON l.id = r.list "
        "GROUP BY l.title"
    )
    return dict(cursor.fetchall())
