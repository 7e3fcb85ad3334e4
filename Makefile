# Two commands for a newcomer: `make run` (demo portal on SQLite) and `make test`
# (ruff + the whole suite on a throwaway PostgreSQL + browser tests).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | md5sum | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench load lint check install browser redis backup restore clean-venv

$(PY):
	@PYBIN=$$(scripts/find-python.sh) || exit 1; \
	echo "→ Tạo môi trường ảo với $$PYBIN"; \
	"$$PYBIN" -m venv $(VENV)

# --no-compile: pip would compile every file of every package (10 s of a fresh install);
# Python compiles the modules it imports, once, on first use
$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install -q --no-compile -e ".[test]"
	rm -f $(VENV)/.installed-*; touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_units
	$(PY) manage.py seed_demo
	@echo "→ Cổng khuyến học chạy tại http://$(HOST):$(PORT)/  (Ctrl+C để dừng)"
	@# the worker of background jobs runs beside the server and stops with it
	@$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

browser:
	@scripts/ensure-chromium.sh

# tests/hosts/ starts a real redis-server beside two gunicorn hosts
redis:
	@scripts/ensure-redis.sh

test: install lint browser redis
	@scripts/with-postgres.sh scripts/run-tests.sh

# Benchmarks are tests/bench/bench_*.py, kept out of `make test`; each prints BENCH lines.
# It installs wrk (Debian) and the bench extra (django-import-export) and never skips.
bench: install
	@scripts/ensure-wrk.sh
	$(PY) -m pip install -q --no-compile -e ".[test,bench]"
	@set -o pipefail; time scripts/with-postgres.sh $(PY) -m pytest tests/bench -q -s \
		-o python_files='bench_*.py' | tee bench-results.txt; status=$$?; \
		grep '^BENCH' bench-results.txt; exit $$status

# Public load with concurrent staff writes and a PostgreSQL outage in the middle;
# fails when an acknowledged write is lost, a 500 is answered or the portal does not recover.
load: install
	@scripts/with-postgres.sh $(PY) scripts/load_and_faults.py

# Backups of the database of DATABASE_URL (or of the SQLite demo) into backups/.
backup:
	@scripts/backup.sh

restore:
	@scripts/restore.sh "$(FILE)"

clean-venv:
	rm -rf $(VENV)
