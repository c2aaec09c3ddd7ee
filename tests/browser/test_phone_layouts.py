"""Phone-first layouts, checked in Chromium at 320 and 390 CSS px on one page of every
template (``TEMPLATE_PAGES``), and the dark colour scheme.

* Nothing is wider than the screen except inside a marked scroll region (a wide table's
  box: named, reachable by keyboard, with a visible cue), and every column of a wide table
  can be scrolled into view.
* The manual's contents is a list, not a squeezed table.
* "Copy link to this section" is visible on a touch screen and works by touch and keyboard.
* The indicator finder's results come into view as the reader types.
* Glossary tooltips are at the size of the text they explain.
* Dark mode follows the device's setting, has a toggle, and passes axe on every template.
"""

from __future__ import annotations

import pytest

from tests.browser.quality import TEMPLATE_PAGES, RequestGuard, describe, run_axe, template_page

pytestmark = pytest.mark.browser

NAMES = list(TEMPLATE_PAGES)
WIDTHS = (320, 390)


@pytest.fixture
def phone(browser):
    contexts = []

    def make(width: int = 390, height: int = 740, **kw):
        kw.setdefault("reduced_motion", "reduce")
        ctx = browser.new_context(viewport={"width": width, "height": height}, **kw)
        ctx.guard = RequestGuard(ctx)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


# --- no sideways scrolling, except marked regions ------------------------------------

_WIDE = """() => {
  const w = document.documentElement.clientWidth;
  const outside = [...document.querySelectorAll('body *')].filter(el => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (!(r.width > 0 && r.right > w + 1) || s.position === 'fixed' || s.visibility === 'hidden') return false;
    if (el.closest('[data-scroll-region]')) return false;           // inside a marked region
    if (el.closest('.md-sidebar, .md-search, .md-tooltip, .md-tooltip2, [hidden]')) return false;  // off-canvas drawer and search
    return true;
  }).slice(0, 5).map(el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : ''));
  const regions = [...document.querySelectorAll('[data-scroll-region]')].map(box => {
    const frame = box.parentElement.classList.contains('procedures-scroll-frame') ? box.parentElement : null;
    const hint = box.previousElementSibling;
    return {name: box.getAttribute('aria-label') || '', tabindex: box.getAttribute('tabindex'), role: box.getAttribute('role'),
            overflow: getComputedStyle(box).overflowX, wider: box.scrollWidth > box.clientWidth,
            hint: !!hint && hint.classList.contains('procedures-scroll-hint') && hint.getBoundingClientRect().height > 0,
            edge: !!frame && frame.classList.contains('procedures-scroll-frame--right')
                  && parseFloat(getComputedStyle(frame, '::after').opacity) > 0,
            inside: box.getBoundingClientRect().right <= w + 1};
  });
  return {scrollWidth: document.documentElement.scrollWidth, width: w, outside, regions};
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", NAMES)
def test_nothing_is_wider_than_a_phone_except_marked_scroll_regions(name, width, phone, site_server, built_site):
    path = template_page(built_site, name)
    page = phone(width)
    page.goto(site_server + path, wait_until="load")
    page.wait_for_timeout(100)  # the scroll cues are set on the next frame
    m = page.evaluate(_WIDE)
    problems = []
    if m["scrollWidth"] > m["width"]:
        problems.append(f"the page scrolls sideways ({m['scrollWidth']} px)")
    if m["outside"]:
        problems.append(f"off screen, not in a scroll region: {m['outside']}")
    for r in m["regions"]:
        if not (r["wider"] and r["inside"] and r["overflow"] in ("auto", "scroll")):
            problems.append(f"scroll region {r['name']!r} does not scroll within the screen: {r}")
        if not (r["name"] and r["tabindex"] == "0" and r["role"] == "region"):
            problems.append(f"scroll region {r['name']!r} is not a named region the keyboard can reach: {r}")
        if not (r["hint"] and r["edge"]):
            problems.append(f"scroll region {r['name']!r} has no visible cue that it scrolls (a line above, a shaded edge)")
    assert not problems, f"/{path} at {width} px: " + "; ".join(problems)


# the delegated safeguarding partners' table, the Working Together checklist, the document
WIDE_TABLE_PAGES = ["arrangements/partners-and-chair/", "arrangements/compliance/", "arrangements/document/",
                    "arrangements/structure-and-governance/", "thresholds/quick-sheet/"]


@pytest.mark.parametrize("path", WIDE_TABLE_PAGES)
def test_every_column_of_a_wide_table_can_be_scrolled_into_view(path, phone, site_server, built_site):
    if not (built_site / path / "index.html").exists():
        pytest.skip(f"/{path} is not in the built site")
    page = phone(320)
    page.goto(site_server + path, wait_until="load")
    page.wait_for_timeout(100)
    tables = page.evaluate("""() => [...document.querySelectorAll('.md-content table')].map((t, i) => {
        const box = t.closest('[data-scroll-region]');
        const cells = t.rows[0] ? [...t.rows[0].cells] : [];
        if (!cells.length) return null;
        if (box) box.scrollLeft = box.scrollWidth;   // as far right as it goes
        const last = cells[cells.length - 1].getBoundingClientRect();
        if (box) box.scrollLeft = 0;
        const first = cells[0].getBoundingClientRect();
        return {i, region: !!box, lastRight: last.right, lastLeft: last.left, firstLeft: first.left, w: document.documentElement.clientWidth};
    }).filter(Boolean)""")
    assert tables, f"/{path} has no table"
    for t in tables:
        assert t["lastRight"] <= t["w"] + 1 and t["lastLeft"] >= 0, f"/{path}: last column of table {t['i']} cannot be reached: {t}"
        assert t["firstLeft"] >= 0, t


def test_keyboard_scrolls_a_wide_table(phone, site_server, built_site):
    path = template_page(built_site, "partners and chair")
    page = phone(320)
    page.goto(site_server + path, wait_until="load")
    page.wait_for_timeout(100)
    box = page.locator("[data-scroll-region]").first
    box.focus()
    before = box.evaluate("b => b.scrollLeft")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert box.evaluate("b => b.scrollLeft") > before
    assert box.evaluate("b => b.parentElement.classList.contains('procedures-scroll-frame--left')")  # more back left


# --- the manual's contents -----------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
def test_the_contents_is_a_list_on_a_phone(width, phone, site_server, built_site):
    path = template_page(built_site, "manual contents")
    page = phone(width)
    page.goto(site_server + path, wait_until="load")
    rows = page.evaluate("""() => [...document.querySelectorAll('.manual-contents tbody tr')].map(tr => {
        const [code, title, summary] = [...tr.cells].map(c => c.getBoundingClientRect());
        return {display: getComputedStyle(tr).display, code: code.width, summaryWidth: summary.width,
                summaryBelow: summary.top >= title.bottom - 1, content: tr.getBoundingClientRect().width};
    })""")
    assert len(rows) > 20
    for r in rows:
        assert r["display"] == "block", r
        assert r["summaryBelow"] and r["summaryWidth"] >= 0.9 * r["content"], r  # full width, under the title
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 40 * len(rows) * 6, f"the contents is {height} px tall"


def test_the_contents_stays_a_table_on_a_wide_screen(phone, site_server, built_site):
    path = template_page(built_site, "manual contents")
    page = phone(1280, 800)
    page.goto(site_server + path, wait_until="load")
    assert page.evaluate("getComputedStyle(document.querySelector('.manual-contents tr')).display") == "table-row"


# --- copy link to this section ---------------------------------------------------------

def _copy_page(phone, site_server, built_site, **kw):
    path = template_page(built_site, "chapter")
    page = phone(390, has_touch=True, is_mobile=True, **kw)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_server + path, wait_until="load")
    return page, path


def test_copy_link_is_visible_on_a_touch_screen_and_copies_by_touch(phone, site_server, built_site):
    page, path = _copy_page(phone, site_server, built_site)
    link = page.locator(".md-typeset h2 .headerlink").first
    link.scroll_into_view_if_needed()
    style = link.evaluate("a => { const r = a.getBoundingClientRect(); return {opacity: getComputedStyle(a).opacity, w: r.width, h: r.height}; }")
    assert float(style["opacity"]) == 1 and style["w"] >= 24 and style["h"] >= 24, style  # seen and big enough to tap
    assert link.get_attribute("aria-label") == "Copy link to this section"
    target = link.get_attribute("href")
    link.tap()
    page.locator(".procedures-toast").filter(has_text="copied").wait_for(timeout=5000)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == site_server + path + target, copied
    assert page.evaluate("location.hash") == target


def test_copy_link_works_from_the_keyboard(phone, site_server, built_site):
    page, path = _copy_page(phone, site_server, built_site)
    link = page.locator(".md-typeset h2 .headerlink").nth(1)
    target = link.get_attribute("href")
    link.focus()
    assert page.evaluate("document.activeElement.classList.contains('headerlink')")
    page.keyboard.press("Enter")
    page.locator(".procedures-toast").filter(has_text="copied").wait_for(timeout=5000)
    assert page.evaluate("navigator.clipboard.readText()") == site_server + path + target


# --- the indicator finder ---------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
def test_finder_results_come_into_view_as_the_reader_types(width, phone, site_server, built_site):
    path = template_page(built_site, "thresholds finder")
    page = phone(width, 640)
    page.goto(site_server + path, wait_until="networkidle")
    page.locator(".thresholds-finder--enhanced").wait_for()
    box = page.locator("#finder-q")
    box.click()
    page.keyboard.type("bruis")
    page.wait_for_timeout(300)
    seen = page.evaluate("""() => {
        const first = [...document.querySelectorAll('.thresholds-finder__item')].find(li => !li.hidden && li.offsetParent);
        const q = document.getElementById('finder-q').getBoundingClientRect();
        if (!first) return null;
        const r = first.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, h: innerHeight, qTop: q.top, qBottom: q.bottom};
    }""")
    assert seen, "no result for 'bruis'"
    assert seen["qTop"] >= 0 and seen["qBottom"] <= seen["h"], f"the search box left the screen: {seen}"
    assert seen["top"] < seen["h"] - 40, f"the first result is below the fold: {seen}"
    more = page.locator(".thresholds-finder__more")
    assert more.count() == 1 and not more.evaluate("d => d.open")  # level, domain and age folded away
    more.locator("summary").click()
    assert page.locator("#finder-level").is_visible()


# --- glossary tooltips ------------------------------------------------------------------

def test_glossary_tooltips_are_at_body_size(phone, site_server, built_site):
    path = template_page(built_site, "chapter")
    page = phone(1280, 800)
    page.goto(site_server + path, wait_until="load")
    abbr = page.locator(".md-typeset p abbr").first
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    tip = page.locator(".md-tooltip2__inner, .md-tooltip__inner").filter(has_text=abbr.get_attribute("title") or "")
    tip.first.wait_for(state="visible", timeout=5000)
    tip_size = tip.first.evaluate("t => parseFloat(getComputedStyle(t).fontSize)")
    body_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
    assert tip_size >= body_size - 0.5, (tip_size, body_size)


# --- dark mode ---------------------------------------------------------------------------

def test_dark_mode_follows_the_device_and_the_toggle_overrides_it(phone, site_server, built_site):
    path = template_page(built_site, "chapter")
    page = phone(390, color_scheme="dark")
    page.goto(site_server + path, wait_until="load")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "slate"
    bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    toggle = page.locator("button[data-palette-for]:visible")
    assert toggle.count() == 1 and "light" in (toggle.get_attribute("title") or "").lower()
    toggle.click()
    page.wait_for_function(f"() => {scheme} === 'default'")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != bg
    page.reload(wait_until="load")
    assert page.evaluate(scheme) == "default"  # the reader's choice is kept
    light = phone(390, color_scheme="light")
    light.goto(site_server + path, wait_until="load")
    assert light.evaluate(scheme) == "default"


@pytest.mark.parametrize("name", NAMES)
def test_axe_in_the_dark_scheme(name, phone, site_server, built_site):
    path = template_page(built_site, name)
    page = phone(390, color_scheme="dark")
    page.goto(site_server + path, wait_until="load")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    found = run_axe(page)
    assert not found, f"/{path} in the dark scheme: {describe(found)}"


def test_zz_record_phone_and_dark_results():
    """Runs last in this module: records the dark-scheme axe run for the accessibility
    statement (written only by `make accessibility-results` when this file is in its run)."""
    from tests.browser.quality import RESULTS

    tested = [n for n in NAMES if n in RESULTS.templates_tested]
    if not tested:
        pytest.skip("no template page was tested")
    RESULTS.record("axe-dark", "axe-core in the dark colour scheme at 390 CSS px on one page of every template",
                   True, f"{len(tested)} template pages; failures fail the run")
