# Two commands from a fresh clone:  `make build` (set up + build the dataset from seeds/)
# and `make test` (set up + run the test suite). Only python3 (3.11) is needed beforehand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
export UV_COMPILE_BYTECODE := 1

.PHONY: setup build test benchmarks dagster clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

build: setup
	$(BIN)/khabar build

test: setup
	$(BIN)/pytest -q

benchmarks: setup
	$(BIN)/python benchmarks/run_all.py

dagster: setup
	$(BIN)/dagster dev -m pipeline.definitions

lock:
	$(BIN)/uv pip compile pyproject.toml --extra test --extra cluster --generate-hashes --python-version 3.11 --no-header -o requirements.lock

clean:
	rm -rf outputs $(VENV)
