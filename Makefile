# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint typecheck benchmark setup setup-dev system-deps clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Runtime and development dependencies, pinned by requirements/constraints.txt.
$(STAMP): pyproject.toml requirements/constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

## Set up and start the platform on SQLite (var/gongkai.sqlite3) with the demo data and accounts.
run: setup
	$(BIN)/gongkai demo --host $(HOST) --port $(PORT)

## Debian packages the browser tests need (Chromium, CJK fonts); skipped when present.
system-deps:
	@bash scripts/system-deps.sh

## Set up and run the whole test suite (DATABASE_URL picks the database; default SQLite).
test: setup system-deps
	$(BIN)/python -m pytest

## Compile the project's catalog (Django's and django-axes' strings in Chinese) after editing its
## django.po; the .mo is committed with it (docs/development.md, "Language").
CATALOG := src/gongkai/locale/zh_Hans/LC_MESSAGES
messages:
	msgfmt --check-format -o $(CATALOG)/django.mo $(CATALOG)/django.po

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports --no-cache

typecheck: setup
	$(BIN)/mypy

benchmark: setup
	$(BIN)/python benchmarks/bench_parse_check.py
	$(BIN)/python benchmarks/bench_tables_100k.py
	$(BIN)/python benchmarks/bench_ledger_import.py
	$(BIN)/python benchmarks/bench_report_build.py
	$(BIN)/python benchmarks/bench_report_batch.py
	$(BIN)/python benchmarks/bench_batch_page.py
	$(BIN)/python benchmarks/bench_pdf.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .hypothesis
