# The two commands in the README are the contract: `make serve` and `make test`.
# Everything else here is what they are made of.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve test build check check-headers pdf bench lint clean help

help:
	@echo "make serve  - set up and preview the site at http://$(HOST):$(PORT) with live reload"
	@echo "make test   - set up and run every test (unit, fixture-site, built-HTML, browser)"
	@echo "make build  - validate, then build the site strictly into site/ (never half-written)"
	@echo "make check  - check data, front matter, links between pages and review dates"
	@echo "make pdf    - build the PDFs (arrangements, briefings)"
	@echo "make bench  - run the performance benchmark (prints figures; not a test)"
	@echo "make check-headers URL=https://…/ - does the published host send the security headers?"
	@echo "make accessibility-results - run the accessibility checks and record them for the statement"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

# Test-only tools from the npm registry (axe-core, the Nu Html Checker), pinned by
# tests/browser/package-lock.json; nothing is downloaded while the tests run.
BROWSER_TOOLS := tests/browser/node_modules/.installed
$(BROWSER_TOOLS): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

$(TEST_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

check: $(STAMP)
	$(BIN)/procedures check

build: $(STAMP)
	$(BIN)/procedures build

serve: $(STAMP)
	$(BIN)/procedures serve --host $(HOST) --port $(PORT)

pdf: $(STAMP)
	$(BIN)/procedures pdf

test: $(TEST_STAMP) $(BROWSER_TOOLS)
	$(BIN)/ruff check procedures macros tests
	$(BIN)/procedures check
	@# pytest exits 5 when it collected no tests: that is a failure, not a pass.
	$(BIN)/python -m pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo 'pytest ran no tests' >&2; exit 1; fi; exit $$rc

lint: $(TEST_STAMP)
	$(BIN)/ruff check procedures macros tests

# Run the accessibility, privacy and security checks and record what they measured in
# data/accessibility-results.yml (the accessibility statement prints it); commit the file.
accessibility-results: $(TEST_STAMP) $(BROWSER_TOOLS)
	PROCEDURES_RECORD_ACCESSIBILITY=1 $(BIN)/python -m pytest -q tests/browser/test_quality_full_pass.py \
	  tests/browser/test_quality_templates.py tests/browser/test_quality_keyboard.py \
	  tests/browser/test_quality_security_headers.py tests/browser/test_quality_html.py tests/site/test_quality_build.py

# Does the published host send the security headers? make check-headers URL=https://procedures.example.org/
check-headers: $(STAMP)
	@test -n "$(URL)" || { echo "give the address: make check-headers URL=https://…/" >&2; exit 2; }
	$(BIN)/procedures check-headers "$(URL)"

bench: $(TEST_STAMP)
	$(BIN)/python -m procedures.bench

clean:
	rm -rf site .site-build* .pytest_cache .ruff_cache
