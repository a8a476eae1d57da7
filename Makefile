# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Each stamp is newer than pyproject.toml only while the installed environment matches it:
# .installed the app's own dependencies (`make run`), .installed-test the test tools too.
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# setuptools explains editable installs in a long warning block on every install; it is
# about how a developer's checkout is imported, nothing a facilitator can act on.
PIP := PYTHONWARNINGS=ignore::UserWarning $(BIN)/python -m pip

.PHONY: run test lint typecheck bench mutate selftest screenshots dist clean

$(STAMP): pyproject.toml
	@echo "Setting up Facilitator in $(VENV) (the first time takes a minute or two)..."
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(PIP) install --quiet --upgrade pip
	@$(PIP) install --quiet -e .
	@touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	@echo "Adding the test tools (pytest, ruff, mypy...) to $(VENV)..."
	@$(PIP) install --quiet -e ".[test]"
	@touch $(TEST_STAMP)

run: $(STAMP)
	$(BIN)/facilitator

test: $(TEST_STAMP)
	$(BIN)/ruff check facilitator tests
	$(BIN)/ruff format --check facilitator tests
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(TEST_STAMP)
	$(BIN)/ruff check facilitator tests
	$(BIN)/ruff format --check facilitator tests

typecheck: $(TEST_STAMP)
	$(BIN)/mypy

bench: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -s tests/bench

# Mutation testing of the core (not CI: about an hour on 2 cores; ONLY= one module). Modules and tests: [tool.mutmut]
# in pyproject.toml; scores and survivors: tests/mutation_report.py; docs/testing.md explains.
# `make mutate ONLY='facilitator.capture.rank_entry*'` mutates one module.
MUTATE_JOBS ?= 2
ONLY ?=
$(VENV)/.installed-mutate: $(TEST_STAMP)
	@$(PIP) install --quiet -e ".[test,mutate]"
	@touch $@

mutate: $(VENV)/.installed-mutate
	rm -rf mutants
	QT_QPA_PLATFORM=offscreen $(BIN)/mutmut run --max-children $(MUTATE_JOBS) $(ONLY) > mutants.log 2>&1 \
		|| { tail -40 mutants.log; exit 1; }
	$(BIN)/python tests/mutation_report.py

# The README's pictures, taken from the real app on the offscreen platform (docs/screenshots/).
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen:configfile=tests/fixtures/screen-1280x800.json \
		$(BIN)/python build/screenshots.py docs/screenshots

selftest: $(STAMP)
	$(BIN)/facilitator --self-test

# The one-folder app in dist/facilitator/ (build/facilitator.spec; README: "Building the app").
$(VENV)/.installed-build: $(STAMP)
	$(PIP) install --quiet -e ".[build]"
	@touch $@

dist: $(VENV)/.installed-build
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/out \
		build/facilitator.spec

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache dist build/out mutants mutants.log
