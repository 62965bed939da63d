# Two commands for a fresh machine: `make serve` (set up, then serve the site on 127.0.0.1:8000)
# and `make test` (set up, then run every test). Both are safe to run again: set-up is skipped
# when nothing it depends on has changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test check bench browser figures clean

setup: $(VENV)/.installed node_modules/.installed hooks/kbsite/vendor/.copied

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The browser libraries the site serves, copied into the kbsite package (`kbsite.vendor`)
hooks/kbsite/vendor/.copied: node_modules/.installed $(VENV)/.installed
	$(BIN)/python -m kbsite.vendor node_modules
	touch $@

serve: setup
	$(BIN)/mkdocs serve -a 127.0.0.1:8000

build: setup
	$(BIN)/mkdocs build --strict

check: setup
	$(BIN)/kb check

browser:
	bash scripts/install-chromium.sh

# Three workers on two cores: much of the suite waits on browsers and servers (benchmarks/README.md)
test: setup browser
	$(BIN)/python -m pytest -n 3

figures: setup
	$(BIN)/python -m pip install --quiet -e '.[figures]'
	$(BIN)/python scripts/figures/make_figures.py

bench: setup
	$(BIN)/python benchmarks/run.py --sizes S M

clean:
	rm -rf site test-output benchmarks/out
