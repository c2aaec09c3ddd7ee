"""The thresholds pages in the real, strictly built site (``built_site``).

Every indicator must appear on its own level page (and on no other), in the matrix in
its level's column, and in the finder's server-rendered list; the JSON the finder
fetches must exist where the page says and agree with the list.
"""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from procedures.core.site import load_site
from procedures.thresholds.view import indicator_id, level_label, thresholds

REPO = Path(__file__).resolve().parents[2]
AGES = re.compile(r"\s*\*?\(ages: [^)]*\)\*?$")


@pytest.fixture(scope="module")
def th():
    return thresholds(load_site(REPO))


class Items(HTMLParser):
    """Collect the text of every <li> inside the page's article, with the data-level of
    the nearest enclosing <td> (matrix) or the <li> itself (finder), and its id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.stack: list[dict] = []
        self.td_level: str | None = None
        self.items: list[dict] = []
        self.notes = 0
        self.form_hidden = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.in_article += 1
        if not self.in_article:
            return
        if "data-thresholds-names-note" in a:
            self.notes += 1
        if tag == "form" and "thresholds-finder__form" in (a.get("class") or ""):
            self.form_hidden = "hidden" in a
        if tag == "td":
            self.td_level = a.get("data-level")
        if tag == "li":
            self.stack.append({"text": "", "id": a.get("id"), "level": a.get("data-level") or self.td_level,
                               "cls": a.get("class") or ""})

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        if tag == "td":
            self.td_level = None
        if tag == "li" and self.stack:
            item = self.stack.pop()
            item["text"] = " ".join(item["text"].split())
            self.items.append(item)

    def handle_data(self, data):
        for item in self.stack:
            item["text"] += data


def parse(path: Path) -> Items:
    p = Items()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def page(built_site: Path, url: str) -> Path:
    return built_site / url / "index.html"


def texts(items: Items) -> list[str]:
    return [AGES.sub("", i["text"]) for i in items.items]


def test_every_indicator_is_on_its_level_page_and_no_other(built_site, th):
    by_level = {lv.key: texts(parse(page(built_site, f"thresholds/levels/{lv.key}"))) for lv in th.levels}
    for ind in th.indicators:
        for key, found in by_level.items():
            assert (ind.text in found) == (ind.level == key), f"{ind.text!r} on the {key} page"
    for lv in th.levels:
        assert sum(1 for i in th.indicators if i.level == lv.key) == len(
            [t for t in by_level[lv.key] if t in {i.text for i in th.indicators}])


def test_every_indicator_is_in_the_matrix_in_its_level_column(built_site, th):
    items = parse(page(built_site, "thresholds/matrix")).items
    cells = {(AGES.sub("", i["text"]), i["level"]) for i in items if i["level"]}
    for ind in th.indicators:
        assert (ind.text, ind.level) in cells, ind.text
    assert len([i for i in items if i["level"]]) == len(th.indicators)


def test_finder_lists_every_indicator_without_javascript(built_site, th):
    parsed = parse(page(built_site, "thresholds/finder"))
    found = {i["id"]: i for i in parsed.items if "thresholds-finder__item" in i["cls"]}
    assert len(found) == len(th.indicators)
    for ind in th.indicators:
        item = found[indicator_id(ind.text)]
        assert item["level"] == ind.level
        assert item["text"].startswith(ind.text)
        assert level_label(th.level_by_key[ind.level]) in item["text"]
    # the filters need the script: they are in the HTML from the start (so nothing moves
    # when the script has loaded) and the page's "no-js" class hides them without it
    assert parsed.form_hidden is False
    html = page(built_site, "thresholds/finder").read_text(encoding="utf-8")
    assert re.search(r'<html\b[^>]*class="no-js"', html)
    css = "".join(p.read_text(encoding="utf-8") for p in (built_site / "assets" / "stylesheets").glob("site.*.css"))
    assert re.search(r"\.no-js \.thresholds-finder__form\s*\{\s*display:\s*none", css)


def test_finder_json_is_where_the_page_says_and_matches_the_list(built_site, th):
    html = page(built_site, "thresholds/finder").read_text(encoding="utf-8")
    src = re.search(r'data-thresholds-finder data-src="([^"]+)"', html).group(1)
    target = built_site / posixpath.normpath(posixpath.join("thresholds/finder/", src))
    assert target == built_site / "thresholds" / "indicators.json"
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [i["id"] for i in data["indicators"]] == [indicator_id(i.text) for i in th.indicators]
    ids_in_page = set(re.findall(r'<li id="(ind-[0-9a-f]+)"', html))
    assert ids_in_page == {i["id"] for i in data["indicators"]}
    # the finder script is loaded on the finder page only, from this site
    assert re.search(r'<script src="[./]*assets/javascripts/thresholds-finder\.js" defer>', html)
    assert "thresholds-finder.js" not in page(built_site, "thresholds/matrix").read_text(encoding="utf-8")


@pytest.mark.parametrize("url", [
    "thresholds", "thresholds/levels/universal", "thresholds/levels/early-help", "thresholds/levels/targeted",
    "thresholds/levels/specialist", "thresholds/matrix", "thresholds/finder", "thresholds/quick-sheet",
])
def test_every_page_showing_level_names_has_the_note_or_a_link_to_it(built_site, url):
    path = page(built_site, url)
    html = path.read_text(encoding="utf-8")
    assert "Level 2: Early help" in html
    assert parse(path).notes == 1
    if url == "thresholds":
        # said in full once, on the overview
        assert "are awaiting confirmation by the partnership" in " ".join(html.split())
    elif url == "thresholds/quick-sheet":
        # and in one sentence on the quick sheet, which is printed alone on one A4 page
        assert "the partnership has not yet confirmed its own" in " ".join(html.split())
    else:
        assert "are awaiting confirmation" not in html
        link = re.search(r'href="([^"]*)#about-the-level-names"', html)
        assert link, url
        target = (path.parent / link.group(1) / "index.html").resolve()
        assert target == page(built_site, "thresholds").resolve(), url
        assert 'id="about-the-level-names"' in target.read_text(encoding="utf-8")
    assert "{{" not in html


def test_pages_outside_the_thresholds_section_do_not_show_level_names(built_site):
    # the level names are only in the nav of the thresholds section (pruned elsewhere)
    for url in ("", "manual", "glossary"):
        html = (built_site / url / "index.html").read_text(encoding="utf-8")
        assert "Level 2: Early help" not in html, url


def test_overview_says_call_999_and_covers_the_required_topics(built_site):
    html = page(built_site, "thresholds").read_text(encoding="utf-8")
    assert "If a child is in immediate danger, call 999" in html
    for anchor in ("the-continuum-of-need", "step-up-and-step-down", "consent"):
        assert f'id="{anchor}"' in html
    for target in ("levels/universal/", "levels/specialist/", "matrix/", "finder/", "quick-sheet/"):
        assert f'href="{target}' in html, target


def test_level_page_shows_response_and_contacts_with_their_sources(built_site, th):
    html = page(built_site, "thresholds/levels/specialist").read_text(encoding="utf-8")
    lv = th.level_by_key["specialist"]
    for heading in ("the-childs-situation", "the-response", "who-to-contact", "indicators-at-this-level"):
        assert f'id="{heading}"' in html, heading
    assert "Child in need assessment under section 17" in html
    assert "Child protection enquiries under section 47" in html
    assert 'href="tel:01163050005"' in html  # Leicestershire First Response, from data/contacts.yml
    assert "to be confirmed" not in html.lower()  # a route with a number is never "to be confirmed"
    assert "checked " in html and 'class="thresholds-routes__source"' in html  # each route says where it came from
    for route in lv.routes:
        assert route.when.replace("'", "&#39;") in html


def test_quick_sheet_has_every_level_and_the_print_styles(built_site, th):
    html = page(built_site, "thresholds/quick-sheet").read_text(encoding="utf-8")
    for lv in th.levels:
        assert level_label(lv) in html
        for sign in lv.signs:
            assert sign.replace("'", "&#39;") in html
    assert "thresholds-print.css" in html and 'class="print-footer"' in html
    css = (built_site / "assets/stylesheets/thresholds-print.css").read_text(encoding="utf-8")
    assert "size: A4" in css


def test_nav_lists_the_thresholds_pages(built_site):
    # the sidebar navigation comes before the page's article
    html = page(built_site, "thresholds/levels/targeted").read_text(encoding="utf-8")
    nav = html.split('class="md-nav md-nav--primary"', 1)[1].split("<article", 1)[0]
    for label in ("Levels of need", "Level 1: Universal", "Level 4: Specialist / statutory",
                  "Matrix of levels and domains", "Indicator finder", "Quick sheet (A4)"):
        assert label in nav, label


def test_the_manual_chapter_links_to_the_thresholds_pages(built_site):
    html = page(built_site, "manual/thresholds-for-access-to-services").read_text(encoding="utf-8")
    for target in ("../../thresholds/", "../../thresholds/finder/", "../../thresholds/quick-sheet/"):
        assert f'href="{target}"' in html, target
