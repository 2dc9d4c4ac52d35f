# Two commands from a fresh clone:  `make build` (set up + build the dataset from seeds/)
# and `make test` (set up + run the test suite). Only python3 (3.11) is needed beforehand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
export UV_COMPILE_BYTECODE := 1

.PHONY: setup build test benchmarks dagster clean

setup: $(VENV)/.installed

# The last step compiles the text stages' loops ahead of time for this machine (numba and gcc), so
# that the pipeline never loads numba's compiler; without a C compiler numba compiles them on first use.
$(VENV)/.installed: requirements.lock pyproject.toml pipeline/text/sketch_kernels.py pipeline/text/segment_kernels.py pipeline/text/segment.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	$(BIN)/python -m pipeline.text.kernels || $(BIN)/python -c "import pipeline.text.warmup"
	touch $@

build: setup
	$(BIN)/khabar build

test: setup
	$(BIN)/pytest -q

# The per-stage benchmarks (minutes); the scale ones (build_benchmark, duplicates_scale, resolution_memory,
# summary_page) take their sizes on the command line, see the README.
benchmarks: setup
	$(BIN)/python benchmarks/cleaning_throughput.py
	$(BIN)/python benchmarks/ner_speed.py
	$(BIN)/python benchmarks/quotes_speed.py
	$(BIN)/python benchmarks/events_speed.py

dagster: setup
	$(BIN)/dagster dev -m pipeline.definitions

lock:
	$(BIN)/uv pip compile pyproject.toml --extra test --extra cluster --generate-hashes --python-version 3.11 --no-header -o requirements.lock

clean:
	rm -rf outputs $(VENV)
