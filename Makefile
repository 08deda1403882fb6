# The two commands of the README's Quick start: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench install install-test migrate samples check-python clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "detakbanten butuh Python 3.11 atau lebih baru")'

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# `make run` is the local, embedded setup: SQLite, DEBUG on, sample articles, a demo account.
run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_samples
	DEBUG=1 $(BIN)/python manage.py demo_account
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-test
	$(BIN)/pytest

# Speed, measured (never asserted): see tests/benchmark.py. BENCH_ARGS="--database postgres" and so on.
bench: install-test
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null; } || { echo "make bench butuh wrk (apt-get install wrk)"; exit 1; }
	$(BIN)/python -m tests.benchmark $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles *.egg-info .pytest_cache .bench .cache
