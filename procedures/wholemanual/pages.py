"""Whole-manual and whole-section print pages and their PDFs (see the package docstring)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..core.dates import long_date
from ..core.render import md_escape, render_html

if TYPE_CHECKING:
    from ..core.site import Site
    from ..manual.chapters import Chapter, Section
    from ..pdf import PdfDocument

INDEX_SRC = "print/manual.md"  # the list of print pages (print/manual/)
WHOLE_PDF = "print/safeguarding-children-procedures.pdf"
INDEX_URL = "print/"
PARTS_DIR = "print/parts"  # PDFs of the parts of a long section, removed once joined

# A print page holds at most this many words of chapter text (about 450 A4 pages): a
# section longer than that is printed in parts, each from its own page, and the parts
# are joined into the section's PDF. One Chromium page of the whole 1,000-chapter
# benchmark manual (3 million words) did not load and print within 300 s.
PART_WORDS = 200_000

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})(\s+.*?)(\s*\{\s*#[^}]*\})?\s*$")
_MACRO = re.compile(r"\{\{|\{%")


@dataclass(frozen=True)
class Part:
    """One print page: chapters of one section, in order (a whole section, or part of one)."""

    section: Section
    number: int  # 1, 2, … within the section
    of: int  # how many parts the section has
    chapters: tuple[Chapter, ...]

    @property
    def src(self) -> str:
        key = self.section.key
        return f"print/manual/section-{key}.md" if self.number == 1 else f"print/manual/section-{key}-part-{self.number}.md"

    @property
    def url(self) -> str:
        return _url(self.src)

    @property
    def pdf(self) -> str:
        """Where Chromium prints it: the section's PDF, or a part joined into it."""
        return section_pdf(self.section.key) if self.of == 1 else f"{PARTS_DIR}/section-{self.section.key}-part-{self.number}.pdf"

    @property
    def label(self) -> str:
        """The page label prefix in a joined PDF: 5 (section 5), or 5.2 (its second part)."""
        return self.section.key if self.of == 1 else f"{self.section.key}.{self.number}"

    @property
    def what(self) -> str:
        name = f"Section {self.section.key}: {self.section.title}"
        return name if self.of == 1 else f"{name}, part {self.number} of {self.of}"


def section_pdf(key: str) -> str:
    return f"print/procedures-section-{key}.pdf"


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


def _read(site: Site, ch: Chapter) -> str:
    from ..editions.history import body_of

    return body_of((site.root / ch.file).read_text(encoding="utf-8"))[1]


def parts(site: Site, limit: int | None = None) -> list[Part]:
    """The print pages: each section with published chapters, split where its chapters'
    text passes ``limit`` words (``PART_WORDS``); a chapter is never split."""
    from ..manual.chapters import published, sections

    limit = PART_WORDS if limit is None else limit
    chapters = published(site)
    out: list[Part] = []
    for sec in sections(site):
        groups: list[list[Chapter]] = []
        words = 0
        for ch in (c for c in chapters if c.meta.section == sec.key):
            n = len(_read(site, ch).split())
            if not groups or (groups[-1] and words + n > limit):
                groups.append([])
                words = 0
            groups[-1].append(ch)
            words += n
        out += [Part(sec, i, len(groups), tuple(g)) for i, g in enumerate(groups, start=1)]
    return out


def _chapter_head(ch: Chapter) -> str:
    from ..core.dates import month_year

    return (f"### {md_escape(ch.id)} {md_escape(ch.title)}\n\n"
            f"*Last reviewed {month_year(ch.meta.last_reviewed)}; next review due {month_year(ch.meta.next_review)}.*\n\n")


def _chapter_block(site: Site, ch: Chapter, src: str, exists) -> tuple[str, bool]:
    from ..editions.pages import rewrite_links

    body = demote(rewrite_links(_read(site, ch), ch.src_uri, src, exists, keep_anchors=False))
    macros = bool(ch.meta.render_macros)
    if not macros and _MACRO.search(body):
        body = "{% raw %}" + body + "{% endraw %}"
    return _chapter_head(ch) + body.strip() + "\n", macros


def _front(site: Site, title: str, description: str, macros: bool) -> str:
    return "\n".join([
        "---",
        f"title: {json.dumps(title)}",
        f"description: {json.dumps(description)}",
        "template: edition.html",
        "search:",
        "  exclude: true",
        "print_copy: true",
        f"render_macros: {'true' if macros else 'false'}",
        "---",
        "",
    ])


