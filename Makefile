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

# `make run` is the local, embedded setup, showing the site as readers get it: DEBUG off (the site's own
# 404 page, static files through WhiteNoise, uploads served by Django only here: SERVE_MEDIA), SQLite,
# sample articles, demo accounts. Its secret key is made once and kept in .cache/ (git-ignored).
SECRET_KEY_FILE := .cache/secret-key
RUN_ENV = DEBUG=0 SERVE_MEDIA=1 SECRET_KEY="$$(cat $(SECRET_KEY_FILE))" ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}"

$(SECRET_KEY_FILE): | $(BIN)/python
	@mkdir -p $(dir $@)
	@$(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	@chmod 600 $@

run: install $(SECRET_KEY_FILE)
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(BIN)/python manage.py load_samples
	$(RUN_ENV) $(BIN)/python manage.py demo_account
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-test
	$(BIN)/pytest

# Speed, measured (never asserted): see tests/benchmark.py. BENCH_ARGS="--database postgres" and so on.
bench: install-test
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null; } || { echo "make bench butuh wrk (apt-get install wrk)"; exit 1; }
	$(BIN)/python -m tests.benchmark $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles *.egg-info .pytest_cache .bench .cache
