"""Issue 17: a title written as markup is text on every page, never an element.

A copy of the project gets a chapter and a 7-Minute Briefing whose titles are
``<script>alert(1)</script><img src=x onerror=alert(2)>``. The copy is built strictly and
every page is parsed: no element or attribute from the titles may exist anywhere (nav,
Material's header, <title>, meta description, footer, search metadata), and the title
text itself must still be readable where it belongs."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from procedures.core.builder import build_site
from tests.conftest import copy_project
from tests.helpers import edit

pytestmark = pytest.mark.slow

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"
CHAPTER = "docs/manual/domestic-abuse.md"
BRIEFING = "docs/briefings/bruising-in-pre-mobile-babies.md"


class Elements(HTMLParser):
    """Every element and attribute the browser would create, and the text of <title>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.title = ""
        self._in = None

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in = tag if tag in ("script", "title") else None

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "title":
            self.title += data


def parse(path: Path) -> Elements:
    p = Elements()
    p.feed(path.read_text(encoding="utf-8"))
    p.close()
    return p


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    quoted = '"' + HOSTILE.replace('"', '\\"') + '"'
    edit(root, CHAPTER, "title: Domestic Abuse\n", f"title: {quoted}\n")
    edit(root, BRIEFING, "title: Bruising in babies who are not yet mobile\n", f"title: {quoted}\n")
    # the summaries become the pages' meta descriptions
    edit(root, CHAPTER, "summary: How to recognise", f"summary: {quoted[:-1]} How to recognise")
    edit(root, CHAPTER, "under the Domestic Abuse Act 2021.\n", 'under the Domestic Abuse Act 2021."\n')
    edit(root, BRIEFING, "summary: Why every bruise", f"summary: {quoted[:-1]} Why every bruise")
    edit(root, BRIEFING, "asks of each practitioner.\n", 'asks of each practitioner."\n')
    return build_site(root, root / "site", progress=lambda msg: None, after_build=False)


def test_no_page_gains_an_element_from_a_title(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 50
    offenders = []
    for path in pages:
        p = parse(path)
        rel = path.relative_to(hostile_site).as_posix()
        for tag, attrs in p.elements:
            if any(name.startswith("on") for name in attrs) or (tag == "img" and attrs.get("src") == "x"):
                offenders.append(f"{rel}: <{tag} {attrs}>")
        offenders += [f"{rel}: script {s[:40]!r}" for s in p.scripts if "alert(" in s]
    assert offenders == []


def test_the_title_is_still_shown_as_text(hostile_site):
    chapter = (hostile_site / "manual/domestic-abuse/index.html").read_text(encoding="utf-8")
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
    assert escaped in chapter
    assert HOSTILE in parse(hostile_site / "manual/domestic-abuse/index.html").title
    assert HOSTILE in parse(hostile_site / "briefings/bruising-in-pre-mobile-babies/index.html").title
    home = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert escaped in home  # in the navigation of other pages too
    # never escaped twice: the reader sees '<script>', not '&lt;script&gt;'
    assert "&amp;lt;script" not in chapter and "&amp;lt;script" not in home


def test_feeds_carry_the_title_as_text(hostile_site):
    """The briefings feed is XML: the title must parse back to the same text, with no markup."""
    import xml.etree.ElementTree as ET

    feed = ET.parse(hostile_site / "feeds" / "briefings.xml").getroot()
    texts = [el.text or "" for el in feed.iter() if el.tag.rsplit("}", 1)[-1] == "title"]
    assert any(HOSTILE in t for t in texts), texts[:5]
    assert not [el for el in feed.iter() if el.tag.rsplit("}", 1)[-1] in ("script", "img")]
