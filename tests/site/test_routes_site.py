"""The built site (issue 15): every published chapter opens with its at-a-glance box,
above the scope and inside the searchable article; every route in it ends at a tel:
number or a visible explanation; no page calls a route with a number "to be
confirmed"; and every timescale shown says exactly what data/timescales.yml says."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest
from markupsafe import escape

from procedures.core.builder import BuildFailed, build_site
from procedures.manual.chapters import published
from procedures.core.site import load_site
from tests.conftest import REPO
from tests.helpers import edit, line_of

pytestmark = pytest.mark.slow

TBC = re.compile(r"to\s+be\s+confirmed", re.I)


@pytest.fixture(scope="module")
def site():
    return load_site(REPO)


def visible(fragment: str) -> str:
    """The text a reader sees (the glossary may wrap an acronym in <abbr>)."""
    return htmllib.unescape(re.sub(r"<[^>]+>", "", fragment))


def chapter_html(built_site: Path, ch) -> str:
    return (built_site / ch.url / "index.html").read_text(encoding="utf-8")


def glance_of(html: str) -> str:
    start = html.index('<aside class="at-a-glance"')
    return html[start:html.index("</aside>", start)]


def contact_blocks(html: str) -> dict[str, str]:
    """data-contact key -> the HTML of that contact's block (up to its closing </div>)."""
    out = {}
    for m in re.finditer(r'<div class="contact[^"]*" data-contact="([^"]+)">', html):
        out.setdefault(m.group(1), [])
        out[m.group(1)].append(html[m.start():html.index("</div>", m.end())])
    return out


def test_every_published_chapter_opens_with_its_at_a_glance_box(built_site, site):
    chapters = published(site)
    assert len(chapters) >= 35
    for ch in chapters:
        page = chapter_html(built_site, ch)
        article = page[page.index('<article class="chapter" data-pagefind-body>'):page.index("</article>")]
        # inside the searchable article, under the title and above the scope
        assert article.index("chapter-title") < article.index('class="at-a-glance"') < article.index('class="scope"'), ch.id
        box = glance_of(article)
        assert 'aria-labelledby="at-a-glance-heading"' in box and '<h2 id="at-a-glance-heading"' in box, ch.id
        # searched: the box and its steps and timescales; only the contact list (the same on
        # most chapters) is left out of the index
        assert box.count("data-search-ignore") == box.count('class="at-a-glance__call"') + box.count('class="at-a-glance__sources"'), ch.id
        assert "data-pagefind-ignore" not in box, ch.id
        g = ch.meta.at_a_glance
        steps = re.findall(r"<li>(.*?)</li>", box[box.index('<ol class="at-a-glance__do">'):box.index("</ol>")], re.S)
        assert [visible(s) for s in steps] == list(g.do_now), ch.id


def test_every_route_in_a_box_shows_a_tel_number_or_what_to_do_instead(built_site, site):
    contacts = {c.key: c for c in site.data["contacts"].contacts}
    seen = 0
    for ch in published(site):
        box = glance_of(chapter_html(built_site, ch))
        blocks = contact_blocks(box)
        assert list(blocks) == list(ch.meta.at_a_glance.call), ch.id
        for key, (block, *_) in blocks.items():
            c = contacts[key]
            seen += 1
            if c.phone:
                assert f'href="tel:{c.phone.replace(" ", "")}"' in block, (ch.id, key)
            elif c.email or c.web:
                assert "mailto:" in block or 'href="http' in block, (ch.id, key)
            if not c.phone:
                assert c.unconfirmed is None or str(escape(c.unconfirmed)) in block, (ch.id, key)
            assert not TBC.search(block), (ch.id, key)
    assert seen > 0


