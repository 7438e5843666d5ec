# Samenspel: two commands on a fresh machine.
#   make demo   installs everything, loads the demo municipality on SQLite and serves http://127.0.0.1:8000
#   make test   installs everything (Chromium included) and runs ruff and the whole test suite
# DATABASE_URL=postgres://postgres@127.0.0.1:5432/samenspel_test make test runs the suite on PostgreSQL.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_ENV := DEBUG=true

.PHONY: setup demo run chromium test lint format benchmarks clean

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements/dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's gettext compiles the translations; install it when missing and apt-get is there.
samenspel/locale/en/LC_MESSAGES/django.mo: samenspel/locale/en/LC_MESSAGES/django.po $(VENV)/.installed
	command -v msgfmt >/dev/null || (command -v apt-get >/dev/null && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext)
	cd samenspel && DEBUG=true ../$(PY) ../manage.py compilemessages -v0

setup: $(VENV)/.installed node_modules/.installed samenspel/locale/en/LC_MESSAGES/django.mo

demo: setup
	mkdir -p var
	$(DEMO_ENV) $(PY) manage.py migrate --noinput -v0
	$(DEMO_ENV) $(PY) manage.py seed_demo
	@echo "Samenspel draait op http://$(HOST):$(PORT)/lindeveen/  (stoppen: Ctrl-C)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(DEMO_ENV) $(PY) manage.py db_worker --interval 1 >var/worker.log 2>&1 & \
	  $(DEMO_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

run: demo

# Chromium for the browser tests comes from Debian when it is missing; CI fails without it.
chromium:
	@command -v chromium >/dev/null || test -x /usr/bin/chromium || \
	  (command -v apt-get >/dev/null && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) || \
	  echo "Chromium ontbreekt en kan niet worden geïnstalleerd; browsertests worden overgeslagen (behalve in CI: daar falen ze)."

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: setup chromium lint
	$(VENV)/bin/pytest -q $(PYTEST_ARGS)

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

benchmarks: setup
	@ls benchmarks/*.py | while read b; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) node_modules staticfiles var test-artifacts
