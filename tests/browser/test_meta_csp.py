"""Issue 17: on a host that sends no headers (GitHub Pages, GitLab Pages, a plain
``python -m http.server``), the <meta> copy of the Content-Security-Policy still stops a
script that reached a page: an inline <script> and an onerror= handler are blocked.

A built chapter page is copied twice into a folder served without any headers: once as
built (with its <meta> policy) and once with the <meta> removed, both with the same
injected script. The copy without the policy runs it — so the test can tell — and the
built one must not."""

from __future__ import annotations

import re

import pytest

from tests.conftest import serve

pytestmark = pytest.mark.browser

INJECTED = ('<script>window.__pwned = (window.__pwned || 0) + 1</script>'
            '<img src="x-missing.png" alt="" onerror="window.__pwned = (window.__pwned || 0) + 10">')
_LISTEN = """() => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective));
}"""


@pytest.fixture(scope="module")
def pages_without_headers(built_site, tmp_path_factory):
    built = (built_site / "manual/neglect/index.html").read_text(encoding="utf-8")
    assert built.count('http-equiv="Content-Security-Policy"') == 1, "the build wrote no <meta> policy"
    injected = built.replace("</body>", INJECTED + "</body>", 1)
    root = tmp_path_factory.mktemp("no-headers")
    (root / "with-meta").mkdir()
    (root / "with-meta" / "index.html").write_text(injected, encoding="utf-8")
    (root / "without-meta").mkdir()
    (root / "without-meta" / "index.html").write_text(
        re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", injected), encoding="utf-8")
    base, stop = serve(root)  # a plain server: no headers at all
    yield base
    stop()


def _visit(browser, url):
    context = browser.new_context()
    context.add_init_script(script=f"({_LISTEN})()")
    page = context.new_page()
    response = page.goto(url)
    assert response is not None and "content-security-policy" not in {k.lower() for k in response.headers}
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    result = page.evaluate("() => ({pwned: window.__pwned || 0, csp: window.__csp})")
    context.close()
    return result


def test_without_the_meta_the_injected_script_runs(browser, pages_without_headers):
    """The control: proves the injection is live, so the next test is not passing by accident."""
    assert _visit(browser, pages_without_headers + "without-meta/")["pwned"] == 11


def test_meta_policy_blocks_an_injected_inline_script_without_headers(browser, pages_without_headers):
    result = _visit(browser, pages_without_headers + "with-meta/")
    assert result["pwned"] == 0
    assert "script-src-elem" in result["csp"] and "script-src-attr" in result["csp"], result["csp"]
