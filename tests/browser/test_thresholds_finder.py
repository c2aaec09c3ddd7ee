"""The thresholds pages in Chromium: the finder narrows the list as a person types or
chooses filters, the full list works with JavaScript off, the matrix fits a phone and
the quick sheet prints on one A4 page."""

from __future__ import annotations

import re
import time

import pytest

pytestmark = pytest.mark.browser

FINDER = "thresholds/finder/"
ITEMS = "li.thresholds-finder__item"


def visible_items(page):
    return page.locator(f"{ITEMS}:visible")


def total_items(page) -> int:
    return page.locator(ITEMS).count()


def open_finder(page, site_server, query: str = ""):
    page.goto(site_server + FINDER + query)
    page.locator("form.thresholds-finder__form").wait_for(state="visible")


def test_typing_a_keyword_narrows_the_list(site_server, page):
    open_finder(page, site_server)
    total = total_items(page)
    assert total >= 150
    assert visible_items(page).count() == total
    page.get_by_label("Keyword", exact=True).fill("bruise")
    status = page.locator("[data-finder-status]")
    page.wait_for_function("() => document.querySelector('[data-finder-status]').textContent.startsWith('Showing ') && "
                           "!document.querySelector('[data-finder-status]').textContent.startsWith('Showing all')")
    shown = visible_items(page)
    n = shown.count()
    assert 0 < n < total
    for text in shown.all_inner_texts():
        assert re.search(r"bruis", text, re.I), text
    assert status.inner_text() == f"Showing {n} of {total} indicators."
    # groups with nothing left are hidden too, and the address records the filter
    assert page.locator("section[data-finder-group]:visible h3").count() < 19
    assert "q=bruise" in page.url


def test_level_domain_and_age_filters_combine(site_server, page):
    open_finder(page, site_server)
    total = total_items(page)
    page.get_by_label("Level of need", exact=True).select_option("specialist")
    levels = {li.get_attribute("data-level") for li in visible_items(page).all()}
    assert levels == {"specialist"}
    by_level = visible_items(page).count()
    page.get_by_label("Domain", exact=True).select_option("family/housing")
    housing = visible_items(page).all_inner_texts()
    assert 0 < len(housing) < by_level
    assert page.locator("#finder-family-housing").is_visible()
    assert not page.locator("#finder-child-health").is_visible()
    # the jump links only offer groups that still have indicators
    jump = page.locator(".thresholds-finder__jump")
    assert jump.get_by_role("link", name="Family and environmental factors").is_visible()
    assert not jump.get_by_role("link", name="Child's developmental needs").is_visible()
    page.get_by_label("Domain", exact=True).select_option("")
    page.get_by_label("Age", exact=True).select_option("pre-birth")
    for li in visible_items(page).all():
        meta = li.locator(".thresholds-finder__meta").inner_text()
        # an indicator with no age band applies at any age
        assert "Pre-birth" in meta or "Ages:" not in meta
    page.get_by_role("button", name="Clear filters").click()
    page.wait_for_function(f"() => document.querySelectorAll('{ITEMS}:not([hidden])').length === {total}")
    assert page.locator("[data-finder-status]").inner_text() == f"Showing all {total} indicators."


def test_a_keyword_that_matches_nothing_says_so(site_server, page):
    open_finder(page, site_server, "?q=zzqqxx")
    assert visible_items(page).count() == 0
    assert page.locator("[data-finder-empty]").is_visible()


def test_finder_works_with_javascript_disabled(site_server, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_server + FINDER)
        total = page.locator(ITEMS).count()
        assert total >= 150
        # every indicator is readable, with its level; the script-only filters stay hidden
        assert page.locator(f"{ITEMS}:visible").count() == total
        assert not page.locator("form.thresholds-finder__form").is_visible()
        first = page.locator(ITEMS).first.inner_text()
        assert "Level 1: Universal" in first
        # the jump links work without a script
        page.get_by_role("link", name="Family and environmental factors").click()
        assert page.url.endswith("#finder-family")
        assert page.locator("[data-thresholds-names-note=pointer]").is_visible()
    finally:
        context.close()


def test_matrix_fits_a_phone_without_sideways_scrolling(site_server, browser):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_server + "thresholds/matrix/")
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        # on a phone each cell says which level it belongs to
        assert page.locator("td[data-level='targeted'] .thresholds-matrix__level").first.is_visible()
    finally:
        context.close()


def test_quick_sheet_prints_on_one_a4_page(site_server, page):
    page.goto(site_server + "thresholds/quick-sheet/")
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    assert len(pages) == 1


def test_nothing_moves_when_the_filters_become_ready(site_server, page):
    """The form is in place from the first paint; the indicators below it stay where
    they are when the script has loaded its data (no late layout shift)."""
    held = []
    page.route("**/indicators.json", lambda route: held.append(route))
    page.goto(site_server + FINDER, wait_until="load")
    page.wait_for_function("() => !document.documentElement.classList.contains('no-js')")
    assert page.locator("form.thresholds-finder__form").is_visible()
    first = page.locator(ITEMS).first
    before = first.bounding_box()["y"]
    # the finder has asked for its data (held above): each call into the page lets
    # Playwright deliver the route; give up after a few seconds
    deadline = time.monotonic() + 10
    while not held and time.monotonic() < deadline:
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
    assert held, "the finder did not ask for its data"
    held[0].continue_()
    page.wait_for_function("() => /Showing all/.test(document.querySelector('[data-finder-status]').textContent)")
    assert first.bounding_box()["y"] == before


def test_when_the_data_cannot_load_the_filters_are_withdrawn_and_the_list_stays(site_server, page):
    page.route("**/indicators.json", lambda route: route.abort())
    page.goto(site_server + FINDER, wait_until="load")
    status = page.locator("[data-finder-status]")
    page.wait_for_function("() => /could not be loaded/.test(document.querySelector('[data-finder-status]').textContent)")
    assert not page.locator("form.thresholds-finder__form").is_visible()
    assert visible_items(page).count() == total_items(page)
    assert "All" in status.inner_text()