def _banner(site: Site) -> str:
    return (f'<div class="edition-banner print-copy-banner" role="note" markdown>\n\n'
            f"**Made on {long_date(site.today)}.** Printed copies may be out of date: always check the current version "
            f"online before you act. Each chapter shows when it was last reviewed.\n\n</div>\n\n")


def _page(site: Site, part: Part, blocks: list[str], macros: bool) -> str:
    heading = f"## {md_escape(part.section.key)} {md_escape(part.section.title)}"
    if part.of > 1:
        heading += f" (part {part.number} of {part.of})"
    description = f"{part.what} of the procedures, printable, made {long_date(site.today)}."
    return (_front(site, _title(site, part), description, macros) + _banner(site) + heading + "\n\n"
            + "\n".join(blocks))


def page_markdown(site: Site, part: Part, exists) -> str:
    """The print page of one part: its section's heading, then each chapter's text, all
    in Markdown (for an engine that renders the pages itself)."""
    blocks, any_macros = [], False
    for ch in part.chapters:
        block, macros = _chapter_block(site, ch, part.src, exists)
        any_macros = any_macros or macros
        blocks.append(block)
    return _page(site, part, blocks, any_macros)


def page_with_slots(site: Site, part: Part, prefix: str) -> tuple[str, list[tuple[str, str]]]:
    """The print page of one part for a MkDocs build: each chapter's heading and review
    dates, then a placeholder paragraph its HTML replaces once MkDocs has converted it
    (``fill.py``); and the (placeholder, chapter) pairs."""
    slots = [(f"{prefix}{i}", ch.src_uri) for i, ch in enumerate(part.chapters, start=1)]
    blocks = [_chapter_head(ch) + token + "\n" for ch, (token, _src) in zip(part.chapters, slots, strict=True)]
    return _page(site, part, blocks, False), slots


def index_markdown(site: Site, all_parts: list[Part]) -> str:
    """print/manual/: the print pages, section by section (the whole manual is too long
    for one web page; its PDF joins theirs)."""
    import posixpath

    here = posixpath.dirname(INDEX_SRC)
    lines = []
    for p in all_parts:
        lines.append(f"- [{md_escape(p.what)}]({posixpath.relpath(p.src, here)}) — {len(p.chapters)} "
                     f"chapter{'s' if len(p.chapters) != 1 else ''}")
    # the PDFs are listed on docs/print/index.md where the site has that page (a site made
    # by `procedures init` may not): a link to a missing page would fail the strict build
    pdfs = ("[Print or file a copy](index.md) has each section, and the whole manual, as one PDF."
            if (site.docs_dir / here / "index.md").is_file() else "")
    body = ("The manual on web pages for printing, one page a section (a long section in parts). "
            + pdfs + "\n\n" + "\n".join(lines) + "\n")
    return (_front(site, _title(site), f"The procedures on pages for printing, made {long_date(site.today)}.", False)
            + _banner(site) + body)


def _title(site: Site, part: Part | None = None) -> str:
    what = part.what if part else "Whole manual"
    from ..partnership import partnership

    p = partnership(site)
    name = f"{p.short_name} Safeguarding Children Procedures" if p else "Safeguarding Children Procedures"
    return f"{name} — {what} ({long_date(site.today)})"


def _section_title(site: Site, section: Section) -> str:
    return _title(site, Part(section, 1, 1, ()))


def on_files(site: Site, files, config):
    """Generate the print pages (registry.PAGE_HOOKS). Not in the fast preview: a
    generated page is rebuilt on every save, and these hold every chapter."""
    from mkdocs.structure.files import File

    from ..preview import active

    if active():
        return files

    def exists(src: str) -> bool:
        return files.get_file_from_path(src) is not None

    all_parts = parts(site)
    files.append(File.generated(config, INDEX_SRC, content=index_markdown(site, all_parts)))
    if site.extra.get("pages_as_markdown"):  # another engine renders them: the whole text
        for part in all_parts:
            files.append(File.generated(config, part.src, content=page_markdown(site, part, exists)))
        return files
    # MkDocs: the chapters' own HTML goes in once every page is converted (on_env)
    from .fill import placeholder_prefix

    prefix = placeholder_prefix()
    slots = {}
    for part in all_parts:
        markdown, slots[part.src] = page_with_slots(site, part, prefix)
        files.append(File.generated(config, part.src, content=markdown))
    site.extra["print_slots"] = slots
    return files


def on_env(site: Site, env, config, files):
    """Every page is converted and none written yet: the chapters' HTML into the print
    pages (``fill.py``)."""
    from .fill import fill_pages

    fill_pages(site, files)
    return env


