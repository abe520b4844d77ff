# newsgraph developer tasks. Everything runs from the project's own .venv, built from
# requirements.lock (exact pins, every file hash-checked); nothing is downloaded at run time.
#
#   make demo     set up .venv, ingest the bundled sample articles into newsgraph.db, print
#                 summaries, then serve the dashboard on http://127.0.0.1:8000 (Ctrl-C stops)
#   make test     set up .venv, then lint, format check, type check and tests
#   make lint     ruff check, ruff format --check, mypy
#   make format   ruff format, then ruff check --fix
#   make bench    throughput of extract_many vs bare nlp.pipe (BENCH_ARGS="--limit 100 --runs 1")
#   make lock     regenerate requirements.lock with pip-tools (needs the package registry)
#   make clean    remove outputs and caches; `make distclean` removes .venv too

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CODE   := src tests bench
BENCH_ARGS ?=
PIP_TOOLS_VERSION := 7.6.2

.DEFAULT_GOAL := help
.PHONY: help install demo test lint format bench lock clean distclean

help:
	@sed -n 's/^#   make /make /p' $(firstword $(MAKEFILE_LIST))

install: $(STAMP)

# The lock pins setuptools and wheel too, so the editable install needs no build
# isolation and no download beyond the locked files. pip itself is left as the venv has it.
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("newsgraph needs Python >= 3.11") if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# The demo store is made afresh each time: ingest prints what it holds (articles, actors, events
# by type and status, contested events); then the contested events, per article the summary
# (from the store's own newsgraph/1 export), and the dashboard over the store.
DEMO_DB := newsgraph.db
DEMO_PORT ?= 8000

demo: install
	@mkdir -p out
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/newsgraph ingest examples/ --db sqlite:///$(DEMO_DB) --no-progress
	@echo
	@echo "contested events (some sources assert or report, others deny):"
	$(BIN)/newsgraph contested --db sqlite:///$(DEMO_DB)
	@echo
	$(BIN)/newsgraph export --db sqlite:///$(DEMO_DB) --format jsonl --output out/demo.jsonl
	$(BIN)/python -m newsgraph.summary out/demo.jsonl
	@echo
	@echo "dashboard: http://127.0.0.1:$(DEMO_PORT)/  (Ctrl-C stops it)"
	$(BIN)/newsgraph serve --db sqlite:///$(DEMO_DB) --port $(DEMO_PORT)

test: install
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/mypy src/newsgraph
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/mypy src/newsgraph

format: install
	$(BIN)/ruff format $(CODE)
	$(BIN)/ruff check --fix $(CODE)

bench: install
	$(BIN)/python bench/throughput.py $(BENCH_ARGS)

# Regenerating the lock is the only task that needs the registry; it runs pip-tools from a
# throwaway venv so that pip-tools never enters the project's own environment.
lock:
	rm -rf /tmp/newsgraph-piptools
	$(PYTHON) -m venv /tmp/newsgraph-piptools
	/tmp/newsgraph-piptools/bin/pip install -q pip-tools==$(PIP_TOOLS_VERSION)
	/tmp/newsgraph-piptools/bin/pip-compile --generate-hashes --extra dev --all-build-deps \
	  --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf out build dist .pytest_cache .mypy_cache .ruff_cache src/*.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
