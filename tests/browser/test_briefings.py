"""7-Minute Briefings in Chromium: one A4 page when printed, tagged PDFs, the panel grid
at desktop and phone widths, and an action plan that sends nothing."""

from __future__ import annotations

import io

import pytest

from procedures.briefings import briefing as briefings
from procedures.core.site import load_site
from tests.conftest import REPO

pytestmark = pytest.mark.browser

# site_server comes before page/browser in every signature: the session's build (which
# prints PDFs with Playwright) must run before this session's own browser starts.

pypdf = pytest.importorskip("pypdf")


@pytest.fixture(scope="module")
def published():
    return briefings.published(load_site(REPO))


def pages_of(pdf_bytes: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages)


def test_every_briefing_prints_on_one_a4_page(site_server, page, published):
    """As a reader printing from the browser: print media, A4, the page's own margins."""
    assert len(published) >= 8
    for b in published:
        page.goto(site_server + b.url)
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
        assert pages_of(pdf) == 1, f"{b.file} prints on {pages_of(pdf)} pages"
        # and the printed page carries the essentials, not the site's furniture
        assert page.locator(".briefing-panel").count() == 7
        assert not page.locator(".md-header").is_visible()
        assert not page.locator(".briefing-actions").is_visible()
        assert page.locator(".briefing .print-footer").is_visible()


def test_a_longer_briefing_would_need_a_second_page(site_server, page, published):
    """The one-page check can fail: doubling a briefing's text overflows A4."""
    b = published[0]
    page.goto(site_server + b.url)
    page.evaluate("""() => document.querySelectorAll('.briefing-panel__body').forEach(
        (el) => { el.innerHTML = el.innerHTML + el.innerHTML; })""")
    page.emulate_media(media="print")
    assert pages_of(page.pdf(format="A4", prefer_css_page_size=True)) >= 2


def test_built_pdfs_are_one_tagged_a4_page_with_title_and_outline(built_site, published):
    for b in published:
        reader = pypdf.PdfReader(str(built_site / b.pdf_url))
        assert len(reader.pages) == 1, b.file
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root, f"{b.pdf_url} is not tagged"
        assert root["/MarkInfo"]["/Marked"] == pypdf.generic.BooleanObject(True)
        assert reader.metadata.title == f"{b.title} — 7-Minute Briefing"
        box = reader.pages[0].mediabox
        assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
        text = reader.pages[0].extract_text()
        for s in b.sections:
            assert s.title in " ".join(text.split()), (b.file, s.title)


def test_panels_sit_side_by_side_on_a_desktop_and_stack_on_a_phone(site_server, browser, published):
    b = published[0]
    for width, columns in ((1280, 2), (375, 1)):
        context = browser.new_context(viewport={"width": width, "height": 900})
        pg = context.new_page()
        pg.goto(site_server + b.url)
        boxes = [pg.locator(".briefing-panel").nth(i).bounding_box() for i in range(7)]
        lefts = sorted({round(box["x"]) for box in boxes})
        assert len(lefts) == columns, (width, lefts)
        # reading order on screen follows the text: top to bottom, left to right
        order = sorted(range(7), key=lambda i: (round(boxes[i]["y"]), round(boxes[i]["x"])))
        assert order == list(range(7))
        assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"sideways scroll at {width}px"
        context.close()


def test_screen_readers_meet_the_sections_as_a_numbered_list_in_order(site_server, page, published):
    """The accessibility tree: one list of seven items, each starting with its numbered heading."""
    import re

    for b in published[:3]:
        page.goto(site_server + b.url)
        tree = page.locator("ol.briefing-panels").aria_snapshot().splitlines()
        assert tree[0] == "- list:"
        items = [i for i, line in enumerate(tree) if line == "  - listitem:"]
        assert len(items) == 7, b.file
        headings = [re.match(r'\s*- heading "(.*?)(?: ¶| Copy link to this section)?" \[level=2\]', tree[i + 1]) for i in items]
        assert [h.group(1) if h else None for h in headings] == [f"{n} {s.title}" for n, s in enumerate(b.sections, 1)]


def test_print_button_appears_with_javascript(site_server, page, published):
    page.goto(site_server + published[0].url)
    assert page.get_by_role("button", name="Print this briefing").is_visible()


def test_action_plan_keeps_what_you_type_in_the_page(site_server, page):
    requests: list[str] = []
    page.goto(site_server + "briefings/action-plan/")
    page.wait_for_load_state("networkidle")  # the browser's own late fetches (favicon) are not the form's
    url = page.url
    page.on("request", lambda r: requests.append(r.url) if not r.url.endswith("/favicon.svg") else None)
    # window listeners run last: they see whether a submission was stopped
    page.evaluate("""() => { window.__submits = [];
        window.addEventListener('submit', (e) => window.__submits.push(e.defaultPrevented)); }""")
    page.get_by_label("Team", exact=True).fill("Example team")
    page.get_by_label("What did we learn, or were reminded of?").fill("A note")
    page.get_by_label("Team", exact=True).press("Enter")
    assert page.evaluate("window.__submits") == []  # Enter does not submit a form with many fields
    page.evaluate("document.querySelector('form.action-plan').requestSubmit()")
    assert page.evaluate("window.__submits") == [True]  # a forced submission is stopped
    assert page.url == url
    assert requests == [], f"the form made requests: {requests}"
    assert page.get_by_label("Team", exact=True).input_value() == "Example team"
    # it prints, and clearing works
    assert page.get_by_role("button", name="Print this plan").is_visible()
    page.get_by_role("button", name="Clear the form").click()
    assert page.get_by_label("Team", exact=True).input_value() == ""


def test_action_plan_works_without_javascript(site_server, browser):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(site_server + "briefings/action-plan/")
    url = pg.url
    pg.get_by_label("Team", exact=True).fill("Example team")
    pg.get_by_label("Team", exact=True).press("Enter")  # many fields and no submit button: nothing is sent
    assert pg.url == url
    assert pg.get_by_label("Team", exact=True).input_value() == "Example team"
    context.close()


def test_the_build_step_rejects_a_briefing_that_needs_two_pages(built_site, tmp_path, published):
    """The AFTER_BUILD step itself, on a copy of the built site where one briefing has
    grown: the build stops with one line naming the briefing's file."""
    import shutil

    from procedures.core.builder import BuildFailed
    from procedures.pdf import render_all

    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    b = published[0]
    page = copy / b.url / "index.html"
    html = page.read_text(encoding="utf-8")
    start = html.index('<ol class="briefing-panels"')
    panels = html[start:html.index("</article>", start)]
    grown = panels.replace("</p>", " Repeated for length. " * 25 + "</p>")
    page.write_text(html.replace(panels, grown), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        render_all(load_site(REPO), copy)
    lines = str(failed.value).splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{b.file}: the briefing prints on ")
    assert lines[0].endswith(" A4 pages — a 7-Minute Briefing must fit on one: shorten the longest sections (aim for about 400 words)")


def test_pdf_links_carry_the_file_size(built_site, published):
    b = published[0]
    size = (built_site / b.pdf_url).stat().st_size
    html = (built_site / "briefings" / "index.html").read_text(encoding="utf-8")
    assert f"(PDF, {round(size / 1024)} KB, one A4 page)" in html
