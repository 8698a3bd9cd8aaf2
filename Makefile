# Every target builds .venv from the project's own files; nothing is installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
BENCH_STAMP := $(VENV)/.installed-bench
BENCH_ARGS ?=
SAMPLE := sample
WEB_STAMP := web/node_modules/.installed
WEB_BUILD := web/build/vendor/.built

.PHONY: install run load test lint clean web chromium redis bench bench-quick wrk

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

$(BENCH_STAMP): pyproject.toml $(TEST_STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

install: $(STAMP)

load: $(STAMP)
	$(BIN)/steppe ingest $(SAMPLE)

run: load web
	$(BIN)/steppe serve

# Style, types (`mypy --strict`, configured in pyproject.toml) and the declared layers
# (import-linter's contracts in pyproject.toml, README "Architecture").
lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: $(TEST_STAMP) $(BENCH_STAMP) wrk web chromium redis lint
	$(BIN)/python -m pytest

# The explorer's and the tests' npm packages, exactly as web/package-lock.json pins them; then
# the prebuilt GraphiQL/React files copied into web/build/vendor (served at /static/vendor).
$(WEB_STAMP): web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund
	touch $@

$(WEB_BUILD): $(WEB_STAMP) web/build.mjs
	node web/build.mjs
	touch $@

web: $(WEB_BUILD)

# Headless Chromium for the browser tests, installed only when missing (CI runs as root). When
# it can't be installed the browser tests are reported as skipped, with this reason.
chromium:
	@command -v chromium >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) || \
	  echo "chromium could not be installed: the browser tests will be skipped"

# redis-server for the rate-limit tests across replicas (the suite starts its own on a free
# port, see tests/redis_server.py), from Debian when missing; without it they are skipped.
redis:
	@command -v redis-server >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) || \
	  echo "redis-server could not be installed: the shared rate-limit tests will be skipped"

# The performance harness (issue 6; README "Performance"). `make bench BENCH_ARGS="--articles
# 100000"` for a bigger corpus; results land in bench/results/ (ignored by git).
bench: $(BENCH_STAMP) wrk
	$(BIN)/python -m bench $(BENCH_ARGS)

bench-quick: $(BENCH_STAMP) wrk
	$(BIN)/python -m bench --quick $(BENCH_ARGS)

# wrk, the load generator of the throughput section, from Debian when missing; without it
# the harness falls back to a slower Python client and says so in its results.
wrk:
	@command -v wrk >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) || \
	  echo "wrk could not be installed: throughput is measured with httpx instead"

clean:
	rm -rf $(VENV) var web/node_modules web/build
