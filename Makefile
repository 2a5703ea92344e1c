# KneeCare: `make run` serves the site, `make test` runs every check. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
NGINX ?= /usr/sbin/nginx
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test check setup browser nginx lint types format migrations-check bench chaos scale-test audit clean triage-report

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever the lock file changes.
$(VENV)/.installed: requirements.lock | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

setup: $(VENV)/.installed

run: setup
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py seed_content
	DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

# Browser tests use Debian's Chromium: Playwright cannot download a browser here.
browser:
	@[ -x $(CHROMIUM) ] || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The reverse-proxy tests (tests/test_nginx.py) run Debian's nginx, unprivileged, on loopback.
nginx:
	@[ -x $(NGINX) ] || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; }

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy, strict over the pure modules listed in pyproject.toml ([tool.mypy]).
types: setup
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: setup
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py makemigrations --check --dry-run

test: setup browser nginx lint types migrations-check
	$(BIN)/pytest

# The fast loop: lint, types, the migrations check and every test but the browser ones.
check: setup lint types migrations-check
	$(BIN)/pytest -m "not browser"

# Load benchmark: gunicorn with production settings on a free loopback port, measured by
# locust; results in bench-results/. Not part of `make test` or CI: run it on an idle machine.
bench: setup
	$(BIN)/python -m tests.load.bench

# The self-check's accuracy on the vignette suite (tests/vignettes/*.toml): top-1, top-3,
# red-flag sensitivity, over- and under-triage, a confusion matrix and the misses. A report,
# not a test: tests/test_triage_vignettes.py asserts the red-flag guarantees.
triage-report: setup
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python -m tests.vignettes.report

# Faults as a repeatable check: its own PostgreSQL and Redis on spare loopback ports, a
# mixed load while each goes away and comes back (about a minute). Not part of `make test`.
chaos: setup
	$(BIN)/python -m tests.load.chaos

# Two gunicorns behind the shipped nginx on the machine's PostgreSQL (database
# kneecare_scale) and Redis (db 13): shared rate limits, lock-outs, edits and counts.
scale-test: setup nginx
	$(BIN)/python -m tests.load.scale

# pip-audit of the lock file. Exits non-zero, saying so, when no vulnerability service can
# be reached: pip-audit alone would report a clean result that checked nothing.
audit: setup
	$(BIN)/python tests/audit.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis
