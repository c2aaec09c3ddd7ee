"""The site served with exactly the headers the build wrote to ``_headers``: the strict
Content-Security-Policy blocks nothing the site needs, and everything still works —
Material's scripts (including its two hashed inline ones), search, the thresholds
finder, navigation badges and the view-time review and chair scripts."""

from __future__ import annotations

import pytest

from procedures.security import HEADERS_FILE, NGINX_FILE, parse_headers_file
from tests.browser.quality import RESULTS, TEMPLATE_PAGES, RequestGuard, file_for, recorder
from tests.conftest import serve

pytestmark = pytest.mark.browser

_LISTEN = """() => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', e =>
    window.__csp.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
}"""
_violations: list[str] = []


@pytest.fixture(scope="module")
def headers(built_site):
    text = (built_site / HEADERS_FILE).read_text(encoding="utf-8")
    assert (built_site / NGINX_FILE).exists(), "the build wrote no nginx snippet"
    rules = parse_headers_file(text)
    assert list(rules) == ["/*"], f"expected one rule for every path, got {list(rules)}"
    return rules["/*"]


@pytest.fixture(scope="module")
def strict_server(built_site, headers):
    base, stop = serve(built_site, headers=headers)
    yield base
    stop()


@pytest.fixture
def strict_page(browser):
    context = browser.new_context()
    context.add_init_script(script=f"({_LISTEN})()")
    guard = RequestGuard(context)
    page = context.new_page()
    page.console_csp = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.console_csp.append(m.text))
    page.on("pageerror", lambda e: page.console_csp.append(f"script error: {e}"))
    yield page
    assert not guard.blocked, f"requests to other hosts: {guard.blocked}"
    context.close()


def _check_clean(page, where: str) -> None:
    found = page.console_csp + page.evaluate("() => window.__csp || []")
    if found:
        _violations.append(f"{where}: {found}")
    assert not found, f"{where}: Content-Security-Policy violations or script errors: {found}"


def test_the_policy_is_strict(headers):
    csp = headers["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
    assert directives["default-src"] == ["'none'"]
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    assert directives["script-src"][0] == "'self'"
    assert all(s.startswith("'sha256-") or s in ("'self'", "'wasm-unsafe-eval'") for s in directives["script-src"])
    assert directives["frame-ancestors"] == ["'none'"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"]


@pytest.mark.parametrize("name", list(TEMPLATE_PAGES))
def test_template_page_runs_its_scripts_with_no_csp_violation(name, strict_page, strict_server, built_site):
    path = TEMPLATE_PAGES[name]
    if file_for(built_site, path) is None:
        pytest.fail(f"template page '{name}' (/{path}) is not in the built site — the page was removed or moved: update TEMPLATE_PAGES in tests/browser/quality.py")
    response = strict_page.goto(strict_server + path, wait_until="load")
    assert "frame-ancestors 'none'" in (response.headers.get("content-security-policy") or ""), "the page was served without the CSP"
    strict_page.wait_for_load_state("networkidle")
    ran = strict_page.evaluate("""() => ({
        inline: typeof window.__md_scope !== 'undefined',   // Material's hashed inline script
        // the theme's script from 'self' (theme.js in the site's one script, or Material's
        // bundle.js with extra.material_bundle): both swap no-js for js on <html>
        bundle: document.documentElement.classList.contains('js') && !document.documentElement.classList.contains('no-js'),
    })""")
    assert ran == {"inline": True, "bundle": True}, f"/{path}: scripts did not run under the CSP: {ran}"
    _check_clean(strict_page, f"/{path}")


def test_view_time_review_script_and_print_button_work(strict_page, strict_server, built_site):
    path = TEMPLATE_PAGES["chapter"]
    strict_page.goto(strict_server + path, wait_until="load")
    # procedures.js reveals the print button and decides "review overdue" at view time
    assert strict_page.locator("button[data-print]").first.is_visible()
    decided = strict_page.evaluate("""() => [...document.querySelectorAll('[data-next-review]')].every(el =>
        el.hidden === !(el.getAttribute('data-next-review') < new Date().toISOString().slice(0, 10)))""")
    assert decided, "the review banner was not decided by procedures.js"
    _check_clean(strict_page, f"/{path}")


def test_view_time_chair_script_works(strict_page, strict_server, built_site):
    path = TEMPLATE_PAGES["partners and chair"]
    if file_for(built_site, path) is None:
        pytest.fail(f"template page 'partners and chair' (/{path}) is not in the built site — the page was removed or moved: update TEMPLATE_PAGES in tests/browser/quality.py")
    strict_page.goto(strict_server + path, wait_until="load")
    today = strict_page.evaluate("() => { const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); }")
    # arrangements.js re-decides the current chair in the browser and marks when it did
    assert strict_page.locator("[data-sp-rotation]").first.get_attribute("data-sp-decided") == today
    _check_clean(strict_page, f"/{path}")


def test_search_works_under_the_csp(strict_page, strict_server, built_site):
    strict_page.goto(strict_server + TEMPLATE_PAGES["chapter"], wait_until="load")
    box = strict_page.locator("[data-search-input], [data-md-component='search-query']").first
    box.click()
    box.fill("neglect")
    results = strict_page.locator(".md-search-result__item, [data-search-list] li")
    results.first.wait_for(state="visible", timeout=15000)
    assert results.count() > 0
    _check_clean(strict_page, "search")


def test_navigation_badges_show_under_the_csp(strict_page, strict_server, built_site):
    strict_page.goto(strict_server + TEMPLATE_PAGES["chapter"], wait_until="load")
    badges = strict_page.locator(".md-nav .md-status:visible")
    if badges.count() == 0:
        pytest.skip("no chapter carries a new/updated badge in this build")
    assert badges.first.is_visible()
    mask = badges.first.evaluate("""el => getComputedStyle(el, '::after').maskImage || getComputedStyle(el, '::after').webkitMaskImage""")
    assert mask and mask != "none", "the badge icon did not load"
    _check_clean(strict_page, "badges")


@recorder
def record_csp_results():
    RESULTS.record("csp", "the site served with its own strict Content-Security-Policy and other security headers: "
                   "no violations while its scripts, search and badges run", not _violations,
                   f"{len(_violations)} pages with violations or script errors")
