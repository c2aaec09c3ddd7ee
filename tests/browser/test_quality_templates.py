"""One page of every template, checked as a keyboard and phone user would meet it.

For each page in ``TEMPLATE_PAGES``: axe-core at phone width, a working
"Skip to content" link, a visible focus indicator on every element Tab reaches (and
never a focused element that cannot be seen), and no horizontal scrolling at 320 CSS px
(WCAG 1.4.10 Reflow: 1280 px at 400% zoom). A template whose page does not exist yet
is skipped with a reason that names the page.
"""

from __future__ import annotations

import pytest

from tests.browser.quality import (
    RESULTS,
    TEMPLATE_PAGES,
    RequestGuard,
    describe,
    recorder,
    run_axe,
    template_page,
)

pytestmark = pytest.mark.browser

NAMES = list(TEMPLATE_PAGES)
MAX_TABS = 400  # a page with more tab stops than this is a problem in itself
# The header, navigation and footer come from one shared template: walk them in full on
# these pages, and on the others start from "Skip to content" (the content and footer).
FULL_WALK = {"home", "chapter", "thresholds finder", "briefing", "404"}

_failures: dict[str, list[str]] = {"axe": [], "skip": [], "focus": [], "reflow": []}


@pytest.fixture
def context_at(browser):
    contexts = []

    def make(width: int = 1280, height: int = 800, **kw):
        # Focus and skip-link checks judge the end state of each focus style; with
        # reduced motion (which the site honours) there is no fade-in to wait for.
        kw.setdefault("reduced_motion", "reduce")
        ctx = browser.new_context(viewport={"width": width, "height": height}, **kw)
        ctx.guard = RequestGuard(ctx)
        contexts.append(ctx)
        return ctx

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.mark.parametrize("name", NAMES)
def test_axe_at_phone_width(name, context_at, site_server, built_site):
    """The full pass runs axe on every page at desktop width; here each template at 320 px,
    where Material swaps in the drawer, the search dialog and scrolling tables."""
    path = template_page(built_site, name)
    page = context_at(320, 640, reduced_motion="no-preference").new_page()
    page.goto(site_server + path, wait_until="load")
    found = run_axe(page)
    if found:
        _failures["axe"].append(f"{name}: {describe(found)}")
    assert not found, f"/{path} at 320 px: {describe(found)}"


# --- skip link ----------------------------------------------------------------------

_IN_CHROME = """el => !!el && !!el.closest('.md-header, .md-tabs, .md-sidebar--primary, .md-skip')"""


@pytest.mark.parametrize("name", NAMES)
def test_skip_link_is_first_visible_and_moves_focus_past_the_navigation(name, context_at, site_server, built_site):
    path = template_page(built_site, name)
    page = context_at().new_page()
    page.goto(site_server + path, wait_until="load")
    page.keyboard.press("Tab")
    first = page.evaluate("""async () => { const el = document.activeElement;
        const r = el.getBoundingClientRect();
        return {text: el.textContent.trim(), href: el.getAttribute('href'), skip: el.classList.contains('md-skip'),
                visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth}; }""")
    problems = []
    if not first["skip"] or "skip" not in first["text"].lower():
        problems.append(f"the first Tab stop is {first['text']!r}, not a 'Skip to content' link")
    elif not first["visible"]:
        problems.append("the skip link is focused but not visible on screen")
    else:
        page.keyboard.press("Enter")
        target = first["href"].lstrip("#")
        moved = page.evaluate("""(id) => { const t = document.getElementById(id); if (!t) return 'no target';
            const r = t.getBoundingClientRect(); return location.hash === '#' + id && r.top < innerHeight && r.bottom > 0 ? 'ok' : 'not scrolled to'; }""", target)
        if moved != "ok":
            problems.append(f"activating the skip link: {moved} (#{target})")
        page.keyboard.press("Tab")
        if page.evaluate(f"() => ({_IN_CHROME})(document.activeElement)"):
            problems.append("after the skip link, Tab goes back into the header or navigation instead of the content")
    if problems:
        _failures["skip"].append(f"{name}: {problems}")
    assert not problems, f"/{path}: " + "; ".join(problems)


# --- visible focus ------------------------------------------------------------------

_SNAPSHOT = """() => {
  const props = ['outlineStyle', 'outlineWidth', 'outlineColor', 'boxShadow', 'backgroundColor', 'borderColor', 'textDecorationLine', 'color'];
  const snap = el => { const s = getComputedStyle(el); return Object.fromEntries(props.map(p => [p, s[p]])); };
  window.__rest = new WeakMap();
  document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex], label').forEach(el => window.__rest.set(el, snap(el)));
  window.__snap = snap;
}"""

