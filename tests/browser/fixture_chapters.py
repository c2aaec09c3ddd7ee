"""One copy of the real project with the fixture chapters that browser tests add, built
once per run (``fixture_chapters_site`` in tests/browser/conftest.py) instead of once by
each test file that needs them:

* test_chapter_page.py: chapter 5.9 (tests/fixtures/fixture-chapter.md), due for review
  in 2099, so it is current when built and overdue when the browser's clock says 2100;
* test_search.py: chapters 5.90 (published), 5.91 (draft) and 5.92 (archived), each with a
  word no other page uses, and the search index the full build would write.

Neither file's pages or words appear in the other's chapters, so each file's checks see
exactly what they saw with a build of their own.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO
from tests.helpers import edit

FIXTURE = REPO / "tests" / "fixtures" / "fixture-chapter.md"

PUBLISHED_WORD = "quillfeatherword"
DRAFT_WORD = "draftonlyzebraword"
ARCHIVED_WORD = "archivedonlyotterword"


def chapter(cid: str, title: str, status: str, word: str, extra: str = "") -> str:
    body = " ".join(
        ["This fixture chapter exists only for the search tests and is not guidance."] * 8
    )
    return f"""---
id: "{cid}"
title: {title}
section: "5"
summary: A fixture chapter used by the search tests, never part of the real manual.
scope: Nobody; it exists only in a throw-away copy of the project built by the tests.
owner: ppg
last_reviewed: 2026-01-01
next_review: 2099-01-01
status: {status}
at_a_glance:
  do_now: ["Nothing to do: this is a test fixture."]
{extra}---

## 1. Purpose

{body}

## 2. The word to find

Practitioners searching for {word} should find this chapter only if it is published.
"""


def add_stale_chapter(project: Path) -> None:
    """test_chapter_page.py: a chapter due for review in 2099."""
    (project / "docs/manual/fixture-chapter.md").write_text(FIXTURE.read_text())
    edit(project, "docs/manual/fixture-chapter.md", "last_reviewed: 2026-11-01\nnext_review: 2027-11-01",
         "last_reviewed: 2026-11-01\nnext_review: 2099-01-01")


def add_search_chapters(project: Path) -> None:
    """test_search.py: a published, a draft and an archived chapter, each with its own word."""
    manual = project / "docs" / "manual"
    (manual / "search-fixture-published.md").write_text(
        chapter("5.90", "Search Fixture Published Chapter", "published", PUBLISHED_WORD))
    (manual / "search-fixture-draft.md").write_text(
        chapter("5.91", "Search Fixture Draft Chapter", "draft", DRAFT_WORD))
    (manual / "search-fixture-archived.md").write_text(
        chapter("5.92", "Search Fixture Archived Chapter", "archived", ARCHIVED_WORD, 'superseded_by: "5.90"\n'))


def build(out: Path) -> Path:
    """Copy the project beside ``out``, add every fixture chapter, build it today and index it."""
    from procedures.core.builder import build_site
    from procedures.core.site import get_site
    from procedures.search import index_site
    from tests.conftest import copy_project

    project = copy_project(out.parent / "project")
    add_stale_chapter(project)
    add_search_chapters(project)
    build_site(project, out, progress=lambda m: None, after_build=False)
    index_site(get_site(project), out)  # the search step of the full build, on this build
    return out
