"""A chapter page as a practitioner sees it: view-time review banner, print, phone width."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from procedures.core.builder import build_site
from tests.conftest import REPO, serve
from tests.helpers import edit

pytestmark = pytest.mark.browser

FIXTURE = REPO / "tests" / "fixtures" / "fixture-chapter.md"


@pytest.fixture(scope="module")
def stale_build(tmp_path_factory):
    """A chapter due for review in 2099, built today: at build time it is current. The
    browser's clock is then moved to 2100 to read the page 'later' — the page must not
    believe its own build date."""
    from tests.conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("stale") / "project")
    (project / "docs/manual/fixture-chapter.md").write_text(FIXTURE.read_text())
    edit(project, "docs/manual/fixture-chapter.md", "last_reviewed: 2026-11-01\nnext_review: 2027-11-01",
         "last_reviewed: 2026-11-01\nnext_review: 2099-01-01")
    out = build_site(project, tmp_path_factory.mktemp("stale-site") / "site", progress=lambda m: None, after_build=False)
    base, stop = serve(out)
    yield out, base
    stop()


def test_review_overdue_is_decided_when_the_page_is_read(stale_build, page):
    out, base = stale_build
    html = (out / "manual/fixture-chapter/index.html").read_text()
    assert 'data-next-review="2099-01-01" hidden' in html  # at build time it was not overdue
    page.goto(base + "manual/fixture-chapter/")
    assert not page.locator(".banner--overdue").is_visible()
    page.clock.set_fixed_time(datetime(2100, 1, 2, 12, 0))
    page.goto(base + "manual/fixture-chapter/")
    banner = page.locator(".banner--overdue")
    assert banner.is_visible()  # read in 2100: overdue
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


def test_at_a_glance_is_on_a_phones_first_screen_printed_and_accessible(stale_build, browser):
    from tests.browser.quality import describe, run_axe

    _, base = stale_build
    context = browser.new_context(viewport={"width": 360, "height": 740})
    pg = context.new_page()
    pg.goto(base + "manual/referrals-to-childrens-social-care/")
    box = pg.locator("aside.at-a-glance")
    assert box.get_attribute("aria-labelledby") == "at-a-glance-heading"
    first_step = box.locator(".at-a-glance__do li").first
    step = first_step.bounding_box()
    assert step is not None and step["y"] + step["height"] <= 740  # the first thing to do, without scrolling
    scope = pg.locator("aside.scope").bounding_box()
    assert scope["y"] > box.bounding_box()["y"]  # the box comes before the scope
    assert box.locator('a[href^="tel:"]').count() >= 1
    violations = run_axe(pg)
    assert violations == [], describe(violations)
    pg.emulate_media(media="print")
    assert box.is_visible() and box.locator(".at-a-glance__when li").first.is_visible()
    context.close()
