"""The review dashboard decides overdue and due soon when it is read, not when it was
built: the browser's clock is pinned to dates either side of the real review dates."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

import pytest

pytestmark = pytest.mark.browser


def states(page) -> dict[str, str]:
    """Each row's due date and the state the page shows for it (first row per date)."""
    out: dict[str, str] = {}
    for row in page.locator("tr[data-review-due]").all():
        due = row.get_attribute("data-review-due")
        out.setdefault(due, row.locator("[data-review-state]").inner_text().strip())
    return out


def test_overdue_and_due_soon_are_decided_at_view_time(site_server, built_site, page):
    data = json.loads((built_site / "reviews.json").read_text(encoding="utf-8"))
    first_due = next(i["next_review"] for i in data["items"] if i["next_review"])  # e.g. 2027-03-31
    due = datetime.fromisoformat(first_due).replace(hour=12)

    # 30 days before the earliest review: due soon, nothing overdue
    page.clock.set_fixed_time(due - timedelta(days=30))
    page.goto(site_server + "editors/reviews/")
    shown = states(page)
    assert shown[first_due] == "Due soon"
    assert page.locator('[data-review-count="overdue"]').inner_text() == "0"
    row = page.locator(f'tr[data-review-due="{first_due}"]').first
    assert "review-row--due-soon" in row.get_attribute("class")

    # the day after: overdue, highlighted, counted
    page.clock.set_fixed_time(due + timedelta(days=1))
    page.goto(site_server + "editors/reviews/")
    shown = states(page)
    assert shown[first_due] == "Overdue"
    row = page.locator(f'tr[data-review-due="{first_due}"]').first
    assert "review-row--overdue" in row.get_attribute("class")
    overdue_rows = page.locator("tr.review-row--overdue").count()
    assert int(page.locator('[data-review-count="overdue"]').inner_text()) == overdue_rows >= 1
    # the highlight is not colour alone: the state is written in bold words
    weight = row.locator("[data-review-state]").evaluate("el => getComputedStyle(el).fontWeight")
    assert int(weight) >= 700
    assert re.match(r"\d{1,2} \w+ \d{4}", page.locator("[data-review-today]").inner_text())


def test_without_javascript_the_build_date_states_stay(site_server, built_site, browser):
    data = json.loads((built_site / "reviews.json").read_text(encoding="utf-8"))
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(site_server + "editors/reviews/")
    rows = pg.locator("tr[data-review-due]")
    assert rows.count() == len(data["items"])
    for i, item in enumerate(data["items"][:10]):
        assert f"review-row--{item['state']}" in rows.nth(i).get_attribute("class")
    context.close()


def test_dashboard_works_on_a_phone(site_server, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    pg = context.new_page()
    pg.goto(site_server + "editors/reviews/")
    overflow = pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    region = pg.locator(".review-dashboard__scroll")
    assert region.get_attribute("tabindex") == "0"  # the wide table scrolls inside a focusable region
    context.close()
    assert overflow <= 0
