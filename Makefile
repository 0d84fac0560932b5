# Two commands: `make reports` and `make test`. Both create .venv on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: reports test install lab sample check clean bench

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11+ is needed: set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (datadriver)" >/dev/null
	@touch $(STAMP)

install: $(STAMP)

reports: $(STAMP)
	$(BIN)/datadriver run --data sample_data --out exports

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy datadriver_utils
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n 2 --dist loadfile -q

check: $(STAMP)
	$(BIN)/datadriver check --data sample_data

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

sample: $(STAMP)
	$(BIN)/python -m datadriver_utils.sample --seed 2026 --out sample_data

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_batch.py

clean:
	rm -rf $(VENV) exports/*/ exports/index.html exports/district-summary.json exports/district_summary.csv exports/.datadriver
