"""Keyboard alone, at desktop and phone width: the menu, the search dialog and the
thresholds finder; and ``prefers-reduced-motion`` honoured."""

from __future__ import annotations

import pytest

from tests.browser.quality import RESULTS, TEMPLATE_PAGES, RequestGuard, file_for, recorder
from tests.browser.test_quality_templates import _FOCUSED, _SNAPSHOT, walk_tab_stops

pytestmark = pytest.mark.browser

_outcomes: dict[str, list[bool]] = {"keyboard": [], "motion": []}


@pytest.fixture
def open_page(browser, site_server):
    contexts = []

    def make(path: str, width: int = 1280, height: int = 800, **kw):
        ctx = browser.new_context(viewport={"width": width, "height": height}, **kw)
        ctx.guard = RequestGuard(ctx)
        contexts.append(ctx)
        page = ctx.new_page()
        page.goto(site_server + path, wait_until="load")
        return page

    yield make
    for ctx in contexts:
        assert not ctx.guard.blocked, f"requests to other hosts: {ctx.guard.blocked}"
        ctx.close()


def tab_to(page, predicate_js: str, limit: int = 80) -> bool:
    """Press Tab until ``predicate_js(document.activeElement)`` is true."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => !!({predicate_js})(document.activeElement)"):
            return True
    return False


def _record(key: str, ok: bool) -> None:
    _outcomes[key].append(ok)


@pytest.mark.parametrize("width", [1280, 320])
def test_search_dialog_works_with_the_keyboard_alone(width, open_page, site_server):
    page = open_page(TEMPLATE_PAGES["chapter"], width=width, height=700)
    ok = False
    try:
        # at desktop width the search box is in the header; at phone width a Search button opens it
        reached = tab_to(page, "el => el.matches('input[type=search], [data-md-component=search-query], [data-search-input], "
                               "[role=button][aria-label=Search], button[aria-label=Search]')")
        assert reached, "Tab never reached the search box or a Search button"
        if page.evaluate("() => document.activeElement.matches('button, [role=button]')"):
            page.keyboard.press("Enter")
            page.wait_for_function("() => document.activeElement.matches('input[type=search], [data-md-component=search-query], [data-search-input]')")
        page.keyboard.type("neglect")
        results = page.locator(".md-search-result__item, [data-search-list] li")
        results.first.wait_for(state="visible", timeout=15000)
        in_results = "() => document.activeElement.matches('a') && !!document.activeElement.closest('.md-search-result, .pagefind-ui__results')"
        for _ in range(10):  # Material moves through results with the arrow keys; other search UIs with Tab
            page.keyboard.press("ArrowDown" if page.locator(".md-search-result").count() else "Tab")
            if page.evaluate(in_results):
                break
        assert page.evaluate(in_results), "the keyboard does not reach the search results"
        href = page.evaluate("() => document.activeElement.href")
        page.keyboard.press("Enter")
        page.wait_for_url(href.split("#")[0] + "**")
        ok = True
    finally:
        _record("keyboard", ok)


def test_search_closes_with_escape(open_page, site_server):
    page = open_page(TEMPLATE_PAGES["chapter"])
    assert tab_to(page, "el => el.matches('input[type=search], [data-md-component=search-query], [data-search-input]')")
    page.keyboard.type("neglect")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('[data-md-toggle=search]')?.checked")
    _record("keyboard", True)


def test_escape_pressed_before_the_search_script_arrives_keeps_the_search_closed(open_page, site_server):
    """On a slow connection the reader may type and press Escape before search.js (loaded
    on first use) has arrived: when it does arrive, the search must stay closed."""
    page = open_page(TEMPLATE_PAGES["chapter"])
    held = []
    page.route("**/assets/javascripts/search.js", lambda route: held.append(route))
    assert tab_to(page, "el => el.matches('[data-search-input]')")
    page.keyboard.type("neglect")
    page.keyboard.press("Escape")
    page.wait_for_timeout(100)
    assert held, "search.js was not asked for when the search box had focus"
    held[0].continue_()
    page.wait_for_function("() => window.procedures.searchReady === true")
    page.wait_for_timeout(500)  # what search.js would do on arrival (open, search) has had time
    assert page.evaluate("() => !document.querySelector('[data-md-toggle=search]').checked"), \
        "the search opened after Escape"
    assert page.locator(".md-search-result__item").count() == 0
    # typing again opens it as usual
    page.keyboard.type(" ")
    page.wait_for_function("() => document.querySelector('[data-md-toggle=search]').checked")


def test_phone_width_menu_opens_with_the_keyboard_and_every_stop_is_visible(open_page, site_server):
    page = open_page(TEMPLATE_PAGES["chapter"], width=320, height=640, reduced_motion="reduce")
    page.evaluate(_SNAPSHOT)
    ok = False
    try:
        assert tab_to(page, "el => el.getAttribute('aria-label') === 'Open the navigation menu'", limit=5), \
            "no keyboard-operable menu button at 320 px"
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.getElementById('__drawer').checked")
        assert page.evaluate("() => document.activeElement.getAttribute('aria-expanded')") == "true"
        assert tab_to(page, "el => el.matches('.md-nav__link') && el.getBoundingClientRect().right > 0 "
                            "&& el.getBoundingClientRect().left < innerWidth", limit=20), \
            "with the menu open, Tab does not reach a visible navigation link"
        info = page.evaluate(_FOCUSED)
        assert info["shown"] and info["onScreen"] and info["indicator"], f"the focused menu link is not clearly visible: {info}"
        # on through the open menu and the page: closed sub-menus must not take focus unseen
        walked, _ended = walk_tab_stops(page, 300, seen={info["key"]})
        unseen = [i["name"] for i in walked if not (i["shown"] and i["onScreen"])]
        assert not unseen, f"with the menu open, {len(unseen)} tab stops cannot be seen: {unseen[:10]}"
        ok = True
    finally:
        _record("keyboard", ok)


def test_phone_width_menu_escape_closes_it_and_focus_returns_to_the_button(open_page, site_server):
    page = open_page(TEMPLATE_PAGES["chapter"], width=320, height=640, reduced_motion="reduce")
    button = page.locator("button[data-drawer-open]")
    assert button.is_visible(), "the menu button is not shown at 320 px"
    assert not page.locator("label.md-header__button[for=__drawer]").is_visible(), "two menu icons are shown"
    button.focus()
    page.keyboard.press("Space")
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__drawer').checked")
    assert page.evaluate("() => document.activeElement.matches('button[data-drawer-open]')")
    assert button.get_attribute("aria-expanded") == "false"


def test_without_javascript_the_menu_still_opens_from_material_s_label(browser, site_server):
    """The button needs JavaScript; without it Material's own label is shown instead."""
    ctx = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(site_server + TEMPLATE_PAGES["chapter"], wait_until="load")
        assert not page.locator("button[data-drawer-open]").is_visible()
        label = page.locator("label.md-header__button[for=__drawer]")
        assert label.is_visible(), "without JavaScript there is no way to open the menu"
        label.click()
        assert page.evaluate("() => document.getElementById('__drawer').checked")
    finally:
        ctx.close()


