"""Every built page, in a real browser: no request to any other host, no cookies, none
of the site's own files failing to load, and zero axe-core violations of WCAG 2.0/2.1/2.2
A and AA.

Kept to requests and axe so it stays fast as the site grows; the detailed checks
(keyboard, focus, reflow) run on one page of every template in test_quality_templates.py.
"""

from __future__ import annotations

import pytest

from tests.browser.quality import RESULTS, RequestGuard, all_pages, describe, file_for, is_redirect, run_axe

pytestmark = pytest.mark.browser


def test_every_page_has_no_third_party_requests_no_cookies_and_no_axe_violations(browser, site_server, built_site):
    pages = all_pages(built_site)
    assert len(pages) > 40, f"the full pass found only {len(pages)} pages in {built_site}"
    context = browser.new_context()
    guard = RequestGuard(context)
    page = context.new_page()
    broken: list[str] = []  # the site's own files that fail to load (4xx/5xx)
    page.on("response", lambda r: r.status >= 400 and broken.append(f"{r.status} {r.url}"))
    failures: list[str] = []
    violations_total = 0
    axe_pages = 0
    try:
        for path in pages:
            blocked_before = len(guard.blocked)
            broken.clear()
            response = page.goto(site_server + path, wait_until="load")
            if response is None or not response.ok:
                failures.append(f"/{path}: HTTP {response.status if response else 'no response'}")
                continue
            if is_redirect(file_for(built_site, path)):
                page.wait_for_load_state("load")  # a redirect stub: check its requests, axe its target elsewhere
            else:
                found = run_axe(page)
                axe_pages += 1
                if found:
                    violations_total += sum(v["count"] for v in found)
                    failures.append(f"/{path}: {describe(found)}")
            if broken:
                failures.append(f"/{path}: files that failed to load: {broken}")
                broken.clear()
            if len(guard.blocked) > blocked_before:
                failures.append(f"/{path}: requests to other hosts: {guard.blocked[blocked_before:]}")
            cookie = page.evaluate("() => document.cookie")
            if cookie:
                failures.append(f"/{path}: document.cookie is {cookie!r}")
        cookies = context.cookies()
    finally:
        context.close()
    if cookies:
        failures.append(f"cookies were set: {cookies}")

    RESULTS.pages_in_full_pass = len(pages)
    RESULTS.chromium = browser.version
    RESULTS.record("axe", "axe-core rules for WCAG 2.0, 2.1 and 2.2 levels A and AA, and the best-practice rules Lighthouse scores, on every page",
                   violations_total == 0, f"{violations_total} violations on {axe_pages} pages")
    RESULTS.record("privacy", "requests to any host other than the site itself, and cookies, on every page",
                   not guard.blocked and not cookies,
                   f"{len(guard.blocked)} requests to other hosts and {len(cookies)} cookies on {len(pages)} pages "
                   f"({guard.allowed} requests to the site itself)")
    assert not failures, f"{len(failures)} problem(s) in the full pass:\n" + "\n".join(failures)
