"""Whole-manual and whole-section print pages and their PDFs (see the package docstring)."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..core.dates import long_date
from ..core.render import md_escape, render_html

if TYPE_CHECKING:
    from ..core.site import Site
    from ..manual.chapters import Chapter, Section
    from ..pdf import PdfDocument

WHOLE_SRC = "print/manual.md"
WHOLE_PDF = "print/llr-safeguarding-children-procedures.pdf"
INDEX_URL = "print/"

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})(\s+.*?)(\s*\{\s*#[^}]*\})?\s*$")
_MACRO = re.compile(r"\{\{|\{%")


def section_query(key: str) -> str:
    """The whole-manual page, printed with only one section (printcopy.js removes the others)."""
    return f"print/manual/?section={key}"


def section_pdf(key: str) -> str:
    return f"print/llr-procedures-section-{key}.pdf"


def _url(src: str) -> str:
    return src.removesuffix(".md") + "/"


def demote(body: str, levels: int = 2) -> str:
    """Headings moved down ``levels`` (at most ######), their explicit ids removed (ids
    would repeat from chapter to chapter); code blocks left alone."""
    out, fence = [], None
    for line in body.splitlines():
        f = _FENCE.match(line)
        if f:
            fence = None if fence == f.group(1) else (fence or f.group(1))
        m = _HEADING.match(line) if fence is None else None
        out.append(f"{'#' * min(6, len(m.group(1)) + levels)}{m.group(2)}" if m else line)
    return "\n".join(out)


def footer_note(site: Site) -> str:
    from ..amendments.log import site_url

    where = site_url(site.root) or "the website"
    return f"Printed {long_date(site.today)}. Printed copies may be out of date — check the current version at {where}"


def _chapter_block(site: Site, ch: Chapter, src: str, exists) -> tuple[str, bool]:
    from ..core.dates import month_year
    from ..editions.history import body_of
    from ..editions.pages import rewrite_links

    meta, body = body_of((site.root / ch.file).read_text(encoding="utf-8"))
    body = demote(rewrite_links(body, ch.src_uri, src, exists, keep_anchors=False))
    macros = bool(ch.meta.render_macros)
    if not macros and _MACRO.search(body):
        body = "{% raw %}" + body + "{% endraw %}"
    head = (f"### {md_escape(ch.id)} {md_escape(ch.title)}\n\n"
            f"*Last reviewed {month_year(ch.meta.last_reviewed)}; next review due {month_year(ch.meta.next_review)}.*\n\n")
    return head + body.strip() + "\n", macros


def page_markdown(site: Site, src: str, title: str, sections: list[Section], exists) -> str:
    from ..manual.chapters import published

    chapters = published(site)
    parts, any_macros = [], False
    for sec in sections:
        items = [c for c in chapters if c.meta.section == sec.key]
        if not items:
            continue
        # one block per section: printcopy.js keeps only the one a section PDF asks for
        parts.append(f'<div class="print-section" id="section-{sec.key}" data-print-section="{sec.key}" '
                     f'data-print-title="{_attr(_title(site, sec))}" markdown>\n')
        parts.append(f"## {md_escape(sec.key)} {md_escape(sec.title)}\n")
        for ch in items:
            block, macros = _chapter_block(site, ch, src, exists)
            any_macros = any_macros or macros
            parts.append(block)
        parts.append("</div>\n")
    front = "\n".join([
        "---",
        f"title: {json.dumps(title)}",
        f"description: {json.dumps('A printable copy of the procedures, made ' + long_date(site.today) + '.')}",
        "template: edition.html",
        "search:",
        "  exclude: true",
        "print_copy: true",
        f"render_macros: {'true' if any_macros else 'false'}",
        "---",
        "",
    ])
    note = (f'<div class="edition-banner print-copy-banner" role="note" markdown>\n\n'
            f"**Made on {long_date(site.today)}.** Printed copies may be out of date: always check the current version "
            f"online before you act. Each chapter shows when it was last reviewed.\n\n</div>\n\n")
    return front + note + "\n".join(parts)


def _attr(text: str) -> str:
    from html import escape

    return escape(text, quote=True)


def _sections(site: Site) -> list[Section]:
    from ..manual.chapters import sections

    return sections(site)


def _title(site: Site, section: Section | None = None) -> str:
    what = f"Section {section.key}: {section.title}" if section else "Whole manual"
    from ..partnership import partnership

    p = partnership(site)
    name = f"{p.short_name} Safeguarding Children Procedures" if p else "Safeguarding Children Procedures"
    return f"{name} — {what} ({long_date(site.today)})"


def on_files(site: Site, files, config):
    """Generate the whole-manual print page (registry.PAGE_HOOKS). Not in the fast
    preview: a generated page is rebuilt on every save, and this one holds every chapter."""
    from mkdocs.structure.files import File

    from ..preview import active

    if active():
        return files

    def exists(src: str) -> bool:
        return files.get_file_from_path(src) is not None

    files.append(File.generated(config, WHOLE_SRC, content=page_markdown(site, WHOLE_SRC, _title(site), _sections(site), exists)))
    return files


def on_page_markdown(site: Site, page, markdown: str, config) -> str | None:
    if page.meta.get("print_copy"):
        hide = list(page.meta.get("hide") or [])
        for part in ("navigation", "toc"):
            if part not in hide:
                hide.append(part)
        page.meta["hide"] = hide
    return None


def pdf_documents(site: Site) -> list[PdfDocument]:
    """registry.PDF_DOCUMENTS: the whole manual, then each section with published chapters."""
    from ..manual.chapters import published
    from ..pdf import PdfDocument

    note = footer_note(site)
    docs = [PdfDocument(page_path=_url(WHOLE_SRC), out=WHOLE_PDF, title=_title(site), footer_note=note)]
    keys = {c.meta.section for c in published(site)}
    docs += [PdfDocument(page_path=section_query(s.key), out=section_pdf(s.key), title=_title(site, s), footer_note=note)
             for s in _sections(site) if s.key in keys]
    return docs


def macros(site: Site) -> dict[str, Any]:
    def print_copies() -> Markup:
        """For docs/print/index.md: the whole-manual PDF and one per section, dated."""
        from ..manual.chapters import published
        from ..manual.page import url_from

        keys = {c.meta.section for c in published(site)}
        rows = [{"label": "The whole manual", "pdf": url_from(INDEX_URL, WHOLE_PDF), "html": url_from(INDEX_URL, _url(WHOLE_SRC))}]
        rows += [{"label": f"Section {s.key}: {s.title}", "pdf": url_from(INDEX_URL, section_pdf(s.key)),
                  "html": url_from(INDEX_URL, _url(WHOLE_SRC)) + f"#section-{s.key}"} for s in _sections(site) if s.key in keys]
        return Markup(render_html("print-copies.html", rows=rows, made=long_date(site.today)))

    return {"print_copies": print_copies}
