"""The arrangements in a real browser: the chair is decided on the reader's date (not the
build's), business years turn over at midnight on 1 April UK time, dates outside the
table say so, and the pages fit a phone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import serve

pytestmark = pytest.mark.browser

UK = ZoneInfo("Europe/London")
PAGE = "arrangements/partners-and-chair/"


@pytest.fixture
def uk_page(browser):
    context = browser.new_context(timezone_id="Europe/London", locale="en-GB")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors  # type: ignore[attr-defined]
    yield pg
    context.close()


def open_on(pg, base: str, when: datetime, path: str = PAGE):
    pg.clock.set_fixed_time(when)
    pg.goto(base + path)
    pg.wait_for_selector("[data-sp-decided]", state="attached")
    return pg.locator("[data-sp-chair-text]").first.inner_text()


def current_rows(pg) -> list[str]:
    return pg.eval_on_selector_all("[data-sp-rotation-table] tr.is-current", "rows => rows.map(r => r.dataset.spStart)")


def visible_badges(pg) -> int:
    return pg.locator(".sp-current-badge:visible").count()


def test_chair_is_decided_on_the_readers_date(uk_page, site_server):
    text = open_on(uk_page, site_server, datetime(2026, 6, 15, 12, tzinfo=UK))
    assert text == ("On 15 June 2026, in business year 2026/27, the partnership chair is the Police DSP, Henry "
                    "Henderson, and the deputy chair is the Interim Leicestershire DSP, Sharon Cooke.")
    assert current_rows(uk_page) == ["2026-04-01"]
    assert visible_badges(uk_page) == 1
    assert uk_page.get_attribute("tr.is-current", "aria-current") == "true"
    assert uk_page.errors == []


@pytest.mark.parametrize(("when", "year", "start"), [
    (datetime(2026, 3, 31, 23, 30, tzinfo=UK), "2025/26", "2025-04-01"),  # half an hour before the year turns
    (datetime(2026, 4, 1, 0, 30, tzinfo=UK), "2026/27", "2026-04-01"),    # half an hour after
])
def test_the_year_turns_over_at_midnight_on_1_april(uk_page, site_server, when, year, start):
    text = open_on(uk_page, site_server, when)
    assert f"in business year {year}," in text
    assert current_rows(uk_page) == [start]


def test_joint_chairs_and_the_unconfirmed_deputy(uk_page, site_server):
    text = open_on(uk_page, site_server, datetime(2025, 10, 1, 9, tzinfo=UK), path="arrangements/")
    assert text.startswith("On 1 October 2025, in business year 2025/26, the partnership is chaired jointly by the "
                           "Interim Leicestershire DSP, Sharon Cooke and the Leicester DSP, Laurence Jones, and the "
                           "deputy chair is the ICB DSP, Chris West (not yet confirmed by the partnership")


def test_a_date_outside_the_table_says_no_chair_is_recorded(uk_page, site_server):
    text = open_on(uk_page, site_server, datetime(2031, 5, 1, 12, tzinfo=UK))
    assert text == "No chair is recorded for 2031/32: the published rotation runs from 2024/25 to 2029/30."
    assert current_rows(uk_page) == []
    assert visible_badges(uk_page) == 0
    assert uk_page.errors == []


def test_works_under_a_strict_csp_without_inline_script(browser, built_site):
    """Only scripts from the site itself may run: the chair is still decided in the browser."""
    base, stop = serve(built_site, headers={"Content-Security-Policy": "default-src 'self'; script-src 'self'"})
    context = browser.new_context(timezone_id="Europe/London")
    try:
        pg = context.new_page()
        blocked: list[str] = []
        pg.on("console", lambda m: blocked.append(m.text) if "arrangements.js" in m.text else None)
        text = open_on(pg, base, datetime(2028, 5, 2, 12, tzinfo=UK))
        assert text.startswith("On 2 May 2028, in business year 2028/29, the partnership chair is the ICB DSP, Chris West")
        assert blocked == []
    finally:
        context.close()
        stop()


@pytest.mark.parametrize("path", ["arrangements/partners-and-chair/", "arrangements/structure-and-governance/",
                                  "arrangements/compliance/", "arrangements/document/"])
def test_pages_fit_a_phone(browser, site_server, path):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    try:
        pg = context.new_page()
        pg.goto(site_server + path)
        overflow = pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375px"
        # the chart's boxes stay readable: text no smaller than 12px
        if "structure" in path:
            size = pg.eval_on_selector(".sp-gov__name", "el => parseFloat(getComputedStyle(el).fontSize)")
            assert size >= 12
    finally:
        context.close()
