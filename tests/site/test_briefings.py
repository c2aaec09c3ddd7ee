"""7-Minute Briefings in the built site: briefing pages, index, theme pages, feed, PDFs."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from procedures.briefings import briefing as briefings
from procedures.core.site import load_site
from tests.conftest import REPO

pytestmark = pytest.mark.slow

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site():
    return load_site(REPO)


@pytest.fixture(scope="module")
def site_url() -> str:
    for line in (REPO / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            return yaml.safe_load(line.split(":", 1)[1])
    raise AssertionError("mkdocs.yml has no site_url")


class Outline(HTMLParser):
    """Collects elements by class, links, form controls and scripts of a page."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, dict]] = []
        self.panels: list[dict] = []  # {"number", "title"}
        self.links: list[str] = []
        self.controls: list[tuple[str, dict]] = []
        self.forms: list[dict] = []
        self.scripts: list[dict] = []
        self.text: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in {"input", "textarea", "select", "button"}:
            self.controls.append((tag, a))
        if tag == "form":
            self.forms.append(a)
        if tag == "script":
            self.scripts.append(a)
        if tag == "h2" and "briefing-panel__title" in cls:
            self.panels.append({"number": "", "title": ""})
            self._in = "title"
        elif tag == "span" and "briefing-panel__number" in cls:
            self._in = "number"
        elif tag == "a" and self._in == "title":
            self._in = "anchor"

    def handle_endtag(self, tag):
        if (tag, self._in) in {("span", "number"), ("a", "anchor")}:
            self._in = "title"
        elif tag == "h2" and self._in:
            self._in = None

    def handle_data(self, data):
        self.text.append(data)
        if self._in in {"title", "number"} and self.panels:
            self.panels[-1][self._in] += data


def outline(path: Path) -> Outline:
    parser = Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolve(page: Path, href: str, root: Path) -> Path:
    href = href.split("#", 1)[0]
    target = (page.parent / href).resolve() if not href.startswith("/") else (root / href.lstrip("/")).resolve()
    return target / "index.html" if href.endswith("/") or target.is_dir() else target


# --- each briefing page ----------------------------------------------------------------

def test_every_published_briefing_has_seven_numbered_panels_in_reading_order(built_site, site):
    for b in briefings.published(site):
        page = built_site / b.url / "index.html"
        o = outline(page)
        assert [p["number"] for p in o.panels] == [str(i) for i in range(1, 8)], b.file
        assert [p["title"].strip() for p in o.panels] == [s.title for s in b.sections], b.file
        html = page.read_text(encoding="utf-8")
        assert html.count('<li class="briefing-panel">') == 7
        assert '<ol class="briefing-panels" role="list">' in html


def test_briefing_page_shows_source_themes_related_chapters_and_its_pdf(built_site, site):
    tmap = briefings.theme_map(site)
    chapters = {c.id: c for c in site.chapters}
    for b in briefings.published(site):
        page = built_site / b.url / "index.html"
        o = outline(page)
        text = " ".join(" ".join(o.text).split())
        assert b.meta.source.reference in text
        for key in b.meta.themes:
            assert f'href="../themes/{key}/"' in page.read_text(encoding="utf-8")
            assert tmap[key].title in text
        for rid in b.meta.related:
            href = f"../../{chapters[rid].url}"
            assert href in o.links, (b.file, rid)
            assert resolve(page, href, built_site).exists()
        assert f"{b.slug}.pdf" in o.links
        assert (built_site / b.pdf_url).exists()
        assert re.search(r"\(PDF, \d+ KB, one A4 page\)", text), "the PDF link gives the file's size"


def test_a_draft_briefing_is_not_built_listed_or_in_the_feed(project_copy, tmp_path):
    """On a copy with a draft briefing (the real site has none today)."""
    from procedures.core.builder import mkdocs_build

    src = (project_copy / "docs/briefings/safer-sleep.md").read_text(encoding="utf-8")
    assert "\nstatus: published\n" in src
    draft = src.replace("\nstatus: published\n", "\nstatus: draft\n").replace(
        "title: Safer sleep and the LLR", "title: Draftfixture sleep and the LLR")
    (project_copy / "docs/briefings/draftfixture-briefing.md").write_text(draft, encoding="utf-8")
    site = load_site(project_copy)
    assert [str(p) for p in site.report.errors] == []
    drafts = [b for b in briefings.all_briefings(site) if b.status == "draft"]
    assert [b.src_uri for b in drafts] == ["briefings/draftfixture-briefing.md"]
    out = tmp_path / "site"
    mkdocs_build(project_copy / "mkdocs.yml", out)
    assert (out / "briefings/safer-sleep/index.html").is_file()  # the published original is built
    assert not (out / drafts[0].url).exists()
    for page in ("briefings/index.html", "briefings/themes/neglect/index.html", "feeds/briefings.xml"):
        assert "Draftfixture" not in (out / page).read_text(encoding="utf-8"), page


# --- index and theme pages ----------------------------------------------------------------