def on_page_markdown(site: Site, page, markdown: str, config) -> str | None:
    if page.meta.get("print_copy"):
        hide = list(page.meta.get("hide") or [])
        for part in ("navigation", "toc"):
            if part not in hide:
                hide.append(part)
        page.meta["hide"] = hide
    return None


def pdf_documents(site: Site) -> list[PdfDocument]:
    """registry.PDF_DOCUMENTS: each print page, printed by Chromium. A section of one part
    is its section's PDF; the parts of a longer section, and every part for the whole
    manual, are joined afterwards by :func:`join_pdfs`."""
    from ..pdf import PdfDocument

    note = footer_note(site)
    return [PdfDocument(page_path=p.url, out=p.pdf, title=_title(site, p), footer_note=note) for p in parts(site)]


def joined_documents(site: Site, all_parts: list[Part] | None = None) -> list[tuple[str, str, list[Part]]]:
    """(PDF, title, parts) of each PDF made by joining printed parts: every section in
    more than one part, then the whole manual."""
    all_parts = parts(site) if all_parts is None else all_parts
    out = []
    for key in dict.fromkeys(p.section.key for p in all_parts):
        mine = [p for p in all_parts if p.section.key == key]
        if len(mine) > 1:
            out.append((section_pdf(key), _section_title(site, mine[0].section), mine))
    if all_parts:
        out.append((WHOLE_PDF, _title(site), all_parts))
    return out


def _join_key(title: str, inputs: list[tuple[Path, str, str]]) -> str:
    digest = hashlib.sha256((Path(__file__).parent / "join.py").read_bytes())
    digest.update(title.encode("utf-8"))
    for pdf, bookmark, label in inputs:
        digest.update(b"\0" + bookmark.encode("utf-8") + b"\0" + label.encode("utf-8") + b"\0")
        with pdf.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
    return "joined-" + digest.hexdigest()


def join_pdfs(site: Site, site_dir: Path, progress=None) -> list[Path]:
    """AFTER_BUILD (after ``procedures.pdf:render_all``): the PDF of each section printed
    in parts and the whole-manual PDF, joined from the printed parts with their tags,
    bookmarks and page labels kept (``join.py``); a join whose parts and title are
    unchanged is copied from ``.cache/pdfs/``. The parts' own PDFs are then removed."""
    from ..pdf import CACHE_DIR
    from .join import join

    site_dir = Path(site_dir)
    all_parts = parts(site)
    if not all_parts or not (site_dir / all_parts[0].pdf).is_file():
        return []  # the PDFs were not printed (e.g. a build without them)
    cache = site.root / CACHE_DIR
    written = []
    for out, title, mine in joined_documents(site, all_parts):
        inputs = [(site_dir / p.pdf, p.what, p.label) for p in mine]
        key = _join_key(title, inputs)
        cached = cache / f"{key}.pdf"
        target = site_dir / out
        if cached.is_file():
            shutil.copyfile(cached, target)
            if progress:
                progress(f"Wrote {out} (unchanged: reused)")
        else:
            join(inputs, target, title=title)
            try:
                cache.mkdir(parents=True, exist_ok=True)
                tmp = cache / f".{key}.tmp"
                shutil.copyfile(target, tmp)
                tmp.replace(cached)
            except OSError:
                pass  # a read-only project still builds, just without the cache
            if progress:
                progress(f"Wrote {out}")
        written.append(target)
    shutil.rmtree(site_dir / PARTS_DIR, ignore_errors=True)
    return written


def macros(site: Site) -> dict[str, Any]:
    def print_copies() -> Markup:
        """For docs/print/index.md: the whole-manual PDF and one per section, dated, each
        with its print page(s)."""
        from ..manual.page import url_from

        all_parts = parts(site)
        rows = [{"label": "The whole manual", "pdf": url_from(INDEX_URL, WHOLE_PDF),
                 "pages": [("the same on web pages, a section at a time", url_from(INDEX_URL, _url(INDEX_SRC)))]}]
        for key in dict.fromkeys(p.section.key for p in all_parts):
            mine = [p for p in all_parts if p.section.key == key]
            sec = mine[0].section
            pages = ([("the same on one web page", url_from(INDEX_URL, mine[0].url))] if len(mine) == 1 else
                     [(f"part {p.number} of {p.of} on a web page", url_from(INDEX_URL, p.url)) for p in mine])
            rows.append({"label": f"Section {sec.key}: {sec.title}", "pdf": url_from(INDEX_URL, section_pdf(key)),
                         "pages": pages})
        return Markup(render_html("print-copies.html", rows=rows, made=long_date(site.today)))

    return {"print_copies": print_copies}
