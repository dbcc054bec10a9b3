# Two commands on a fresh machine with Python 3.11:
#   make run    set up, then extract every article in samples/ into output/
#   make test   set up, then run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench clean setup system-packages

setup: $(STAMP)

# The review page's browser tests drive Debian's chromium through chromedriver.
system-packages:
	@bash scripts/install-system-packages.sh

$(STAMP): pyproject.toml
	@bash scripts/install-system-packages.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/extractor run samples/ -o output/

test: $(STAMP)
	@bash scripts/install-system-packages.sh
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_text.py
	$(BIN)/python bench/bench_pdf.py
	$(BIN)/python bench/bench_batch.py

clean:
	rm -rf $(VENV) output/articles output/report output/*.csv output/*.parquet output/*.json
