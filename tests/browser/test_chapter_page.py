"""A chapter page as a practitioner sees it: view-time review banner, print, phone width."""

from __future__ import annotations

from datetime import date

import pytest

from procedures.builder import build_site
from procedures.dates import epoch_for
from tests.conftest import REPO, serve
from tests.helpers import edit

pytestmark = pytest.mark.browser

FIXTURE = REPO / "tests" / "fixtures" / "fixture-chapter.md"


@pytest.fixture(scope="module")
def stale_build(tmp_path_factory):
    """Built 'in 2020' with a chapter whose review fell due in 2021: the page must not
    believe its own build date once it is read later."""
    from tests.conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("stale") / "project")
    (project / "docs/manual/fixture-chapter.md").write_text(FIXTURE.read_text())
    edit(project, "docs/manual/fixture-chapter.md", "last_reviewed: 2026-11-01\nnext_review: 2027-11-01",
         "last_reviewed: 2019-01-01\nnext_review: 2021-01-01")
    import os

    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch_for(date(2020, 6, 1))
    try:
        out = build_site(project, tmp_path_factory.mktemp("stale-site") / "site", progress=lambda m: None, after_build=False)
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    base, stop = serve(out)
    yield out, base
    stop()


def test_review_overdue_is_decided_when_the_page_is_read(stale_build, page):
    out, base = stale_build
    html = (out / "manual/fixture-chapter/index.html").read_text()
    assert 'data-next-review="2021-01-01" hidden' in html  # at build time (2020) it was not overdue
    page.goto(base + "manual/fixture-chapter/")
    banner = page.locator(".banner--overdue")
    assert banner.is_visible()  # read today, after 2021: overdue
    assert "Review overdue." in banner.inner_text()


def test_current_chapter_shows_no_banner(stale_build, page):
    out, base = stale_build
    page.goto(base + "manual/strategy-discussions/")
    assert page.locator(".banner--overdue").count() == 1
    assert not page.locator(".banner--overdue").is_visible()


def test_print_view_drops_navigation_and_adds_the_footer(stale_build, page):
    _, base = stale_build
    page.goto(base + "manual/strategy-discussions/")
    assert page.locator("button[data-print]").is_visible()  # shown once the script runs
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-header").is_visible()
    footer = page.locator(".print-footer")
    assert footer.is_visible()
    text = footer.inner_text()
    assert "Printed copies may be out of date — check online." in text
    assert str(date.today().year) in text  # the date of printing, not of the build
    assert "manual/strategy-discussions/" in text


def test_chapter_fits_a_phone(stale_build, browser):
    _, base = stale_build
    context = browser.new_context(viewport={"width": 320, "height": 640})
    pg = context.new_page()
    pg.goto(base + "manual/strategy-discussions/")
    overflow = pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0
