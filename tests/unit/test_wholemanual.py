"""The whole-manual and whole-section print pages (without a build): order, headings,
links, macros, the date, and the PDF documents they become."""

from __future__ import annotations

from datetime import date

from procedures.core.site import load_site
from procedures.manual.chapters import published
from procedures.wholemanual.pages import WHOLE_PDF, WHOLE_SRC, demote, page_markdown, pdf_documents

DAY = date(2027, 3, 12)


def test_headings_move_down_two_levels_and_lose_their_ids():
    body = "## 1. Intro { #intro }\n\ntext\n\n```\n## not a heading\n```\n\n##### Deep\n"
    assert demote(body) == "#### 1. Intro\n\ntext\n\n```\n## not a heading\n```\n\n###### Deep"


def test_the_whole_manual_page_has_every_published_chapter_in_order_and_the_date(project_copy):
    site = load_site(project_copy, today=DAY)
    md = page_markdown(site, WHOLE_SRC, "T", list(site.data["sections"].sections), lambda src: True)
    assert "**Made on 12 March 2027.** Printed copies may be out of date" in md
    assert "search:\n  exclude: true" in md and "template: edition.html" in md
    positions = [md.index(f"\n### {c.id} ") for c in published(site)]
    assert positions == sorted(positions) and len(positions) == len(published(site))
    archived = [c for c in site.chapters if c.status == "archived"]
    assert archived and all(f"\n### {c.id} " not in md for c in archived)


def test_links_work_from_the_print_page_and_missing_targets_keep_their_text(project_copy):
    (project_copy / "docs/manual/neglect.md").write_text(
        (project_copy / "docs/manual/neglect.md").read_text(encoding="utf-8")
        + "\nSee [the contacts](local-contacts.md#leicester) and [old](gone.md) and [above](#1-introduction).\n",
        encoding="utf-8")
    site = load_site(project_copy, today=DAY)
    existing = {"manual/local-contacts.md"}
    md = page_markdown(site, WHOLE_SRC, "T", [s for s in site.data["sections"].sections if s.key == "2"],
                       existing.__contains__)
    assert "See [the contacts](../manual/local-contacts.md) and old and above." in md


def test_each_section_is_one_block_a_section_pdf_can_keep(project_copy):
    site = load_site(project_copy, today=DAY)
    md = page_markdown(site, WHOLE_SRC, "T", list(site.data["sections"].sections), lambda src: True)
    keys = sorted({c.meta.section for c in published(site)})
    for k in keys:
        sec = next(s for s in site.data["sections"].sections if s.key == k)
        start = md.index(f'<div class="print-section" id="section-{k}" data-print-section="{k}" '
                         f'data-print-title="LLR Safeguarding Children Procedures — Section {k}: ')
        block = md[start:md.index("</div>", start)]
        assert f"\n## {k} {sec.title}\n" in block
        assert all(f"\n### {c.id} " in block for c in published(site) if c.meta.section == k)


def test_literal_braces_in_a_chapter_without_macros_are_kept_literal(project_copy):
    path = project_copy / "docs/manual/neglect.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nA form field {{ name }} is left blank.\n", encoding="utf-8")
    site = load_site(project_copy, today=DAY)
    md = page_markdown(site, WHOLE_SRC, "T", list(site.data["sections"].sections), lambda src: True)
    assert "{% raw %}" in md and "{{ name }}" in md


def test_pdf_documents_are_dated_and_warn_on_every_page(project_copy):
    site = load_site(project_copy, today=DAY)
    docs = pdf_documents(site)
    assert docs[0].out == WHOLE_PDF and docs[0].page_path == "print/manual/"
    assert docs[0].title == "LLR Safeguarding Children Procedures — Whole manual (12 March 2027)"
    assert docs[0].footer_note.startswith("Printed 12 March 2027. Printed copies may be out of date — check the current version at ")
    keys = sorted({c.meta.section for c in published(site)})
    assert [d.out for d in docs[1:]] == [f"print/llr-procedures-section-{k}.pdf" for k in keys]
    assert [d.page_path for d in docs[1:]] == [f"print/manual/?section={k}" for k in keys]
    assert all(d.footer_note == docs[0].footer_note and "(12 March 2027)" in d.title for d in docs)
