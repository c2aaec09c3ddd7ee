"""Shared machinery for the quality suite (accessibility, privacy, security headers, valid HTML).

* ``TEMPLATE_PAGES`` — one page of every template, for the detailed checks. A page
  missing from the build fails the test that needs it, naming the page.
* ``all_pages`` — every ``*.html`` in the built site, for the full pass (requests + axe).
* ``RequestGuard`` — lets requests to 127.0.0.1 through, records and aborts the rest.
* ``run_axe`` — axe-core (installed by ``make test`` from tests/browser/package.json,
  never downloaded while tests run) with the WCAG 2.0/2.1/2.2 A and AA rules and the
  best-practice rules Lighthouse's accessibility score counts.
* ``RESULTS`` — what the run measured; tests/browser/conftest.py writes it to
  data/accessibility-results.yml when PROCEDURES_RECORD_ACCESSIBILITY=1 (``make
  accessibility-results``), after calling the ``@recorder`` functions of each module.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import REPO

TOOLS = REPO / "tests" / "browser" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe rules tagged "best-practice" (not WCAG) that Lighthouse's accessibility score
# counts: run them too, so a page that would cost Lighthouse points fails here first
# (aria-allowed-role caught a role="button" on Material's menu <label>).
LIGHTHOUSE_EXTRA_RULES = [
    "aria-allowed-role", "aria-dialog-name", "aria-text", "aria-treeitem-name",
    "empty-heading", "heading-order", "identical-links-same-purpose", "landmark-one-main",
    "skip-link", "tabindex", "table-duplicate-name",
]

# name -> path inside the built site (as a URL, relative to the site root). Keep one
# page per template; update the path when a feature renames its pages.
TEMPLATE_PAGES: dict[str, str] = {
    "home": "",
    "manual contents": "manual/",
    "chapter": "manual/neglect/",
    "archived chapter": "manual/children-of-drug-and-alcohol-misusing-parents/",
    "arrangements": "arrangements/",
    "partners and chair": "arrangements/partners-and-chair/",
    "governance chart": "arrangements/structure-and-governance/",
    "thresholds level page": "thresholds/levels/early-help/",
    "thresholds matrix": "thresholds/matrix/",
    "thresholds finder": "thresholds/finder/",
    "briefing": "briefings/icon-infant-crying-is-normal/",
    "briefing index": "briefings/",
    "briefing theme": "briefings/themes/neglect/",
    "team action plan": "briefings/action-plan/",
    "amendments": "amendments/",
    "register for updates": "amendments/register/",
    "manual on a date": "amendments/on-a-date/",
    "case reviews": "case-reviews/",
    "glossary": "glossary/",
    "search results": "search/?q=neglect",
    "accessibility statement": "accessibility/",
    "404": "404.html",
}


def tool_missing(path: Path, what: str) -> None:
    """Skip locally, fail in CI, when a test tool was not installed."""
    reason = f"{what} is not installed at {path.relative_to(REPO)} — run `make test` (it runs npm ci in tests/browser)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def file_for(site_dir: Path, path: str) -> Path | None:
    """The built file that serves ``path`` ('' -> index.html, 'a/' -> a/index.html)."""
    rel = path.split("?", 1)[0].split("#", 1)[0]
    candidate = site_dir / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)
    return candidate if candidate.is_file() else None


def template_page(site_dir: Path, name: str) -> str:
    """The URL path of a template page; a page missing from the build is a failure (every
    feature has landed: a missing page was removed or moved, and would go untested)."""
    path = TEMPLATE_PAGES[name]
    if file_for(site_dir, path) is None:
        RESULTS.missing_templates[name] = path
        pytest.fail(f"template page '{name}' (/{path}) is not in the built site — the page was removed or moved: update TEMPLATE_PAGES in tests/browser/quality.py")
    RESULTS.templates_tested[name] = path
    return path


_REFRESH = re.compile(r"""<meta[^>]+http-equiv=["']?refresh""", re.I)


def is_redirect(file: Path) -> bool:
    return bool(_REFRESH.search(file.read_text(encoding="utf-8", errors="replace")[:4000]))


def all_pages(site_dir: Path) -> list[str]:
    """URL path of every built HTML page, sorted ('' for the home page)."""
    out = []
    for f in sorted(site_dir.rglob("*.html")):
        rel = f.relative_to(site_dir).as_posix()
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


class RequestGuard:
    """Route every request of a browser context: 127.0.0.1 goes through, anything else
    is recorded and aborted, so a third-party request is both visible and harmless."""

    def __init__(self, context) -> None:
        self.blocked: list[str] = []
        self.allowed = 0
        context.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            self.allowed += 1
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


@lru_cache(maxsize=1)
def axe_source() -> str:
    if not AXE.exists():
        tool_missing(AXE, "axe-core")
    return AXE.read_text(encoding="utf-8")


def axe_version() -> str:
    pkg = AXE.parent / "package.json"
    return json.loads(pkg.read_text())["version"] if pkg.exists() else "not installed"


def vnu_version() -> str:
    pkg = VNU.parents[2] / "package.json"
    return json.loads(pkg.read_text())["version"] if pkg.exists() else "not installed"


_AXE_RUN = """async ([tags, extra]) => {
  const rules = Object.fromEntries(extra.map(id => [id, {enabled: true}]));
  const r = await window.axe.run(document, {runOnly: {type: 'tag', values: tags}, rules, resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    count: v.nodes.length, nodes: v.nodes.slice(0, 4).map(n => n.target.join(' '))}));
}"""


def run_axe(page) -> list[dict]:
    """axe-core violations on the page as it is now (WCAG 2.0-2.2 A and AA, and the
    best-practice rules Lighthouse scores)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())  # evaluated through the driver: no inline <script>, no CSP exemption needed
    return page.evaluate(_AXE_RUN, [AXE_TAGS, LIGHTHOUSE_EXTRA_RULES])


def describe(violations: list[dict]) -> str:
    return "; ".join(f"{v['id']} ({v['impact']}, {v['count']}×: {v['help']}) at {', '.join(v['nodes'])}" for v in violations)


@dataclass
class Results:
    """What this run measured, for the accessibility statement."""

    checks: dict[str, dict] = field(default_factory=dict)  # key -> {description, result, detail}
    templates_tested: dict[str, str] = field(default_factory=dict)
    missing_templates: dict[str, str] = field(default_factory=dict)
    pages_in_full_pass: int = 0
    chromium: str = ""

    def record(self, key: str, description: str, passed: bool, detail: str) -> None:
        self.checks[key] = {"description": description, "result": "passed" if passed else "failed", "detail": detail}


RESULTS = Results()

# Functions that turn what a module's tests saw into RESULTS entries. They are not tests
# (they assert nothing): tests/browser/conftest.py calls them at the end of a recording
# run (make accessibility-results) before it writes data/accessibility-results.yml.
RECORDERS: list = []


def recorder(fn):
    RECORDERS.append(fn)
    return fn
