"""7-Minute Briefings: the model, the seven-section rule, cross checks, index, feed, panels."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from procedures.briefings import briefing as briefings
from procedures.briefings.page import split_panels
from procedures.core.errors import Report
from procedures.core.plugin import ProceduresPlugin
from procedures.core.site import load_site
from tests.conftest import REPO  # noqa: I001
from tests.helpers import edit, errors, line_of

B = "docs/briefings/fixture-briefing.md"
ATOM = "{http://www.w3.org/2005/Atom}"

SEVEN = """
## Background

Some background.

## Why it matters

Why.

## What we found

Findings.

## Key learning

- one
- two

## What good practice looks like

Practice.

## Reflective questions

1. A question?

## Further reading and resources

- [Neglect](../manual/neglect.md)
"""

FRONT = """---
title: A fixture briefing
summary: A briefing that only the tests own, to be broken on purpose.
published: 2025-06-01
themes: [neglect, safeguarding-babies]
source:
  kind: audit
  title: A fixture audit
  reference: Nowhere in particular
  period: 2024-25
related: ["2.14", "1.10"]
status: published
---
"""


@pytest.fixture
def project_copy(project_copy):
    """The project with one extra briefing that only the tests own."""
    (project_copy / B).write_text(FRONT + SEVEN, encoding="utf-8")
    return project_copy


def mine(project) -> list[str]:
    return [e for e in errors(project) if e.startswith(B)]


# --- the real content -----------------------------------------------------------------

def test_real_briefings_are_valid_and_at_least_eight_are_published():
    site = load_site(REPO)
    problems = [str(p) for p in site.report.errors if p.file.startswith(("docs/briefings/", "data/briefing-themes"))]
    assert problems == []
    pub = briefings.published(site)
    assert len(pub) >= 8
    chapters = {c.id: c for c in site.chapters}
    theme_keys = {t.key for t in briefings.themes(site)}
    for b in pub:
        assert [len(b.sections)] == [7], b.file
        assert b.meta.related, f"{b.file} links no chapter"
        assert all(chapters[r].status == "published" for r in b.meta.related), b.file
        assert set(b.meta.themes) <= theme_keys
        assert b.meta.source.reference


def test_real_briefings_cite_their_source_and_do_not_use_html():
    for path in sorted((REPO / "docs" / "briefings").glob("*.md")):
        if path.name == "index.md":
            continue
        text = path.read_text(encoding="utf-8")
        assert "<" not in text.split("---", 2)[2], f"{path.name}: no HTML in content"
        assert "../manual/" in text, f"{path.name}: links no chapter in its text"


# --- the seven sections ---------------------------------------------------------------

def test_six_sections_are_rejected_naming_file_line_and_count(project_copy):
    edit(project_copy, B, "## Key learning\n\n- one\n- two\n\n", "")
    line = line_of(project_copy, B, "## Further reading")
    assert mine(project_copy) == [
        f"{B}:{line}: a 7-Minute Briefing has exactly seven sections ('## ' headings); this one has 6 — add the "
        "missing one(s); the usual seven are: Background; Why it matters; What we found; Key learning; "
        "What good practice looks like; Reflective questions; Further reading and resources"
    ]


def test_eight_sections_are_rejected_at_the_eighth(project_copy):
    (project_copy / B).write_text(FRONT + SEVEN + "\n## Contacts\n\nAn eighth section.\n", encoding="utf-8")
    line = line_of(project_copy, B, "## Contacts")
    assert mine(project_copy) == [
        f"{B}:{line}: a 7-Minute Briefing has exactly seven sections ('## ' headings); this one has 8 and "
        "section 8 starts here — merge or remove sections until there are seven"
    ]


def test_a_heading_inside_a_code_fence_is_not_a_section(project_copy):
    edit(project_copy, B, "Findings.\n", "Findings.\n\n```\n## not a heading\n```\n")
    assert mine(project_copy) == []


def test_sub_headings_are_allowed_inside_a_section(project_copy):
    edit(project_copy, B, "Findings.\n", "Findings.\n\n### In more detail\n\nMore.\n")
    assert mine(project_copy) == []


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("## Why it matters", "## 3. Why it matters", "## 3. Why",
         "section 2 is numbered '3' — number the sections 1 to 7 in order, or leave the numbers out (the layout numbers them)"),
        ("## Background\n", "# A title\n\n## Background\n", "# A title",
         "do not write a '# ' title in a briefing — the title comes from 'title:' in the front matter; use '## ' for the seven sections"),
        ("## Background\n", "Some text.\n\n## Background\n", "Some text.",
         "text before the first '## ' section would not appear in any panel — move it into section 1"),
        ("## Why it matters\n\nWhy.\n", "## Why it matters\n", "## Why it matters",
         "section 'Why it matters' has no text — write it, or merge it with another section"),
        ("Findings.\n", "Findings.\n\n!!! note\n    ## Hidden\n", "    ## Hidden",
         "an indented '#' or '##' heading would add a panel inside a panel — use '### ' for sub-headings inside a section"),
    ],
)
def test_section_mistakes(project_copy, old, new, needle, message):
    edit(project_copy, B, old, new)
    assert mine(project_copy) == [f"{B}:{line_of(project_copy, B, needle)}: {message}"]


def test_numbered_headings_in_order_are_accepted_and_the_number_is_dropped():
    report = Report()
    body = SEVEN.replace("## Background", "## 1. Background").replace("## Why it matters", "## 2) Why it matters")
    sections = briefings.parse_sections(body, 10, "x.md", report)
    assert report.problems == []
    assert [s.title for s in sections][:3] == ["Background", "Why it matters", "What we found"]
    assert sections[0].line == 10 + body.splitlines().index("## 1. Background")


# --- front matter and cross checks ----------------------------------------------------

@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("themes: [neglect, safeguarding-babies]", "themes: [neglect, babies]", "themes:",
         "theme 'babies' is not in data/briefing-themes.yml — use one of: adolescents, fathers-and-male-carers, "
         "information-sharing, mental-health, multi-agency-working, neglect, parental-needs, professional-curiosity, "
         "safeguarding-babies, voice-of-the-child (or ask for the theme to be added there)"),
        ("themes: [neglect, safeguarding-babies]", "themes: [neglect, neglect]", "themes:",
         "theme 'neglect' is listed twice — list each theme once"),
        ('related: ["2.14", "1.10"]', 'related: ["2.14", "9.99"]', "related:",
         "related chapter '9.99' does not exist — check the id in the manual's contents (manual/index.md)"),
        ('related: ["2.14", "1.10"]', 'related: ["2.14", "3.4"]', "related:",
         "related chapter '3.4' is a draft and is not published — remove it until it is published"),
        ('related: ["2.14", "1.10"]', 'related: ["2.14", "1.4.3"]', "related:",
         "related chapter '1.4.3' is archived — link the chapter that replaced it (2.4)"),
        ("  kind: audit", "  kind: survey", "kind:",
         "'kind' must be one of 'rapid-review', 'practice-review', 'audit', 'national-review' or 'partnership-priority' (found 'survey')"),
        ("  reference: Nowhere in particular\n", "", "source:",
         "'reference' is required but missing — add 'reference:' with a value"),
        ("published: 2025-06-01", "published: June 2025", "published:",
         "'published' must be a date written as YYYY-MM-DD, e.g. 2024-03-31 (found 'June 2025') — write dates as 2024-03-31"),
        ("status: published", "status: live", "status:",
         "'status' must be one of 'draft', 'published' or 'archived' (found 'live')"),
        ("themes: [neglect, safeguarding-babies]", "themes: []", "themes:",
         "'themes' must have at least 1 item(s)"),
    ],
)
def test_bad_front_matter(project_copy, old, new, needle, message):
    edit(project_copy, B, old, new)
    assert mine(project_copy) == [f"{B}:{line_of(project_copy, B, needle)}: {message}"]


def test_related_ids_point_at_the_exact_list_item(project_copy):
    edit(project_copy, B, 'related: ["2.14", "1.10"]', 'related:\n  - "2.14"\n  - "8.8"')
    assert mine(project_copy) == [
        f"{B}:{line_of(project_copy, B, '8.8')}: related chapter '8.8' does not exist — check the id in the manual's contents (manual/index.md)"
    ]


def test_an_unknown_theme_in_the_data_file_is_reported_there(project_copy):
    edit(project_copy, "data/briefing-themes.yml", "  - key: neglect\n", "  - key: Neglect!\n")
    errs = [e for e in errors(project_copy) if e.startswith("data/briefing-themes.yml")]
    assert errs == [f"data/briefing-themes.yml:{line_of(project_copy, 'data/briefing-themes.yml', 'Neglect!')}: "
                    "'Neglect!' is not a valid key — use lower-case letters, digits and hyphens, e.g. childrens-front-door"]


def test_two_briefings_with_one_title_are_rejected(project_copy):
    other = "docs/briefings/fixture-twin.md"
    (project_copy / other).write_text(FRONT + SEVEN, encoding="utf-8")
    errs = [e for e in errors(project_copy) if "same title" in e]
    assert errs == [f"{other}:2: another briefing ({B}) has the same title — give each briefing its own title"]


def test_a_draft_is_left_out_of_the_index_nav_feed_and_build(project_copy):
    edit(project_copy, B, "status: published", "status: draft")
    site = load_site(project_copy)
    assert site.report.errors == []
    assert all(b.src_uri != "briefings/fixture-briefing.md" for b in briefings.published(site))
    assert {"A fixture briefing": "briefings/fixture-briefing.md"} not in briefings.nav_entries(site)
    assert "fixture" not in briefings.index_markdown(site)
    assert b"fixture" not in briefings.feed_xml(site, "https://x.example/", "X", "Y")
    assert ProceduresPlugin._is_draft(site.pages["briefings/fixture-briefing.md"])


# --- index, theme pages and feed ------------------------------------------------------

def test_index_lists_newest_first_with_themes_and_newsletter(project_copy):
    edit(project_copy, B, "status: published", "newsletter: the Spring 2025 issue\nstatus: published")
    other = "docs/briefings/fixture-older.md"
    (project_copy / other).write_text(
        FRONT.replace("A fixture briefing", "An older fixture").replace("2025-06-01", "2024-01-15") + SEVEN,
        encoding="utf-8")
    site = load_site(project_copy)
    items = [b for b in briefings.published(site) if "fixture" in b.src_uri]
    assert [b.title for b in items] == ["A fixture briefing", "An older fixture"]
    md = briefings.index_markdown(site)
    newer, older = md.index("(fixture-briefing.md)"), md.index("(fixture-older.md)")
    assert newer < older
    card = md[newer:older]
    assert "Published in the Spring 2025 issue of *Safeguarding Matters*" in card
    assert "**Key learning themes:** [Safeguarding babies](themes/safeguarding-babies.md)" not in card  # order kept
    assert "**Key learning themes:** [Neglect](themes/neglect.md), [Safeguarding babies](themes/safeguarding-babies.md)" in card
    assert 'href="fixture-briefing/fixture-briefing.pdf"' in card
    assert "Published 1 June 2025 · Source: multi-agency audit, 2024-25" in card


def test_text_from_front_matter_is_escaped_in_the_index(project_copy):
    edit(project_copy, B, "title: A fixture briefing", 'title: "Bold <b>claims</b> & [links](http://x)"')
    md = briefings.index_markdown(load_site(project_copy))
    assert "<b>" not in md and "[links](" not in md
    assert "### [Bold &lt;b&gt;claims&lt;/b&gt; &amp; \\[links\\](http://x)](fixture-briefing.md)" in md
    assert "of Bold &lt;b&gt;claims&lt;/b&gt; &amp; &#91;links&#93;(http://x)</span>" in md


def test_theme_page_lists_only_its_briefings(project_copy):
    site = load_site(project_copy)
    theme = briefings.theme_map(site)["neglect"]
    page = briefings.theme_page_markdown(site, theme)
    assert page.startswith('---\ntitle: "Neglect \\u2014 7-Minute Briefings"\n')
    expected = sorted(b.slug for b in briefings.published(site) if "neglect" in b.meta.themes)
    listed = sorted(s for s in (b.slug for b in briefings.published(site)) if f"(../{s}.md)" in page)
    assert listed == expected and "fixture-briefing" in listed
    assert "(../professional-curiosity.md)" not in page


def test_feed_is_atom_with_absolute_links_and_categories(project_copy):
    site = load_site(project_copy)
    xml = briefings.feed_xml(site, "https://procedures.example.org/", "LLR", "LLR partnerships")
    root = ET.fromstring(xml)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}id").text == "https://procedures.example.org/feeds/briefings.xml"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(briefings.published(site))
    for e in entries:
        for link in e.findall(f"{ATOM}link"):
            assert link.get("href").startswith("https://procedures.example.org/briefings/")
        assert e.find(f"{ATOM}updated").text.endswith("T00:00:00Z")
    fixture = next(e for e in entries if e.find(f"{ATOM}title").text == "A fixture briefing")
    assert fixture.find(f"{ATOM}id").text == "https://procedures.example.org/briefings/fixture-briefing/"
    assert [c.get("term") for c in fixture.findall(f"{ATOM}category")] == ["neglect", "safeguarding-babies"]
    assert root.find(f"{ATOM}updated").text == "2026-11-01T00:00:00Z"  # the newest briefing's date


# --- panels ------------------------------------------------------------------------------

def test_split_panels_numbers_headings_and_keeps_their_ids():
    html = ('<h2 id="background">1. Background<a class="headerlink" href="#background">¶</a></h2>\n<p>One</p>\n'
            '<h2 id="why">Why</h2>\n<ul><li>two</li></ul>\n')
    panels = split_panels(html)
    assert [str(p["heading"]) for p in panels] == [
        '<h2 id="background" class="briefing-panel__title"><span class="briefing-panel__number">1</span> '
        'Background<a class="headerlink" href="#background">¶</a></h2>',
        '<h2 id="why" class="briefing-panel__title"><span class="briefing-panel__number">2</span> Why</h2>',
    ]
    assert [str(p["body"]) for p in panels] == ["<p>One</p>", "<ul><li>two</li></ul>"]
    assert split_panels("<p>stray</p><h2>A</h2>") is None


def test_a_long_briefing_gets_a_warning_before_the_build_measures_it(project_copy):
    edit(project_copy, B, "Findings.\n", "Findings. " + "More words here. " * 160 + "\n")
    site = load_site(project_copy)
    warnings = [str(p) for p in site.report.warnings if p.file == B]
    words = len((project_copy / B).read_text(encoding="utf-8").split("---", 2)[2].split())
    assert warnings == [f"{B}:14: warning: the briefing has {words} words and may not fit on one A4 page "
                        f"(the build checks) — aim for under {briefings.WORDS_WARNING}"]
    assert site.report.errors == []


def test_an_archived_briefing_is_listed_apart_and_left_out_of_nav_and_feed(project_copy):
    edit(project_copy, B, "status: published", "status: archived")
    site = load_site(project_copy)
    assert site.report.errors == []
    md = briefings.index_markdown(site)
    archived_part = md[md.index("## Archived briefings"):]
    assert "(fixture-briefing.md)" in archived_part
    assert "(fixture-briefing.md)" not in md[:md.index("## Archived briefings")]
    assert {"A fixture briefing": "briefings/fixture-briefing.md"} not in briefings.nav_entries(site)
    assert b"fixture" not in briefings.feed_xml(site, "https://x.example/", "X", "Y")
    assert [b.slug for b in briefings.visible(site) if b.slug == "fixture-briefing"] == ["fixture-briefing"]


def test_briefing_head_and_foot_escape_text_and_flag_an_archived_briefing(project_copy):
    from procedures.briefings.page import page_context
    from procedures.core.render import render_html

    edit(project_copy, B, "status: published", 'newsletter: "Issue <12>"\nstatus: archived')
    site = load_site(project_copy)
    b = briefings.briefing_for(site, "briefings/fixture-briefing.md")
    ctx = page_context(site, b, "briefings/fixture-briefing/", "https://x.example/")
    head, foot = render_html("briefing-head.html", **ctx), render_html("briefing-foot.html", **ctx)
    assert "<strong>Archived briefing.</strong>" in head
    assert "Published in Issue &lt;12&gt; of <cite>Safeguarding Matters</cite>" in head
    assert '<a href="../themes/neglect/">Neglect</a>' in head
    assert '<a class="md-button md-button--primary" href="fixture-briefing.pdf"' in head
    assert '<a href="../../manual/neglect/"><span class="chapter-code">2.14</span> Neglect</a>' in foot
    assert "https://x.example/briefings/fixture-briefing/" in foot


def test_a_cached_pdf_is_reused_only_when_page_styles_and_day_are_unchanged(tmp_path):
    from procedures.pdf import fingerprint

    (tmp_path / "assets").mkdir()
    (tmp_path / "b" / "x").mkdir(parents=True)
    css = tmp_path / "assets" / "print.css"
    css.write_text("@media print { body { font-size: 10pt } }")
    page = tmp_path / "b" / "x" / "index.html"
    page.write_text('<link rel="stylesheet" href="../../assets/print.css?v=1"><p>Text</p>')
    first = fingerprint(tmp_path, "b/x/", "Title", "2026-11-26")
    assert fingerprint(tmp_path, "b/x/", "Title", "2026-11-26") == first
    assert fingerprint(tmp_path, "b/x/", "Title", "2026-11-27") != first  # printed on another day
    css.write_text("@media print { body { font-size: 12pt } }")
    assert fingerprint(tmp_path, "b/x/", "Title", "2026-11-26") != first  # the print styles changed
    css.write_text("@media print { body { font-size: 10pt } }")
    page.write_text('<link rel="stylesheet" href="../../assets/print.css?v=1"><p>Other text</p>')
    assert fingerprint(tmp_path, "b/x/", "Title", "2026-11-26") != first  # the page changed
