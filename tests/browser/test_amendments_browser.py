"""The amendments log as a reader sees it in Chromium: the chapter note, the badges (visible
word, fuller name for screen readers), and the Amendments and register pages on a phone."""

from __future__ import annotations

import pytest

from procedures.amendments import log as am
from procedures.core.site import load_site
from tests.conftest import REPO

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def latest():
    site = load_site(REPO)
    return site, am.releases(site)[-1]


def test_chapter_shows_its_latest_amendment_and_the_link_to_all_updates_works(site_server, page):
    page.goto(site_server + "manual/pre-birth-and-post-birth-planning/")
    note = page.locator(".amendment-note")
    assert note.is_visible()
    assert note.inner_text().startswith("Updated March 2024:")
    note.get_by_role("link", name="See all updates to this chapter").click()
    heading = page.get_by_role("heading", name="Updates to this chapter")
    assert heading.is_visible()
    assert page.evaluate("location.hash") == "#updates-to-this-chapter"
    assert page.locator(".chapter-updates li").count() == 2


def test_contents_badge_shows_a_word_and_names_the_update_for_screen_readers(site_server, page, latest):
    site, release = latest
    badged = [c for c in site.chapters if c.extra.get("badge")]
    assert badged
    page.goto(site_server + "manual/")
    badges = page.locator(".amend-badge")
    assert badges.count() == len(badged)
    first = badges.first
    when_text = f" in the {release.date.strftime('%B %Y')} update"
    assert first.text_content() in {"New" + when_text, "Updated" + when_text}  # what a screen reader reads
    when = first.locator(".amend-badge__when")
    box = when.bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1  # visually hidden, still in the text


def test_nav_badge_icon_is_drawn(site_server, page, latest):
    site, _ = latest
    chapter = next(c for c in site.chapters if c.extra.get("nav_status") == "updated")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_server + chapter.url)
    icon = page.locator(".md-nav__link--active .md-status--updated").first
    assert icon.get_attribute("title") == "Updated in the latest update"
    mask = icon.evaluate("el => getComputedStyle(el, '::after').maskImage || getComputedStyle(el, '::after').webkitMaskImage")
    assert mask.startswith('url("data:image/svg+xml')


@pytest.mark.parametrize("path", ["amendments/", "amendments/register/", "amendments/2024/"])
def test_amendment_pages_fit_a_phone(site_server, page, path):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(site_server + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.locator("h1").first.is_visible()


def test_register_page_links_to_feeds_that_are_served(site_server, page):
    page.goto(site_server + "amendments/register/")
    for name, kind in (("Atom feed of amendments", "xml"), ("JSON Feed of amendments", "json")):
        href = page.get_by_role("link", name=name).get_attribute("href")
        response = page.request.get(site_server + "amendments/register/" + href)
        assert response.ok and response.body().lstrip().startswith(b"<?xml" if kind == "xml" else b"{")
    # the business office's address, with where it came from (data/contacts.yml)
    email = page.locator('.amend-email a[href^="mailto:"]').first
    assert email.is_visible() and "@" in email.inner_text()
    assert page.locator(".amend-email__source").first.is_visible()
