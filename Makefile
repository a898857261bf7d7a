# DaoTao — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/daotao
# The production shape: PostgreSQL with the cache (and sessions) in Redis; db 15 is
# the suite's own (it flushes it).
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
# pytest-xdist workers for `make test`/`test-pg` (docs/adr/0021): each worker has its
# own test database (and demo template), its own Redis database (15, 14, …) and
# temporary folders. `WORKERS=0` (one process) until a whole run under workers is
# green on both backends; then `auto`.
WORKERS ?= 0
XDIST := $(if $(filter 0,$(WORKERS)),-p no:xdist,-n $(WORKERS))
# More pytest arguments, e.g. `make test-pg PYTEST_ARGS=--database-tests-only` (CI).
PYTEST_ARGS ?=
# Production-like environment for `check --deploy` (nothing here is a real secret).
DEPLOY_ENV := DJANGO_DEBUG=false DJANGO_SECRET_KEY=ci-deploy-check-$$(printf 'k%.0s' $$(seq 60)) \
	DJANGO_ALLOWED_HOSTS=daotao.example.vn

.PHONY: run test test-fast test-pg lint format bench messages migrate demo empty clean venv system js prod-check

venv: $(STAMP)

system:
	@bash .ci/ensure-system-packages

# Test-only JavaScript (axe-core for the accessibility browser test), pinned in
# package-lock.json and installed into node_modules/; the test reads it from there.
JS_STAMP := node_modules/.installed
js: $(JS_STAMP)

$(JS_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $(JS_STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $(STAMP)

migrate: venv
	DJANGO_DEBUG=true $(BIN)/python manage.py migrate --noinput

demo: migrate
	DJANGO_DEBUG=true $(BIN)/python manage.py seed_demo

# `make run` loads the demo school; `DEMO=0 make run` starts empty (migrations
# only) and, while no school exists, prints the `school_create` command to run.
DEMO ?= 1
ifeq ($(DEMO),0)
START := empty
else
START := demo
endif

empty: migrate
	DJANGO_DEBUG=true $(BIN)/python manage.py school_create --check

# runserver and a task worker (docs/adr/0006, 0020); the worker rides out database
# outages itself and is started again if it exits anyway (a crash, a kill); when
# runserver stops, the worker's process group (loop, reloader, worker) is stopped too.
run: system $(START)
	@trap 'kill -- -$$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_DEBUG=true setsid sh -c 'while :; do $(BIN)/python manage.py run_worker; \
		echo "run_worker exited ($$?); restarting in 2 s" >&2; sleep 2; done' & worker=$$!; \
	DJANGO_DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

test: venv system js
	$(BIN)/pytest -q $(XDIST) $(PYTEST_ARGS)

# Everything but the browser walks and the slow (whole-demo, property) tests.
test-fast: venv system
	$(BIN)/pytest -q $(XDIST) -m "not browser and not slow" $(PYTEST_ARGS)

test-pg: venv system js
	bash .ci/ensure-services
	DATABASE_URL=$(PG_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest -q $(XDIST) $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run
	$(DEPLOY_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: venv
	DJANGO_DEBUG=true $(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=".venv/*" --ignore="bench/*" --ignore="*/tests/*"
	DJANGO_DEBUG=true $(BIN)/python manage.py compilemessages -l en --ignore=".venv/*"

# The production recipe (deploy/) started locally on PostgreSQL + Redis with DEBUG
# off: gunicorn's staff and public pools and the task worker, then smoke checks.
prod-check: venv system
	BIN=$(BIN) bash deploy/prod-check.sh

bench: venv system
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles node_modules
