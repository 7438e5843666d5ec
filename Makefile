# Samenspel: two commands on a fresh machine.
#   make demo   installs everything, loads the demo municipality on SQLite and serves http://127.0.0.1:8000
#   make test   installs everything (Chromium included) and runs ruff and the whole test suite
# DATABASE_URL=postgres://postgres@127.0.0.1:5432/samenspel_test make test runs the suite on PostgreSQL.
#   make lock   regenerates the hashed lock files from requirements/base.txt and dev.txt

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_ENV := DEBUG=true
# The demo's DigiD and eHerkenning broker: the local stand-in provider, started by `make demo`.
OIDC_PORT ?= 8800
DEMO_OIDC := $(foreach p,DIGID EHERKENNING,$(p)_OIDC_ISSUER=http://127.0.0.1:$(OIDC_PORT) \
  $(p)_OIDC_CLIENT_ID=samenspel-test $(p)_OIDC_CLIENT_SECRET=stand-in-secret)

.PHONY: setup demo run chromium test lint format benchmarks lock clean

# Installs come from the lock files only, every file checked against its hash, so a fresh
# machine gets exactly what CI ran. base.txt and dev.txt hold the ranges; `make lock` turns
# them into lock.txt (runtime, what production installs) and dev-lock.txt (runtime + tests).
# tools-lock.txt locks the installer too: pip (the venv's bundled one is older and slower)
# and setuptools, which builds the one package published only as source (crontab) in pip's
# build environment; --build-constraint makes that environment hash-checked as well.
LOCK := requirements/lock.txt
DEV_LOCK := requirements/dev-lock.txt
TOOLS_LOCK := requirements/tools-lock.txt

$(VENV)/.installed: $(TOOLS_LOCK) $(DEV_LOCK)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(TOOLS_LOCK)
	$(PIP) install --quiet --require-hashes --build-constraint $(TOOLS_LOCK) -r $(DEV_LOCK)
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's gettext compiles the translations; install it when missing and apt-get is there.
samenspel/locale/en/LC_MESSAGES/django.mo: samenspel/locale/en/LC_MESSAGES/django.po samenspel/locale/nl/LC_MESSAGES/django.po $(VENV)/.installed
	command -v msgfmt >/dev/null || (command -v apt-get >/dev/null && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext)
	cd samenspel && DEBUG=true ../$(PY) ../manage.py compilemessages -v0
	touch $@

setup: $(VENV)/.installed node_modules/.installed samenspel/locale/en/LC_MESSAGES/django.mo

demo: setup
	mkdir -p var
	$(DEMO_ENV) $(PY) manage.py migrate --noinput -v0
	$(DEMO_ENV) $(PY) manage.py seed_demo
	@echo "Samenspel draait op http://$(HOST):$(PORT)/lindeveen/  (stoppen: Ctrl-C)"
	@echo "DigiD en eHerkenning: de lokale test-broker op http://127.0.0.1:$(OIDC_PORT)/ (test-BSN 999993653 is de demo-inwoner)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(PY) -m samenspel.accounts.tests.oidc_provider --port $(OIDC_PORT) >var/oidc.log 2>&1 & \
	  $(DEMO_ENV) $(DEMO_OIDC) $(PY) manage.py db_worker --interval 1 >var/worker.log 2>&1 & \
	  $(DEMO_ENV) $(DEMO_OIDC) $(PY) manage.py runserver $(HOST):$(PORT)

run: demo

# Chromium for the browser tests comes from Debian when it is missing; CI fails without it.
# So does nginx, the reverse proxy of tests/test_reverse_proxy.py (limits behind a real proxy).
chromium:
	@command -v chromium >/dev/null || test -x /usr/bin/chromium || \
	  (command -v apt-get >/dev/null && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) || \
	  echo "Chromium ontbreekt en kan niet worden geïnstalleerd; browsertests worden overgeslagen (behalve in CI: daar falen ze)."
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || \
	  (command -v apt-get >/dev/null && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light) || \
	  echo "nginx ontbreekt en kan niet worden geïnstalleerd; de test achter een proxy wordt overgeslagen (behalve in CI: daar faalt hij)."

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: setup chromium lint
	$(VENV)/bin/pytest -q $(PYTEST_ARGS)

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

benchmarks: setup
	@ls benchmarks/[!_]*.py | while read b; do echo "== $$b"; $(PY) $$b || exit 1; done

# uv resolves and hashes; it lives in its own small venv so the project venv holds exactly the
# lock. Existing pins are kept while they satisfy the ranges; LOCK_ARGS=--upgrade takes the newest
# allowed versions, LOCK_ARGS="--upgrade-package Django" one package. The runtime lock comes
# first and constrains the dev lock, so tests run on the versions production installs.
UV_VERSION := 0.13.9
LOCK_TOOLS := $(VENV)/lock-tools
UV_COMPILE := $(LOCK_TOOLS)/bin/uv pip compile --quiet --generate-hashes --no-strip-markers \
	--python-version 3.11 --python-platform x86_64-manylinux_2_28 --custom-compile-command "make lock"

lock:
	test -x $(LOCK_TOOLS)/bin/uv || ($(PYTHON) -m venv $(LOCK_TOOLS) && $(LOCK_TOOLS)/bin/pip install --quiet uv==$(UV_VERSION))
	$(UV_COMPILE) $(LOCK_ARGS) requirements/base.txt -o $(LOCK)
	$(UV_COMPILE) $(LOCK_ARGS) requirements/dev.txt -c $(LOCK) -o $(DEV_LOCK)
	printf 'pip\nsetuptools\n' | $(UV_COMPILE) $(LOCK_ARGS) - -o $(TOOLS_LOCK)

clean:
	rm -rf $(VENV) node_modules staticfiles var test-artifacts