def test_phone_width_tab_order_has_no_invisible_stops(open_page, site_server):
    page = open_page(TEMPLATE_PAGES["chapter"], width=320, height=640, reduced_motion="reduce")
    page.evaluate(_SNAPSHOT)
    problems = []
    walked, _ended = walk_tab_stops(page, 300)
    for info in walked:
        if not (info["shown"] and info["onScreen"]):
            problems.append(f"{info['name']} takes focus but cannot be seen")
        elif not info["indicator"]:
            problems.append(f"{info['name']} shows no focus outline")
    _record("keyboard", not problems)
    assert not problems, f"at 320 px ({len(walked)} tab stops): " + "; ".join(problems[:20])


def test_thresholds_finder_works_with_the_keyboard_alone(open_page, site_server, built_site):
    path = TEMPLATE_PAGES["thresholds finder"]
    if file_for(built_site, path) is None:
        pytest.fail(f"template page 'thresholds finder' (/{path}) is not in the built site — the page was removed or moved: update TEMPLATE_PAGES in tests/browser/quality.py")
    page = open_page(path)
    status = page.locator("[data-finder-status]")
    page.wait_for_function("() => /Showing all/.test(document.querySelector('[data-finder-status]').textContent)")
    visible = "() => [...document.querySelectorAll('[data-thresholds-finder] li[id]')].filter(li => li.offsetParent !== null).length"
    total = page.evaluate(visible)
    assert tab_to(page, "el => el.id === 'finder-q'", limit=120), "Tab never reached the keyword box"
    page.keyboard.type("bruis")
    page.wait_for_function("() => /Showing \\d+ of/.test(document.querySelector('[data-finder-status]').textContent)")
    narrowed = page.evaluate(visible)
    assert 0 < narrowed < total, f"typing a keyword did not narrow the list ({narrowed} of {total})"
    # on to the level filter, and choose a level with the arrow keys
    assert tab_to(page, "el => el.id === 'finder-level'", limit=5)
    before = status.text_content()
    page.keyboard.press("ArrowDown")
    page.wait_for_function("(b) => document.querySelector('[data-finder-status]').textContent !== b", arg=before)
    assert page.evaluate("() => document.getElementById('finder-level').value") != ""
    _record("keyboard", True)


def test_prefers_reduced_motion_is_respected(browser, site_server):
    """With reduced motion, no transition or animation lasts longer than a blink, and
    smooth scrolling is off; without it, the site does animate (so the check can fail)."""
    measure = """() => {
      let longest = 0;
      for (const el of document.querySelectorAll('*')) {
        for (const pseudo of [null, '::before', '::after']) {
          const s = getComputedStyle(el, pseudo);
          const secs = v => Math.max(...v.split(',').map(x => x.trim().endsWith('ms') ? parseFloat(x) / 1000 : parseFloat(x) || 0));
          longest = Math.max(longest, secs(s.transitionDuration), s.animationName !== 'none' ? secs(s.animationDuration) : 0);
        }
      }
      return {longest, scroll: getComputedStyle(document.documentElement).scrollBehavior};
    }"""
    results = {}
    for motion in ("no-preference", "reduce"):
        ctx = browser.new_context(reduced_motion=motion)
        page = ctx.new_page()
        page.goto(site_server + TEMPLATE_PAGES["chapter"], wait_until="load")
        results[motion] = page.evaluate(measure)
        ctx.close()
    assert results["no-preference"]["longest"] > 0.05, f"nothing animates even without the preference: {results}"
    ok = results["reduce"]["longest"] <= 0.001 and results["reduce"]["scroll"] != "smooth"
    _record("motion", ok)
    assert ok, f"with prefers-reduced-motion: reduce, something still moves: {results['reduce']}"


@recorder
def record_keyboard_results():
    if _outcomes["keyboard"]:
        RESULTS.record("keyboard", "the menu, the search dialog and the thresholds finder used with the keyboard alone, "
                       "at 1280 and 320 CSS px", all(_outcomes["keyboard"]),
                       f"{_outcomes['keyboard'].count(False)} of {len(_outcomes['keyboard'])} keyboard journeys failed")
    if _outcomes["motion"]:
        RESULTS.record("motion", "animations and transitions switched off when the reader asks for reduced motion",
                       all(_outcomes["motion"]), "passed" if all(_outcomes["motion"]) else "something still moves")
