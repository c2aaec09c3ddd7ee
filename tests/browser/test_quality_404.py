"""The 404 page as the host serves it: at any missing address, however deep, it is
styled, accessible, and its search, contents link and contacts work."""

from __future__ import annotations

import pytest

from tests.browser.quality import RequestGuard, describe, run_axe

pytestmark = pytest.mark.browser

MISSING = "manual/a-chapter-that-never-existed/section/"


def test_a_missing_deep_address_gets_a_working_404_page(browser, site_server, built_site):
    context = browser.new_context()
    guard = RequestGuard(context)
    # what Netlify, Cloudflare Pages, GitHub Pages or nginx (error_page 404 /404.html) do
    context.route(f"**/{MISSING}", lambda route: route.fulfill(status=404, path=str(built_site / "404.html")))
    page = context.new_page()
    failed = []
    page.on("response", lambda r: r.status >= 400 and MISSING not in r.url and failed.append(f"{r.status} {r.url}"))
    try:
        response = page.goto(site_server + MISSING, wait_until="load")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Page not found"
        assert not failed, f"the 404 page's own files did not load at a deep address: {failed}"
        styled = page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position")
        assert styled == "sticky", "Material's stylesheet did not load"
        assert page.locator(".worried a[href='tel:999']").is_visible()
        found = run_axe(page)
        assert not found, describe(found)
        # the contents link leads to the manual's contents
        href = page.get_by_role("link", name="Contents of the procedures manual").get_attribute("href")
        assert href == "/manual/"
        # search from the 404 page's own form, by keyboard
        page.locator("#notfound-q").focus()
        page.keyboard.type("neglect")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search/?q=neglect")
        page.locator("[data-search-page] li, .md-search-result__item").first.wait_for(state="visible", timeout=15000)
    finally:
        context.close()
    assert not guard.blocked
