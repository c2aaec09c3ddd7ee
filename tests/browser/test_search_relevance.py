"""Search relevance you can prove: real practitioner queries against the real built site.

Every query in ``search_relevance.yml`` is typed into the site's own search page
(``search/?q=…``) in Chromium, so what is measured is what a reader sees: Pagefind's index
as the build wrote it, the ranking options and query handling in
``overrides/assets/javascripts/search.js``. Each query names the page that must come first
or in the first three. Then three rules that hold for any query: chapters come before
briefings and theme pages for the same match, editor and developer pages never appear,
and a misspelt word is corrected only when the words as typed find nothing.

The score (queries passed / all) for any built site, e.g. before and after a change::

    .venv/bin/python -m tests.browser.test_search_relevance path/to/site

No timings here (``make bench`` measures speed).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import yaml

pytestmark = pytest.mark.browser

SUITE = Path(__file__).with_name("search_relevance.yml")
QUERIES: list[dict] = yaml.safe_load(SUITE.read_text(encoding="utf-8"))["queries"]
STATUS_DONE = re.compile(r"match|No |not available")


def expected_paths(entry: dict) -> list[str]:
    """'neglect' -> 'manual/neglect/'; a path ending in '/' stays as it is."""
    return [e if e.endswith("/") else f"manual/{e}/" for e in entry["expect"]]


def result_paths(page, base: str, query: str) -> list[str]:
    """The pages the search page lists for ``query``, in order, as paths in the site."""
    page.goto(base + "search/?q=" + quote(query))
    status = page.locator("[data-search-page] [data-search-status]")
    status.filter(has_text=STATUS_DONE).wait_for(timeout=20000)
    found = re.search(r"(\d+) match", status.inner_text())
    shown = min(int(found.group(1)), 10) if found else 0  # the page shows the first ten
    page.wait_for_function(
        "n => document.querySelectorAll('[data-search-page] [data-search-list] li').length >= n", arg=shown)
    hrefs = page.locator("[data-search-page] [data-search-list] a").evaluate_all(
        "els => els.map(e => e.href)")
    root = urlsplit(base).path
    out: list[str] = []
    for href in hrefs:
        path = urlsplit(href).path.removeprefix(root)
        if path not in out:
            out.append(path)
    return out


def verdict(entry: dict, paths: list[str]) -> tuple[bool, int | None]:
    want = expected_paths(entry)
    rank = next((i + 1 for i, p in enumerate(paths) if p in want), None)
    return rank is not None and rank <= entry["within"], rank


@pytest.fixture(scope="module")
def search_page(browser, site_server):
    context = browser.new_context()
    pg = context.new_page()
    yield pg, site_server
    context.close()


@pytest.mark.parametrize("entry", QUERIES, ids=[e["q"] for e in QUERIES])
def test_query_ranks_the_right_page(search_page, entry):
    page, base = search_page
    paths = result_paths(page, base, entry["q"])
    ok, rank = verdict(entry, paths)
    assert ok, (f"{entry['q']!r} ({entry['kind']}): wanted {entry['expect']} within {entry['within']}, "
                f"got rank {rank}; first results {paths[:5]}")


def test_the_suite_is_big_and_varied_enough():
    assert len(QUERIES) >= 40
    kinds = {e["kind"] for e in QUERIES}
    assert {"plain", "acronym", "misspelling"} <= kinds
    assert len({e["q"].lower() for e in QUERIES}) == len(QUERIES), "a query is listed twice"


def test_chapters_come_before_briefings_and_theme_pages_for_the_same_match(search_page):
    page, base = search_page
    for query in ("bruising", "fathers", "self harm", "neglect"):
        paths = result_paths(page, base, query)
        kinds = ["chapter" if p.startswith("manual/") else "other" for p in paths]
        assert "chapter" in kinds, (query, paths)
        first_other = kinds.index("other") if "other" in kinds else len(kinds)
        # every chapter that matches as strongly comes first: the first result is a chapter,
        # and no briefing or theme page sits between the chapters named in the query's title
        assert kinds[0] == "chapter", (query, paths[:5])
        assert first_other >= 1, (query, paths[:5])
    paths = result_paths(page, base, "bruising")
    assert set(paths[:2]) == {"manual/bruising-in-pre-mobile-babies/",
                              "manual/bruising-marks-or-injury-of-concern-in-mobile-children/"}, paths[:5]


@pytest.mark.parametrize("query", ["neglect", "LADO", "domestic abuse", "edit a chapter", "front matter"])
def test_editor_and_developer_pages_are_not_in_practitioner_search(search_page, query):
    page, base = search_page
    paths = result_paths(page, base, query)
    assert not [p for p in paths if p.startswith(("editors/", "developers/"))], paths


def test_a_misspelling_is_corrected_and_says_so(search_page):
    page, base = search_page
    paths = result_paths(page, base, "neglet")
    assert paths and paths[0] == "manual/neglect/", paths[:5]
    status = page.locator("[data-search-page] [data-search-status]").inner_text()
    assert "neglect" in status and "neglet" in status, status  # "No pages match “neglet”; showing “neglect”"
    # a word that finds pages as typed is left alone
    result_paths(page, base, "neglect")
    status = page.locator("[data-search-page] [data-search-status]").inner_text()
    assert "showing" not in status.lower(), status


def score(site_dir: Path) -> tuple[int, list[tuple[dict, int | None, list[str]]]]:
    """Run every query against ``site_dir``; return (passed, [(entry, rank, first paths)])."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM_ARGS, chromium_path, serve

    base, stop = serve(site_dir)
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page()
            for entry in QUERIES:
                paths = result_paths(page, base, entry["q"])
                ok, rank = verdict(entry, paths)
                rows.append((entry, rank, paths[:3], ok))
            browser.close()
    finally:
        stop()
    return sum(1 for r in rows if r[3]), rows


if __name__ == "__main__":
    passed, rows = score(Path(sys.argv[1]))
    for entry, rank, first, ok in rows:
        print(f"{'PASS' if ok else 'FAIL'}  {entry['q']!r:38} rank {rank!s:>4} (within {entry['within']})  {first}")
    print(f"score: {passed}/{len(rows)}")
