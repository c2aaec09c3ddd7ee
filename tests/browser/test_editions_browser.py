"""Editions and case reviews as a reader sees them in Chromium, on the three-edition
fixture repository (tests/editions_fixture.py) built in a temporary folder on
12 March 2027, with one case review added whose 12 months end on 1 June 2027.

* "What changed": inserted and deleted words are told apart by more than colour
  (underline and strike-through) and named to screen readers ("inserted:",
  "deleted:"); printed, the page says it in words.
* "What did the manual say on a date?": dates on and between edition boundaries pick
  the edition in force, whose chapter links lead to the text of that day.
* A case review built while its report was in period, read after the period ended,
  shows the national repository instead (decided in the browser, the clock moved on).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from procedures.core.builder import mkdocs_build
from tests.conftest import serve
from tests.editions_fixture import ADDED, ORIGINAL, SECOND, THIRD, make_repo, today

pytestmark = pytest.mark.browser

CHANGES = "manual/neglect/editions/2027-03/changes/"
REVIEW = """  - key: child-a
    title: Child A
    published: 2026-06-01
    themes: [neglect, voice-of-the-child]
    briefing: professional-curiosity
    report_url: https://example.org/child-a.pdf
"""


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    repo = make_repo(tmp_path_factory.mktemp("editions-browser") / "repo")
    data = repo / "data/case-reviews.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("reviews: []", "reviews:\n" + REVIEW), encoding="utf-8")
    out = repo.parent / "site"
    with today(date(2027, 3, 12)):
        mkdocs_build(repo / "mkdocs.yml", out)
    base, stop = serve(out)
    yield base
    stop()


@pytest.fixture
def london(browser):
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    pg = context.new_page()
    yield pg
    context.close()


def _words(text: str) -> str:
    return " ".join(text.split())


# --- what changed ---------------------------------------------------------------------------------

def test_changes_are_not_told_by_colour_alone_and_are_named_to_screen_readers(fixture_site, london):
    page = london
    page.goto(fixture_site + CHANGES)
    article = page.locator("article")
    deleted = article.locator("del").filter(has_text="slowly")
    inserted = article.locator("ins").filter(has_text="gradually")
    assert deleted.count() == 1 and inserted.count() == 1
    style = "(el) => getComputedStyle(el).textDecorationLine"
    assert deleted.evaluate(style) == "line-through"
    assert inserted.evaluate(style) == "underline"
    # the words a screen reader says: hidden from sight, present in the accessibility tree
    label = deleted.locator(".diff-sr")
    box = label.bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1
    tree = _words(article.aria_snapshot())
    assert "deleted: slowly" in tree and "inserted: gradually" in tree
    assert f"inserted: {ADDED}" in tree
    assert page.get_by_role("deletion").filter(has_text="slowly").count() == 1
    assert page.get_by_role("insertion").filter(has_text="gradually").count() == 1
    # the unchanged words around them are not marked
    assert "builds up" in _words(article.inner_text()) and article.locator("del", has_text="builds up").count() == 0


def test_changes_print_with_the_change_in_words(fixture_site, london, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    page = london
    page.goto(fixture_site + CHANGES)
    page.emulate_media(media="print")
    deleted = page.locator("article del").filter(has_text="slowly")
    assert deleted.evaluate("(el) => getComputedStyle(el, '::before').content") == '"[deleted: "'
    assert deleted.locator(".diff-sr").evaluate("(el) => getComputedStyle(el).display") == "none"
    assert page.locator(".md-sidebar--primary").evaluate("(el) => getComputedStyle(el).display") == "none"
    pdf = tmp_path / "changes.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = _words(" ".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages))
    assert "[deleted: slowly]" in text and "[inserted: gradually]" in text
    assert "deleted: deleted:" not in text  # the hidden label is not printed twice


# --- the manual on a date -------------------------------------------------------------------------

@pytest.mark.parametrize("day, edition", [
    ("2026-11-01", "2026-11"),  # the first day of the first fixture edition
    ("2026-12-25", "2026-11"),  # between two editions
    ("2027-01-19", "2026-11"),  # its last day
    ("2027-01-20", "2027-01"),  # the next edition's first day
    ("2027-03-09", "2027-01"),
    ("2027-03-10", "2027-03"),  # the current edition from its first day
    ("2027-12-31", "2027-03"),  # and on any later day
])
def test_the_date_picker_resolves_days_on_and_between_edition_boundaries(fixture_site, london, day, edition):
    page = london
    page.goto(fixture_site + "amendments/on-a-date/")
    page.get_by_label("Date", exact=True).fill(day)
    page.get_by_role("button", name="Show the edition in force").click()
    picked = page.locator(".editions-list__item--picked")
    assert picked.count() == 1
    assert picked.get_attribute("id") == f"edition-{edition}"
    label = picked.get_attribute("data-label")
    d = date.fromisoformat(day)
    assert page.locator("[data-editions-result]").inner_text() == f"On {d.day} {d:%B %Y} the {label} was in force."
    assert picked.locator("details").evaluate("(el) => el.open") is True


@pytest.mark.parametrize("day, text, absent", [
    ("2027-01-19", ORIGINAL, SECOND),
    ("2027-01-20", SECOND, ORIGINAL),
    ("2027-03-10", THIRD, SECOND),
])
def test_the_picked_edition_links_to_the_chapter_as_it_stood(fixture_site, london, day, text, absent):
    page = london
    page.goto(fixture_site + "amendments/on-a-date/")
    page.get_by_label("Date", exact=True).fill(day)
    page.get_by_role("button", name="Show the edition in force").click()
    page.locator(".editions-list__item--picked details").get_by_role("link", name=re.compile(r"^2\.14 ")).click()
    body = _words(page.locator("article").first.inner_text())
    assert text in body and absent not in body


def test_a_day_before_any_recorded_edition_says_so(fixture_site, london):
    page = london
    page.goto(fixture_site + "amendments/on-a-date/")
    first = page.locator("li[data-from]").last.get_attribute("data-from")
    before = date.fromordinal(date.fromisoformat(first).toordinal() - 1).isoformat()
    page.get_by_label("Date", exact=True).evaluate("(el) => el.removeAttribute('min')")
    page.get_by_label("Date", exact=True).fill(before)
    page.get_by_role("button", name="Show the edition in force").click()
    assert page.locator(".editions-list__item--picked").count() == 0
    assert page.locator("[data-editions-result]").inner_text().startswith("No edition recorded on this site was in force on")


# --- a case review read after its period ----------------------------------------------------------

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize("now, shown", [
    (datetime(2027, 3, 12, 9, 0, tzinfo=LONDON), True),  # the day it was built
    (datetime(2027, 5, 31, 23, 30, tzinfo=LONDON), True),  # the last day of the 12 months, late evening
    (datetime(2027, 6, 1, 0, 30, tzinfo=LONDON), False),  # 12 months on (the reader's day): the national repository
    (datetime(2027, 9, 1, 12, 0, tzinfo=LONDON), False),
])
def test_a_case_review_is_decided_again_on_the_day_it_is_read(fixture_site, london, now, shown):
    page = london
    page.clock.set_fixed_time(now)
    page.goto(fixture_site + "case-reviews/")
    item = page.locator("#review-child-a")
    assert item.get_attribute("data-expires") == "2027-06-01"
    report = item.get_by_role("link", name="Read the report")
    repository = item.get_by_role("link", name="NSPCC national case review repository")
    assert report.is_visible() is shown
    assert repository.is_visible() is not shown
    if not shown:
        assert "publication period has ended" in item.inner_text()


def test_without_javascript_the_build_s_decision_stands(fixture_site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(fixture_site + "case-reviews/")
        item = page.locator("#review-child-a")
        assert item.get_by_role("link", name="Read the report").is_visible()  # built on 12 March 2027: in period
        assert not item.get_by_role("link", name="NSPCC national case review repository").is_visible()
    finally:
        context.close()
