# The two commands in the README are the contract: `make serve` and `make test`, from a
# fresh clone, with only Python 3.11+ (and root or sudo for the system packages).
# Everything else here is what they are made of.
#
# Python packages come from the lock files in requirements/ (exact versions, with
# hashes; `make lock` updates them). Each target installs only what it needs:
#   serve, check            requirements/preview.txt (no browser, nothing else)
#   build, pdf              + requirements/build.txt, and Chromium (system package)
#   test, test-fast, lint   + requirements/test.txt; `test` also Chromium, Java, Node/npm

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# --no-compile: modules are compiled when first imported, not all of them up front
PIP_INSTALL := PIP_DISABLE_PIP_VERSION_CHECK=1 $(PY) -m pip --quiet install --no-compile
HOST ?= 127.0.0.1
PORT ?= 8000

PREVIEW_STAMP := $(VENV)/.installed-preview
BUILD_STAMP := $(VENV)/.installed-build
TEST_STAMP := $(VENV)/.installed-test
SYSTEM := PY=$(PY) tools/system-packages

.PHONY: serve test test-fast test-browser build check pdf bench bench-editions lint clean help lock \
        system-packages accessibility-results publish-ready check-headers test-engines

help:
	@echo "make serve      - set up and preview the site at http://$(HOST):$(PORT) with live reload (no browser needed)"
	@echo "make test       - set up and run every test (unit, fixture-site, built-HTML, browser)"
	@echo "make test-fast  - ruff, procedures check and the unit tests (no browser, no build)"
	@echo "make build      - validate, then build the site strictly into site/ (needs Chromium for the PDFs)"
	@echo "make check      - check data, front matter, links between pages and review dates"
	@echo "make pdf        - build the PDFs (arrangements, briefings)"
	@echo "make bench      - run the performance benchmark (prints figures; not a test)"
	@echo "make bench-editions - only what editions add to the build (1,000 chapters, 5 editions)"
	@echo "make check-headers URL=https://…/ - does the published host send the security headers?"
	@echo "make accessibility-results - run the accessibility checks and record them for the statement"
	@echo "make test-engines - build the real site with MkDocs and with Zensical and compare them"
	@echo "make lock       - update requirements/ from pyproject.toml (needs uv)"

$(PY):
	$(PYTHON) -m venv $(VENV)

# The project itself is installed without build isolation: setuptools comes from the lock.
$(PREVIEW_STAMP): requirements/preview.txt pyproject.toml | $(PY)
	$(PIP_INSTALL) --require-hashes -r requirements/preview.txt
	$(PIP_INSTALL) --no-deps --no-build-isolation -e .
	@touch $@

$(BUILD_STAMP): requirements/build.txt $(PREVIEW_STAMP)
	$(PIP_INSTALL) --require-hashes -r requirements/build.txt
	@touch $@

$(TEST_STAMP): requirements/test.txt $(BUILD_STAMP)
	$(PIP_INSTALL) --require-hashes -r requirements/test.txt
	@touch $@

# Zensical, the second engine (optional extra "zensical"; never in the default install)
ZENSICAL_STAMP := $(VENV)/.installed-zensical
$(ZENSICAL_STAMP): requirements/zensical.txt $(TEST_STAMP)
	$(PIP_INSTALL) --require-hashes -r requirements/zensical.txt
	@touch $@

# Chromium, Java and Node/npm: installed with apt-get when this is root or has sudo;
# otherwise the one command to run is printed and make stops.
system-packages: $(BUILD_STAMP)
	@$(SYSTEM) chromium java npm

# Test-only tools from the npm registry (axe-core, the Nu Html Checker), pinned by
# tests/browser/package-lock.json; nothing is downloaded while the tests run.
BROWSER_TOOLS := tests/browser/node_modules/.installed
$(BROWSER_TOOLS): tests/browser/package.json tests/browser/package-lock.json
	@$(SYSTEM) npm
	cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

check: $(PREVIEW_STAMP)
	$(BIN)/procedures check

serve: $(PREVIEW_STAMP)
	$(BIN)/procedures serve --host $(HOST) --port $(PORT)

build: $(BUILD_STAMP)
	@$(SYSTEM) chromium
	$(BIN)/procedures build

pdf: $(BUILD_STAMP)
	@$(SYSTEM) chromium
	$(BIN)/procedures pdf

