#!/usr/bin/env bash
# The whole suite on PostgreSQL (DATABASE_URL comes from with-postgres.sh) and, beside
# it, `manage.py check --deploy` with production-like settings and a migrations check.
set -euo pipefail
PY=.venv/bin/python
# The two checks run beside the suite's first seconds, when the controller migrates the
# template on one core and the other waits (about 4 s of make test); their output and
# verdict come after the suite's.
CHECKS_LOG=$(mktemp)
(
  DEBUG=false SECRET_KEY=check-deploy-only-$(date +%s)-not-a-real-secret-key-xxxxxxxxxxxxxxxx \
    ALLOWED_HOSTS=khuyenhoc.example.vn $PY manage.py check --deploy --fail-level WARNING
  $PY manage.py makemigrations --check --dry-run >/dev/null || {
    echo "Thiếu migration: chạy manage.py makemigrations" >&2; exit 1; }
) >"$CHECKS_LOG" 2>&1 &
CHECKS=$!
# The demo is seeded once per worker and put back by COPY; 250 people a commune (a
# twenty-fourth of the default) still gives every list, page and download a test opens
# several pages of rows, and keeps the run short: the trust tests that open every page,
# download and admin list pay for every row they list (the whole suite passed at 1.000,
# 500 and 250; 500 → 250 took 444 s of pytest to 402 s).
# One process per core (tests/parallel_db.py); TEST_WORKERS=1 runs them in this process.
WORKERS=${TEST_WORKERS:-auto}
# worksteal: a worker that runs dry takes tests queued for the other, so the run does not
# end on one busy worker
[ "$WORKERS" = 1 ] && PARALLEL=() || PARALLEL=(-n "$WORKERS" --dist worksteal)
STATUS=0
DEMO_PEOPLE_PER_COMMUNE=250 DJANGO_ALLOW_ASYNC_UNSAFE=true $PY -m pytest -q --durations=15 "${PARALLEL[@]}" "$@" || STATUS=$?
CHECKED=0
wait "$CHECKS" || CHECKED=$?
cat "$CHECKS_LOG"; rm -f "$CHECKS_LOG"
[ "$CHECKED" = 0 ] || { echo "Kiểm tra cấu hình triển khai hoặc migration không đạt" >&2; exit "$CHECKED"; }
exit "$STATUS"