def test_index_lists_every_published_briefing_newest_first_with_its_themes(built_site, site):
    page = built_site / "briefings" / "index.html"
    html = page.read_text(encoding="utf-8")
    pub = briefings.published(site)
    positions = []
    for b in pub:
        m = re.search(rf'<h3[^>]*><a href="{re.escape(b.slug)}/">', html)
        assert m, f"{b.title} is not on the index"
        positions.append(m.start())
        card = html[m.start(): html.index("</article>", m.start())]
        for key in b.meta.themes:
            assert f'href="themes/{key}/"' in card
        assert "Key learning themes:" in card
        assert f'href="{b.slug}/{b.slug}.pdf"' in card
        assert b.meta.published.strftime("%B %Y") in card
    assert positions == sorted(positions)  # the order of briefings.published: newest first
    assert [b.meta.published for b in pub] == sorted((b.meta.published for b in pub), reverse=True)
    # by theme: every theme, with its count, linking to its page
    for t in briefings.themes(site):
        count = sum(1 for b in pub if t.key in b.meta.themes)
        label = "1 briefing" if count == 1 else f"{count} briefings"
        assert re.search(rf'<a href="themes/{t.key}/">{re.escape(t.title)}</a> — {label}', html.replace("&#39;", "'")), t.key
    # the feed and the action plan are linked
    assert 'href="../feeds/briefings.xml"' in html
    assert 'href="action-plan/"' in html


def test_each_theme_page_lists_exactly_its_briefings(built_site, site):
    pub = briefings.published(site)
    for t in briefings.themes(site):
        page = built_site / "briefings" / "themes" / t.key / "index.html"
        assert page.exists(), t.key
        html = page.read_text(encoding="utf-8")
        listed = set(re.findall(r'<h3[^>]*><a href="\.\./\.\./([a-z0-9-]+)/">', html))
        assert listed == {b.slug for b in pub if t.key in b.meta.themes}, t.key
        assert "<h1" in html and t.title.replace("'", "&#39;") in html
        for slug in listed:
            assert (built_site / "briefings" / slug / f"{slug}.pdf").exists()
            assert f'href="../../{slug}/{slug}.pdf"' in html


def test_at_least_eight_briefings_are_published_with_a_pdf_each(built_site, site):
    pdfs = sorted(built_site.glob("briefings/*/*.pdf"))
    names = {p.name for p in pdfs}
    pub = briefings.published(site)
    assert len(pub) >= 8
    assert {f"{b.slug}.pdf" for b in pub} <= names
    assert (built_site / "briefings" / "action-plan" / "team-action-plan.pdf").exists()


# --- feed ----------------------------------------------------------------------------------

def test_atom_feed_lists_published_briefings_with_absolute_links(built_site, site, site_url):
    feed = built_site / "feeds" / "briefings.xml"
    root = ET.parse(feed).getroot()
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == site_url + "feeds/briefings.xml"
    entries = root.findall(f"{ATOM}entry")
    pub = briefings.published(site)
    assert [e.find(f"{ATOM}title").text for e in entries] == [b.title for b in pub]
    for e, b in zip(entries, pub, strict=True):
        assert e.find(f"{ATOM}id").text == site_url + b.url
        alt = e.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert alt == site_url + b.url and (built_site / b.url / "index.html").exists()
        assert e.find(f"{ATOM}link[@rel='enclosure']").get("href") == site_url + b.pdf_url
        assert e.find(f"{ATOM}summary").text == b.meta.summary + (
            f" Published in {b.meta.newsletter} of Safeguarding Matters." if b.meta.newsletter else "")
        assert [c.get("term") for c in e.findall(f"{ATOM}category")] == b.meta.themes
        assert e.find(f"{ATOM}published").text == f"{b.meta.published.isoformat()}T00:00:00Z"


# --- the team action plan ----------------------------------------------------------------------

def test_action_plan_is_a_form_that_sends_nothing(built_site, site):
    page = built_site / "briefings" / "action-plan" / "index.html"
    o = outline(page)
    plan = [f for f in o.forms if "action-plan" in (f.get("class") or "")]
    assert len(plan) == 1 and "action" not in plan[0] and "method" not in plan[0]
    assert "data-no-submit" in plan[0]
    html = page.read_text(encoding="utf-8")
    start = html.index('<form class="action-plan"')
    form = html[start: html.index("</form>", start)]
    assert " name=" not in form, "named fields would be sent by a submission"
    assert 'type="submit"' not in form and "<button>" not in form
    assert re.findall(r'<button type="(\w+)"', form) == ["button", "reset"]
    # every control has a label
    ids = re.findall(r'<(?:input|textarea)[^>]*\bid="([^"]+)"', form)
    assert len(ids) >= 20
    for control_id in ids:
        assert f'<label for="{control_id}"' in form, control_id
    # the briefings are offered as suggestions
    for b in briefings.published(site):
        assert f'<option value="{b.title.replace(chr(39), "&#39;")}">' in form
    assert 'href="team-action-plan.pdf"' in form
