"""Record what the quality suite measured, for the accessibility statement.

With ``PROCEDURES_RECORD_ACCESSIBILITY=1`` (``make accessibility-results``) the run
writes ``data/accessibility-results.yml`` at the end, with today's date (or
``SOURCE_DATE_EPOCH``), the pages tested and each check's result. Without it nothing is
written, so an ordinary ``make test`` never changes a tracked file.
"""

from __future__ import annotations

import os

import pytest
import yaml

from tests.browser import fixture_chapters
from tests.browser.quality import RECORDERS, RESULTS, TEMPLATE_PAGES, axe_version, vnu_version
from tests.conftest import REPO, serve, shared_build

RECORD = "PROCEDURES_RECORD_ACCESSIBILITY"
OUT = REPO / "data" / "accessibility-results.yml"
HEADER = """\
# Written by the browser tests (make accessibility-results): do not edit by hand.
# The accessibility statement (docs/accessibility.md) prints these figures, so it only
# claims what the tests measured on the day they ran.
"""


@pytest.fixture(scope="session")
def fixture_chapters_site(tmp_path_factory):
    """(site folder, base URL): the real project with the fixture chapters of
    tests/browser/fixture_chapters.py, built once per run and served by this process."""
    out = shared_build(tmp_path_factory, "fixture-chapters", fixture_chapters.build)
    base, stop = serve(out)
    yield out, base
    stop()


def pytest_configure(config):
    # what the checks measured stays in the process that ran them: with pytest-xdist each
    # worker would write its own part of the file
    if os.environ.get(RECORD) == "1" and getattr(config.option, "numprocesses", None):
        raise pytest.UsageError(f"{RECORD}=1 records what one process measured: run pytest without -n")


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get(RECORD) != "1":
        return
    for record in RECORDERS:
        record()
    if not RESULTS.checks:
        return
    from procedures.core.dates import today

    tested = [{"name": n, "url": "/" + TEMPLATE_PAGES[n]} for n in TEMPLATE_PAGES if n in RESULTS.templates_tested]
    missing = [{"name": n, "url": "/" + TEMPLATE_PAGES[n]} for n in TEMPLATE_PAGES
               if n in RESULTS.missing_templates and n not in RESULTS.templates_tested]
    data = {
        "tested_on": today(),
        "standard": "WCAG 2.2 level AA",
        "command": "make accessibility-results",
        "tools": [
            {"name": "Chromium (headless, driven by Playwright)", "version": RESULTS.chromium or "unknown"},
            {"name": "axe-core", "version": axe_version()},
            {"name": "Nu Html Checker (vnu-jar)", "version": vnu_version()},
        ],
        "pages_tested": RESULTS.pages_in_full_pass,
        "template_pages": tested,
        "not_yet_tested": missing,
        "checks": [{"key": k, **v} for k, v in RESULTS.checks.items()],
    }
    OUT.write_text(HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
