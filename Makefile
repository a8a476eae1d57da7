# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The stamp is newer than pyproject.toml only while the installed environment matches it.
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck bench mutate selftest dist clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/facilitator

test: $(STAMP)
	$(BIN)/ruff check facilitator tests
	$(BIN)/ruff format --check facilitator tests
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check facilitator tests
	$(BIN)/ruff format --check facilitator tests

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -s tests/bench

# Mutation testing of the core (not CI: 10-20 min on 2 cores). Modules and tests: [tool.mutmut]
# in pyproject.toml; scores and survivors: tests/mutation_report.py; docs/testing.md explains.
# `make mutate ONLY='facilitator.capture.rank_entry*'` mutates one module.
MUTATE_JOBS ?= 2
ONLY ?=
$(VENV)/.installed-mutate: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,mutate]"
	@touch $@

mutate: $(VENV)/.installed-mutate
	rm -rf mutants
	QT_QPA_PLATFORM=offscreen $(BIN)/mutmut run --max-children $(MUTATE_JOBS) $(ONLY) > mutants.log 2>&1 \
		|| { tail -40 mutants.log; exit 1; }
	$(BIN)/python tests/mutation_report.py

selftest: $(STAMP)
	$(BIN)/facilitator --self-test

# The one-folder app in dist/facilitator/ (build/facilitator.spec; README: "Building the app").
$(VENV)/.installed-build: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[build]"
	@touch $@

dist: $(VENV)/.installed-build
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/out \
		build/facilitator.spec

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache dist build/out mutants mutants.log
