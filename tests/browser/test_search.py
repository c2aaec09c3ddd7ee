"""Site search (Pagefind) in Chromium: finds a chapter by a word from its body and shows
its code and title; never shows drafts or archived chapters; works from the keyboard;
filters by content type; and downloads nothing search-related before it is used.

A copy of the real project gets three fixture chapters, each with a word no other page
uses: a published one, a draft and an archived one. No timings are asserted here
(`make bench` measures speed).
"""

from __future__ import annotations

import re

import pytest

from tests.browser.fixture_chapters import ARCHIVED_WORD, DRAFT_WORD, PUBLISHED_WORD

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def search_site(fixture_chapters_site):
    """A copy of the real project with the three search fixture chapters, built and
    indexed (one build shared with test_chapter_page.py: tests/browser/fixture_chapters.py)."""
    return fixture_chapters_site


def open_chapter(page, base: str, path: str = "manual/neglect/"):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    return requests


def search_header(page, word: str):
    box = page.locator("[data-search-input]")
    box.click()
    box.fill(word)
    page.locator("[data-search-status]").filter(has_text=re.compile(re.escape(word))).wait_for(timeout=20000)


def all_results_shown(page):
    """Wait until every result that will come has arrived: the status line is set when the
    search returns, and each result is added once its details have been fetched, so the
    dropdown shows as many as the status counts (at most 6, DROPDOWN_RESULTS in search.js)."""
    page.wait_for_function("""() => {
        const status = document.querySelector('[data-search-status]').textContent;
        if (/^No /.test(status)) return true;
        const m = status.match(/^(\\d+) match/);
        const shown = document.querySelectorAll('[data-search-list] .md-search-result__item').length;
        return m !== null && shown >= Math.min(+m[1], 6);
    }""")


def test_nothing_search_related_is_downloaded_until_the_box_is_used(search_site, page):
    out, base = search_site
    assert (out / "pagefind" / "pagefind.js").is_file()
    requests = open_chapter(page, base)
    page.mouse.wheel(0, 800)  # reading the page does not load search either
    page.wait_for_load_state("networkidle")  # anything the scroll set off has been requested
    assert not [u for u in requests if "pagefind" in u], requests
    assert not [u for u in requests if "/search.js" in u], requests  # search-boot.js loads it when needed
    page.locator("[data-search-input]").focus()
    page.wait_for_function("() => performance.getEntriesByType('resource').some(e => e.name.includes('/pagefind/'))")
    assert [u for u in requests if "/pagefind/pagefind.js" in u]


def test_finds_a_chapter_by_a_word_from_its_body_with_code_and_title(search_site, page):
    _, base = search_site
    open_chapter(page, base)
    search_header(page, PUBLISHED_WORD)
    all_results_shown(page)
    assert page.locator("[data-search-status]").inner_text().startswith("1 match")
    items = page.locator("[data-search-list] .md-search-result__item")
    assert items.count() == 1
    item = items.first
    assert item.locator(".procedures-result__code").inner_text() == "5.90"
    assert "Search Fixture Published Chapter" in item.locator(".procedures-result__title").inner_text()
    assert "Chapter" in item.locator(".procedures-result__where").inner_text()
    assert "5 Local resources and contacts" in item.locator(".procedures-result__where").inner_text()
    assert item.locator("mark").first.inner_text().lower() == PUBLISHED_WORD  # the snippet shows the match
    href = item.locator("a").get_attribute("href")
    assert "/manual/search-fixture-published/" in href


