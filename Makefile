# chenbao: `make demo` runs the newsroom on its embedded defaults, `make test` runs every check.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export CHENBAO_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: demo test install system-deps fonts lint types check pytest serve bench clean

$(BIN)/chenbao: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/chenbao

# Debian packages the project needs (CJK fonts; Chromium for browser tests).
# Installed when missing and we may (root with apt-get); otherwise say what to install.
system-deps:
	@scripts/system-deps.sh

demo: install system-deps
	mkdir -p var
	$(BIN)/chenbao migrate --noinput
	$(BIN)/chenbao demo
	@echo "serving at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/, Ctrl-C to stop)"
	$(BIN)/chenbao runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy with django-stubs (settings in pyproject.toml). Its cache does not notice a change to
# the settings modules the plugin reads settings' types from, so it starts afresh after one.
types: install .mypy_cache/settings.stamp
	$(BIN)/mypy

.mypy_cache/settings.stamp: $(wildcard chenbao/settings/*.py)
	rm -rf .mypy_cache
	mkdir -p .mypy_cache
	touch $@

check: install
	DJANGO_SETTINGS_MODULE=chenbao.settings.test $(BIN)/chenbao check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=chenbao.settings.test $(BIN)/chenbao makemigrations --check --dry-run

# The suite on every core, up to four (TEST_WORKERS=0 runs it in this one process). Tests are
# dealt out one by one in pytest-django's order, so each worker still runs the tests that
# flush the database (live-server browser tests) after the ones that need what migrations made.
TEST_WORKERS ?= auto
pytest: install system-deps
	$(BIN)/pytest -q -n $(TEST_WORKERS) --maxprocesses=4

test: lint types check pytest

bench: install
	for f in bench/bench_*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache var/chenbao.sqlite3* var/media var/static