# pytest exits 5 when it collected no tests: that is a failure, not a pass.
PYTEST = $(PY) -m pytest $(1); rc=$$?; if [ $$rc -eq 5 ]; then echo 'pytest ran no tests' >&2; exit 1; fi; exit $$rc
# The whole suite runs on two processes (pytest-xdist), one test file per process at a
# time, so a file's module fixtures (its builds) are made once; the real site is built
# once for both, while the unit tests run, and the files are handed out in the order
# tests/conftest.py gives them (pytest_collection_modifyitems). `make test JOBS=1` runs
# it in one process.
JOBS ?= 2
PARALLEL = $(if $(filter-out 0 1,$(JOBS)),-n $(JOBS) --dist loadfile --no-loadscope-reorder,-p no:xdist)

test: $(TEST_STAMP) system-packages $(BROWSER_TOOLS)
	$(BIN)/ruff check procedures macros tests
	$(BIN)/procedures check
	$(call PYTEST,$(PARALLEL))

test-fast: $(TEST_STAMP)
	$(BIN)/ruff check procedures macros tests
	$(BIN)/procedures check
	$(call PYTEST,tests/unit)

# the browser suite alone, on the built site/ when there is one (CI: after make build)
test-browser: $(TEST_STAMP) system-packages $(BROWSER_TOOLS)
	$(call PYTEST,$(PARALLEL) tests/browser)

# the two-engine comparison (docs/developers/engines.md): the real site built with MkDocs
# and with Zensical, the same published URLs, no draft, a bad review date failing both
test-engines: $(ZENSICAL_STAMP)
	@$(SYSTEM) chromium
	$(call PYTEST,tests/site/test_engines.py)

lint: $(TEST_STAMP)
	$(BIN)/ruff check procedures macros tests

# Run the accessibility, privacy and security checks and record what they measured in
# data/accessibility-results.yml (the accessibility statement prints it); commit the file.
accessibility-results: $(TEST_STAMP) system-packages $(BROWSER_TOOLS)
	PROCEDURES_RECORD_ACCESSIBILITY=1 $(BIN)/python -m pytest -q tests/browser/test_quality_full_pass.py \
	  tests/browser/test_quality_templates.py tests/browser/test_quality_keyboard.py \
	  tests/browser/test_quality_security_headers.py tests/browser/test_quality_html.py tests/site/test_quality_build.py

# Does the published host send the security headers? make check-headers URL=https://procedures.example.org/
check-headers: $(PREVIEW_STAMP)
	@test -n "$(URL)" || { echo "give the address: make check-headers URL=https://…/" >&2; exit 2; }
	$(BIN)/procedures check-headers "$(URL)"

# The publish jobs run this first: the placeholder address would go into every feed,
# sitemap, canonical link and PDF.
PLACEHOLDER_URL := https://procedures.example.org/
publish-ready:
	@if grep -Eq '^site_url:[[:space:]]*$(PLACEHOLDER_URL)?[[:space:]]*$$' mkdocs.yml; then \
	  echo "site_url in mkdocs.yml is still the placeholder $(PLACEHOLDER_URL) — set it to the address the site is published at, then publish again" >&2; \
	  exit 1; fi

bench: $(TEST_STAMP)
	$(BIN)/python -m procedures.bench
	$(BIN)/python -m procedures.bench.editions --chapters 1000 --editions 5

bench-editions: $(TEST_STAMP)
	$(BIN)/python -m procedures.bench.editions --chapters 1000 --editions 5

# Update the lock within the ranges in pyproject.toml (and requirements/pins.txt): the
# whole test set first, then the preview and build sets constrained to the same versions,
# and the optional Zensical engine (requirements/zensical.txt) on top of them.
# The files are universal (any platform, Python 3.11+). Dependabot proposes the same updates.
UV ?= uv
COMPILE = $(UV) pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes --quiet
lock:
	$(COMPILE) --upgrade -c requirements/pins.txt --group setup --extra publish --extra test -o requirements/test.txt
	$(COMPILE) -c requirements/test.txt --group setup --extra publish -o requirements/build.txt
	$(COMPILE) -c requirements/test.txt --group setup -o requirements/preview.txt
	$(COMPILE) -c requirements/test.txt --group setup --extra zensical -o requirements/zensical.txt

clean:
	rm -rf site site.old .site-build* ..site-build* .pytest_cache .ruff_cache
