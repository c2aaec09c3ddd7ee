"""The print pages of each section (without a build): order, headings, links, macros,
the date, the split of a long section into parts, and the PDF documents they become."""

from __future__ import annotations

from datetime import date

from procedures.core.site import load_site
from procedures.manual.chapters import published
from procedures.wholemanual import pages
from procedures.wholemanual.pages import WHOLE_PDF, demote, page_markdown, parts, pdf_documents

DAY = date(2027, 3, 12)


def _part(site, key, limit=None):
    return next(p for p in parts(site, limit) if p.section.key == key)


def test_headings_move_down_two_levels_and_lose_their_ids():
    body = "## 1. Intro { #intro }\n\ntext\n\n```\n## not a heading\n```\n\n##### Deep\n"
    assert demote(body) == "#### 1. Intro\n\ntext\n\n```\n## not a heading\n```\n\n###### Deep"


def test_the_print_pages_hold_every_published_chapter_in_order_once_and_the_date(project_copy):
    site = load_site(project_copy, today=DAY)
    all_parts = parts(site)
    mds = [page_markdown(site, p, lambda src: True) for p in all_parts]
    for md in mds:
        assert "**Made on 12 March 2027.** Printed copies may be out of date" in md
        assert "search:\n  exclude: true" in md and "template: edition.html" in md
    md = "\n".join(mds)
    positions = [md.index(f"\n### {c.id} ") for c in published(site)]
    assert positions == sorted(positions) and len(positions) == len(published(site))
    assert all(md.count(f"\n### {c.id} ") == 1 for c in published(site))
    archived = [c for c in site.chapters if c.status == "archived"]
    assert archived and all(f"\n### {c.id} " not in md for c in archived)


def test_a_section_page_holds_that_section_only(project_copy):
    site = load_site(project_copy, today=DAY)
    for part in parts(site):
        md = page_markdown(site, part, lambda src: True)
        assert f"\n## {part.section.key} {part.section.title}\n" in md
        for c in published(site):
            assert (f"\n### {c.id} " in md) is (c.meta.section == part.section.key), c.id


def test_a_long_section_is_printed_in_parts_that_together_hold_it(project_copy):
    site = load_site(project_copy, today=DAY)
    whole = _part(site, "2")
    assert whole.of == 1 and whole.pdf == "print/procedures-section-2.pdf" and whole.url == "print/manual/section-2/"
    split = [p for p in parts(site, limit=3000) if p.section.key == "2"]
    assert len(split) > 2
    assert [c for p in split for c in p.chapters] == list(whole.chapters)  # in order, none lost, none twice
    for p in split:
        words = sum(len(pages._read(site, c).split()) for c in p.chapters)
        assert words <= 3000 or len(p.chapters) == 1  # a chapter is never split
    assert split[1].url == "print/manual/section-2-part-2/" and split[1].pdf == "print/parts/section-2-part-2.pdf"
    assert split[1].what.endswith(f", part 2 of {len(split)}") and split[1].label == "2.2"
    assert f"(part 2 of {len(split)})" in page_markdown(site, split[1], lambda src: True)


def test_links_work_from_the_print_page_and_missing_targets_keep_their_text(project_copy):
    (project_copy / "docs/manual/neglect.md").write_text(
        (project_copy / "docs/manual/neglect.md").read_text(encoding="utf-8")
        + "\nSee [the contacts](local-contacts.md#leicester) and [old](gone.md) and [above](#1-introduction).\n",
        encoding="utf-8")
    site = load_site(project_copy, today=DAY)
    existing = {"manual/local-contacts.md"}
    md = page_markdown(site, _part(site, "2"), existing.__contains__)
    assert "See [the contacts](../../manual/local-contacts.md) and old and above." in md


def test_literal_braces_in_a_chapter_without_macros_are_kept_literal(project_copy):
    path = project_copy / "docs/manual/neglect.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nA form field {{ name }} is left blank.\n", encoding="utf-8")
    site = load_site(project_copy, today=DAY)
    md = page_markdown(site, _part(site, "2"), lambda src: True)
    assert "{% raw %}" in md and "{{ name }}" in md


def test_pdf_documents_are_dated_and_warn_on_every_page(project_copy):
    site = load_site(project_copy, today=DAY)
    docs = pdf_documents(site)
    keys = sorted({c.meta.section for c in published(site)})
    assert [d.out for d in docs] == [f"print/procedures-section-{k}.pdf" for k in keys]
    assert [d.page_path for d in docs] == [f"print/manual/section-{k}/" for k in keys]
    assert docs[0].title.startswith("LLR Safeguarding Children Procedures — Section 1: ")
    assert docs[0].footer_note.startswith("Printed 12 March 2027. Printed copies may be out of date — check the current version at ")
    assert all(d.footer_note == docs[0].footer_note and d.title.endswith("(12 March 2027)") for d in docs)


def test_the_whole_manual_is_joined_from_every_part_and_a_long_section_from_its_own(project_copy):
    site = load_site(project_copy, today=DAY)
    joined = pages.joined_documents(site)
    assert [(out, len(ps)) for out, _t, ps in joined] == [(WHOLE_PDF, len(parts(site)))]
    assert joined[0][1] == "LLR Safeguarding Children Procedures — Whole manual (12 March 2027)"
    split = parts(site, limit=3000)
    joined = pages.joined_documents(site, split)
    assert joined[-1][0] == WHOLE_PDF and joined[-1][2] == split
    sections = {out: ps for out, _t, ps in joined[:-1]}
    assert sections["print/procedures-section-2.pdf"] == [p for p in split if p.section.key == "2"]
    assert all(len(ps) > 1 for ps in sections.values())
