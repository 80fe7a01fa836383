# Two commands on a fresh machine: `make demo` and `make test`. Every target installs what it needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet
DEMO_DB := out/demo.db

.PHONY: help install install-dev system-deps demo test test-fast bench eval clean

help:
	@echo "make demo    install, ingest examples/corpus/ into stories, compare one story into out/demo-report.md"
	@echo "make test    install (with dev tools and PostgreSQL) and run the whole test suite"
	@echo "make test-fast  the pure-rule tests only (no model, database or browser; ~10 s)"
	@echo "make bench   run the benchmarks in bench/ (figures as ratios to a baseline)"
	@echo "make eval    run every evaluation in eval/ and check its figures against eval/baseline.json (reads ../shared/data)"
	@echo "make clean   remove .venv and out/"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The lock files pin every dependency with hashes; the package itself is installed editable.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes --no-deps -r requirements.lock
	$(PIP) install --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes --no-deps -r requirements-dev.lock
	$(PIP) install --no-deps -e .
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

system-deps:
	./scripts/system-deps.sh

demo: install
	$(BIN)/manysides ingest examples/corpus/ --db $(DEMO_DB)
	$(BIN)/manysides stories --db $(DEMO_DB)
	$(BIN)/manysides compare examples/corpus/brenlow-dam/ --md out/demo-report.md --json out/demo-report.json --html out/demo-report.html
	@echo "Report: out/demo-report.md (also .json, and .html to open in a browser)"

test: install-dev system-deps
	$(BIN)/python -m pytest

test-fast: install-dev
	$(BIN)/python -m pytest -m fast -q

bench: install
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

eval: install
	$(BIN)/python eval/gate.py

clean:
	rm -rf $(VENV) out