@pytest.mark.parametrize("word", [DRAFT_WORD, ARCHIVED_WORD])
def test_drafts_and_archived_chapters_are_never_found(search_site, page, word):
    out, base = search_site
    open_chapter(page, base)
    search_header(page, word)
    all_results_shown(page)
    # Pagefind may still suggest pages for parts of an unknown word ("draft", "archived"),
    # but never the draft or the archived chapter
    hrefs = page.locator("[data-search-list] a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if "search-fixture-draft" in h or "search-fixture-archived" in h], hrefs
    assert "Search Fixture Draft" not in page.locator("[data-search-list]").inner_text()
    assert "Search Fixture Archived" not in page.locator("[data-search-list]").inner_text()
    # the draft is not built at all; the archived chapter is, but out of the index
    assert not (out / "manual/search-fixture-draft/index.html").exists()
    archived = (out / "manual/search-fixture-archived/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in archived


def test_search_works_from_the_keyboard(search_site, page):
    _, base = search_site
    open_chapter(page, base)
    page.keyboard.press("/")  # Material's shortcut, kept
    assert page.evaluate("document.activeElement.matches('[data-search-input]')")
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.type(PUBLISHED_WORD)
    page.locator("[data-search-list] .md-search-result__item").first.wait_for(timeout=20000)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.md-search-result__link')")
    page.keyboard.press("ArrowUp")  # back to the box
    assert page.evaluate("document.activeElement.matches('[data-search-input]')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("ArrowDown")  # reopening needs typing or focus, not arrows
    page.keyboard.type(" ")  # typing reopens the search
    page.locator("[data-search-list] .md-search-result__item").first.wait_for(timeout=20000)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.md-search-result__link')")
    page.keyboard.press("Enter")  # follows the result
    page.wait_for_url(re.compile(r".*/manual/search-fixture-published/.*"))
    assert page.locator("h1").first.inner_text().startswith("5.90")


def test_s_opens_search_but_not_while_typing_elsewhere(search_site, page):
    _, base = search_site
    open_chapter(page, base, "search/")
    page.locator("#search-page-query").click()
    page.keyboard.type("s/")  # typing into another box must not jump to the header search
    assert page.locator("#search-page-query").input_value() == "s/"
    page.locator("h1").first.click()
    page.keyboard.press("s")
    assert page.evaluate("document.activeElement.matches('[data-search-input]')")


def test_results_can_be_filtered_by_content_type(search_site, page):
    _, base = search_site
    open_chapter(page, base)
    search_header(page, "neglect")
    filters = page.locator("[data-search] .procedures-search-filters")
    filters.wait_for(state="visible")
    labels = filters.locator("label").all_inner_texts()
    assert any(t.startswith("Chapters") for t in labels) and any(t.startswith("Briefings") for t in labels), labels
    filters.locator("label", has_text="Briefings").locator("input").check()
    page.wait_for_function(
        "() => { const s = document.querySelector('[data-search-status]').textContent; return s.includes('in briefings'); }")
    all_results_shown(page)
    wheres = page.locator("[data-search-list] .procedures-result__where").all_inner_texts()
    assert wheres and all(w.startswith("Briefing") for w in wheres), wheres


def test_the_results_page_lists_matches_for_its_address(search_site, page):
    _, base = search_site
    page.goto(base + f"search/?q={PUBLISHED_WORD}")
    item = page.locator("[data-search-page] .md-search-result__item").first
    item.wait_for(timeout=20000)
    assert "5.90" in item.inner_text()
    assert page.locator("#search-page-query").input_value() == PUBLISHED_WORD
    # Enter in the header box opens this page for the words typed
    page.goto(base + "manual/neglect/")
    page.locator("[data-search-input]").fill(PUBLISHED_WORD)
    page.locator("[data-search-input]").press("Enter")
    page.wait_for_url(re.compile(rf".*/search/\?q={PUBLISHED_WORD}"))
    page.locator("[data-search-page] .md-search-result__item").first.wait_for(timeout=20000)


def test_on_a_phone_the_search_button_is_reachable_and_opens_search(search_site, browser):
    _, base = search_site
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(base + "manual/neglect/")
    button = page.locator("[data-search-open]")
    assert button.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.matches('[data-search-input]')")
    page.keyboard.type(PUBLISHED_WORD)
    page.locator("[data-search-list] .md-search-result__item").first.wait_for(timeout=20000)
    assert page.locator("[data-search-list] .md-search-result__item").first.is_visible()
    context.close()


# Material animates the search opening (the box widens, the overlay fades, the results
# panel slides); on a long chapter page each frame of that is a layout of the whole page,
# and on a slow phone it delays the first results (docs/developers/performance.md). The
# search therefore opens at once: nothing in it has a transition, on a wide screen or a
# phone, while it opens or once it is open.
SEARCH_PARTS = (".md-search__overlay", ".md-search__inner", ".md-search__form", ".md-search__input",
                ".md-search__output", ".md-search__scrollwrap", ".md-search-result")
TRANSITIONS = """(sels) => sels.map((s) => {
  const el = document.querySelector(s);
  if (!el) return [s, 'missing'];
  const cs = getComputedStyle(el);
  const longest = Math.max(...cs.transitionDuration.split(',').map((d) => parseFloat(d) || 0))
    + Math.max(...cs.transitionDelay.split(',').map((d) => parseFloat(d) || 0));
  return [s, longest];
})"""


@pytest.mark.parametrize("width", [1280, 375])
def test_the_search_opens_at_once_without_animation(search_site, browser, width):
    _, base = search_site
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(base + "manual/neglect/")
    before = dict(page.evaluate(TRANSITIONS, list(SEARCH_PARTS)))
    page.keyboard.press("/")
    page.wait_for_function("() => document.getElementById('__search').checked")
    after = dict(page.evaluate(TRANSITIONS, list(SEARCH_PARTS)))
    context.close()
    assert set(before.values()) == {0} and set(after.values()) == {0}, (before, after)