def test_no_page_calls_a_route_with_a_number_to_be_confirmed(built_site, site):
    numbered = [c for c in site.data["contacts"].contacts if c.phone]
    offenders = []
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for key, blocks in contact_blocks(text).items():
            if any(TBC.search(b) for b in blocks) and key in {c.key for c in numbered}:
                offenders.append(f"{page.relative_to(built_site)}: {key}")
        # near a number of a route that has one, no "to be confirmed"
        for c in numbered:
            for m in re.finditer(re.escape(c.phone), text):
                if TBC.search(re.sub(r"<[^>]+>", " ", text[m.end():m.end() + 300])):
                    offenders.append(f"{page.relative_to(built_site)}: near {c.phone}")
    assert offenders == []


def test_every_timescale_shown_equals_the_data(built_site, site):
    timescales = {t.key: t for t in site.data["timescales"].timescales}
    shown = 0
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for m in re.finditer(r'<span class="timescale" data-timescale="([^"]+)">(.*?)</span>', text, re.S):
            assert m.group(1) in timescales, (page, m.group(1))
            assert visible(m.group(2)) == timescales[m.group(1)].phrase, (page, m.group(1))
            shown += 1
        for m in re.finditer(r'<li data-timescale-what="([^"]+)"><strong>(.*?)</strong>', text, re.S):
            assert visible(m.group(2)) == timescales[m.group(1)].what, (page, m.group(1))
    assert shown >= 20  # the boxes and the chapters' own sentences


def test_the_statutory_slips_are_gone(built_site, site):
    for ch in published(site):
        text = re.sub(r"<[^>]+>", " ", chapter_html(built_site, ch))
        assert "last strategy discussion" not in text, ch.id
        assert "three working days" not in text, ch.id
    conf = (built_site / "manual/child-protection-conferences/index.html").read_text(encoding="utf-8")
    assert 'data-timescale="core-group-first"' in conf.split('class="at-a-glance"', 1)[1].split("</aside>", 1)[1]
    review = (built_site / "manual/serious-incidents-rapid-reviews-and-practice-reviews/index.html").read_text(encoding="utf-8")
    assert 'Secretary of State (the Department for Education) <span class="timescale" data-timescale="lcspr-publication-notice">' in review
    fostering = (built_site / "manual/private-fostering/index.html").read_text(encoding="utf-8")
    text = fostering.split('class="at-a-glance"', 1)[1].split("</aside>", 1)[1]  # after the box
    assert 'data-timescale="private-fostering-notice"' in text


def test_the_contact_macro_renders_a_block_in_the_page_text(built_site, site):
    page = (built_site / "manual/local-contacts/index.html").read_text(encoding="utf-8")
    body = page.split("</aside>", 2)[-1]  # after the at-a-glance box and the scope
    blocks = contact_blocks(body)
    assert "emergency" in blocks
    assert '<a class="contact__phone" href="tel:999">999</a>' in blocks["emergency"][0]
    assert '<p class="contact__source">National service, checked' in blocks["emergency"][0]
    assert "<p><div" not in page  # a block of its own, not inside a paragraph


def test_the_box_is_printed(built_site):
    css = (REPO / "overrides/assets/stylesheets/procedures.css").read_text(encoding="utf-8")
    printing = css[css.index("@media print"):]
    hidden = printing[:printing.index("display: none")]
    assert "at-a-glance" not in hidden and ".contact" not in hidden
    assert ".at-a-glance" in printing  # kept together on paper


def test_an_unknown_contact_stops_the_build_with_file_and_line(project_copy, tmp_path):
    rel = "docs/manual/local-contacts.md"
    edit(project_copy, rel, '{{ contact("emergency") }}', '{{ contact("emergancy") }}')
    line = line_of(project_copy, rel, 'contact("emergancy")')
    with pytest.raises(BuildFailed) as info:
        build_site(project_copy, tmp_path / "site", progress=lambda m: None, after_build=False)
    assert (f"{rel}:{line}: unknown contact 'emergancy' — use one of the keys in data/contacts.yml (did you mean 'emergency'?)"
            in str(info.value))
    assert "Traceback" not in str(info.value)
    assert not (tmp_path / "site").exists()