_FOCUSED = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;

  const name = (el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                + ' "' + (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 40) + '"');
  const now = window.__snap(el), rest = window.__rest.get(el);
  const px = v => parseFloat(v) || 0;
  const outline = now.outlineStyle !== 'none' && px(now.outlineWidth) >= 2 &&
                  (!rest || rest.outlineStyle === 'none' || px(rest.outlineWidth) === 0 || rest.outlineColor !== now.outlineColor || rest.outlineWidth !== now.outlineWidth);
  const shadow = now.boxShadow !== 'none' && (!rest || rest.boxShadow !== now.boxShadow);
  const r = el.getBoundingClientRect();
  const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  const shown = el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  // WCAG 2.4.11 Focus Not Obscured: some part of the element is not covered by other content.
  // Looked at again after two frames before calling it covered: a page still scrolling the
  // element into view (a loaded machine) is not a page that hides it; what covers it is named.
  const describe = h => h ? h.tagName.toLowerCase() + (h.id ? '#' + h.id : '') + (typeof h.className === 'string' && h.className.trim() ? '.' + h.className.trim().split(/\\s+/).join('.') : '') : 'nothing';
  let coveredBy = '';
  const look = () => {
    const b = el.getBoundingClientRect();
    for (const [fx, fy] of [[0.5, 0.5], [0.1, 0.5], [0.9, 0.5], [0.5, 0.1], [0.5, 0.9]]) {
      const x = b.left + b.width * fx, y = b.top + b.height * fy;
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      const hit = document.elementFromPoint(x, y);
      if (hit && (hit === el || el.contains(hit) || hit.contains(el) || (el.labels && [...el.labels].some(l => l.contains(hit))))) return true;
      coveredBy = describe(hit);
    }
    return false;
  };
  let uncovered = look();
  if (!uncovered) {
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    uncovered = look();
  }
  return {name, indicator: outline || shadow, onScreen, shown, uncovered, coveredBy, key: name + '@' + Math.round(r.top + scrollY) + ',' + Math.round(r.left)};
}"""


def walk_tab_stops(page, limit: int, seen: set[str] | None = None) -> tuple[list[dict], bool]:
    """Press Tab up to ``limit`` times; return what each newly focused element looks like
    (``_FOCUSED``; needs ``_SNAPSHOT`` first) and whether the walk ended by itself (focus
    left the document or came round to an element in ``seen``) rather than at the limit."""
    seen = set() if seen is None else seen
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(_FOCUSED)
        if info is None or info["key"] in seen:
            return stops, True  # the end of the tab order, or wrapped round
        seen.add(info["key"])
        stops.append(info)
    return stops, False


@pytest.mark.parametrize("name", NAMES)
def test_every_tab_stop_has_a_visible_focus_indicator(name, context_at, site_server, built_site):
    path = template_page(built_site, name)
    page = context_at().new_page()
    page.goto(site_server + path, wait_until="load")
    if name == "search results":  # search.js comes after the page (search-boot.js): walk the results, once shown
        page.wait_for_selector("[data-search-list] .md-search-result__item", timeout=30000)
    page.evaluate(_SNAPSHOT)
    if name not in FULL_WALK:
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")  # the skip link (tested on every page above)
    problems: list[str] = []
    walked, ended = walk_tab_stops(page, MAX_TABS)
    stops = len(walked)
    for info in walked:
        if not (info["shown"] and info["onScreen"]):
            problems.append(f"{info['name']} takes focus but cannot be seen")
        elif not info["indicator"]:
            problems.append(f"{info['name']} shows no focus outline")
        elif not info["uncovered"]:
            problems.append(f"{info['name']} is hidden behind other content when focused ({info['coveredBy']})")
    if not ended:
        problems.append(f"more than {MAX_TABS} tab stops")
    assert stops > 0, f"/{path}: Tab reached nothing"
    if problems:
        _failures["focus"].append(f"{name}: {problems}")
    assert not problems, f"/{path} ({stops} tab stops): " + "; ".join(problems)


# --- reflow -------------------------------------------------------------------------

_OVERFLOW = """() => {
  const w = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(el => {
    const r = el.getBoundingClientRect(); return r.width > 0 && r.right > w + 1 && getComputedStyle(el).position !== 'fixed';
  }).filter(el => !el.parentElement || el.parentElement.getBoundingClientRect().right <= w + 1).slice(0, 5)
    .map(el => el.tagName.toLowerCase() + '.' + (typeof el.className === 'string' ? el.className.trim().replace(/\\s+/g, '.') : ''));
  return {scrollWidth: document.documentElement.scrollWidth, clientWidth: w, wide};
}"""


@pytest.mark.parametrize("name", NAMES)
def test_no_horizontal_scrolling_at_320_css_pixels(name, context_at, site_server, built_site):
    path = template_page(built_site, name)
    page = context_at(320, 640).new_page()
    page.goto(site_server + path, wait_until="load")
    m = page.evaluate(_OVERFLOW)
    ok = m["scrollWidth"] <= m["clientWidth"]
    if not ok:
        _failures["reflow"].append(f"{name}: {m}")
    assert ok, f"/{path} scrolls sideways at 320 px: page is {m['scrollWidth']} px wide; too wide: {m['wide']}"


@recorder
def record_template_results():
    """Records what the detailed pass measured (called by make accessibility-results)."""
    tested = list(RESULTS.templates_tested)
    if not tested:
        return
    scope = f"{len(tested)} template pages"
    RESULTS.record("axe-templates", "axe-core at 320 CSS px wide on one page of every template", not _failures["axe"],
                   f"{len(_failures['axe'])} pages with violations of {scope}")
    RESULTS.record("skip-link", "a working 'Skip to content' link as the first Tab stop", not _failures["skip"],
                   f"{len(_failures['skip'])} failures on {scope}")
    RESULTS.record("focus", "a visible, unobscured focus indicator on every element reached by Tab", not _failures["focus"],
                   f"{len(_failures['focus'])} failures on {scope}")
    RESULTS.record("reflow", "no horizontal scrolling at 320 CSS px wide (400% zoom)", not _failures["reflow"],
                   f"{len(_failures['reflow'])} failures on {scope}")
