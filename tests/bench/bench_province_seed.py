"""The province's titles, written set-based by titles/demo_province*.py, are the rows the
staff's own path would leave: every evaluation is judged as titles.rules.judge judges
its scores, and every decided registration's state follows its evaluation. Checked on
the bench's seeded province, where the set-based path runs (the tests' small demo goes
through the import and the workflow). The seed also gives every table back to autovacuum."""

import json

from tests.bench.util import bench_line

CHECK = r"""
import json

import django

django.setup()
from django.db import connection

from titles import rules
from titles.models import Evaluation

with connection.cursor() as cursor:
    cursor.execute(
        '''SELECT count(*), count(*) FILTER (WHERE s.total IS DISTINCT FROM e.total)
           FROM titles_evaluation e
           LEFT JOIN (SELECT evaluation_id, sum(points) AS total FROM titles_score
                      GROUP BY evaluation_id) s ON s.evaluation_id = e.id'''
    )
    evaluations, totals_off = cursor.fetchone()
    cursor.execute(
        '''SELECT count(*) FILTER (WHERE r.state IN ('recognised', 'not_recognised')),
                  count(*) FILTER (WHERE (r.state = 'recognised') <> e.passed
                                   AND r.state IN ('recognised', 'not_recognised'))
           FROM titles_registration r JOIN titles_evaluation e ON e.registration_id = r.id'''
    )
    decided, states_off = cursor.fetchone()
    # the seed gives every table it loaded back to autovacuum
    cursor.execute(
        "SELECT count(*) FROM pg_class WHERE reloptions::text LIKE '%autovacuum_enabled%'"
    )
    autovacuum_off = cursor.fetchone()[0]
    # a spread-out sample, judged again in Python
    cursor.execute("SELECT id FROM titles_evaluation WHERE id % 4999 = 0 ORDER BY id LIMIT 400")
    sample = [row[0] for row in cursor.fetchall()]

judged_off = []
passed = 0
for evaluation in Evaluation.objects.filter(id__in=sample).select_related(
    "criteria_set", "registration__commune"
).prefetch_related("scores"):
    registration = evaluation.registration
    indicators = list(evaluation.criteria_set.indicators(registration.citizen_group))
    points = {score.indicator_id: score.points for score in evaluation.scores.all()}
    outcome = rules.judge(
        evaluation.criteria_set,
        indicators,
        points,
        disadvantaged=registration.commune.is_disadvantaged,
    )
    passed += outcome.passed
    stored = (evaluation.total, evaluation.passed, evaluation.reason, len(points))
    expected = (outcome.total, outcome.passed, outcome.reason, len(indicators))
    if stored != expected:
        judged_off.append({"id": evaluation.pk, "stored": stored, "expected": expected})
print(json.dumps({
    "evaluations": evaluations, "totals_off": totals_off, "decided": decided,
    "states_off": states_off, "sampled": len(sample), "sample_passed": passed,
    "autovacuum_off": autovacuum_off,
    "judged_off": judged_off[:5], "judged_off_count": len(judged_off),
}))
"""


def test_the_province_seed_judges_every_evaluation_as_the_rules_do(seeded_province):
    found = json.loads(seeded_province.django(CHECK, settings="khuyenhoc.settings"))
    bench_line("province_seed_check", **{k: v for k, v in found.items() if k != "judged_off"})
    assert found["evaluations"] > 100_000
    assert found["totals_off"] == 0
    assert found["decided"] > 0 and found["states_off"] == 0
    assert found["autovacuum_off"] == 0
    # both outcomes are in the sample, and each is judged as the rules judge it
    assert 0 < found["sample_passed"] < found["sampled"]
    assert found["judged_off_count"] == 0, found["judged_off"]
