"""The whole arrangements document on one page: the source of the PDF and of printing.

Built from the section pages listed in ``data/arrangements.yml`` — nothing is written
twice. Each section's macro lines are run, its headings move down one level, and every
heading id is prefixed with the section's name (``partners-and-chair--lead-safeguarding-partners``)
so ids stay unique; links between sections become links inside the page. MkDocs then
validates every one of those links and anchors like any other.
"""

from __future__ import annotations

import importlib
import re
from typing import TYPE_CHECKING, Any

from ..core import feature as registry
from ..core.dates import long_date
from ..core.render import md_escape
from .anchors import FENCE, HEADING, MACRO_LINE, _parse_args, call, headings

if TYPE_CHECKING:
    from ..core.site import Site

FROM = "arrangements/"
MD_LINK = re.compile(r"\]\(([a-z0-9][a-z0-9-]*\.md)(?:#([\w-]+))?\)")
SAME_PAGE_MD = re.compile(r"\]\(#([\w-]+)\)")
SAME_PAGE_HTML = re.compile(r'href="#([\w-]+)"')


def _functions(site: Site) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for module_name in registry.MACRO_MODULES:
        out.update(importlib.import_module(module_name).macros(site))
    out.pop("arrangements_document", None)
    return out


def expand(site: Site, body: str, functions: dict[str, Any]) -> str:
    out = []
    for line in body.splitlines():
        m = MACRO_LINE.match(line)
        parsed = _parse_args(m.group(2)) if m else None
        if m and parsed is not None:
            out.append(call(functions, m.group(1), *parsed))
        else:
            out.append(line)
    return "\n".join(out)


def section_id(name: str) -> str:
    return "section-" + name.removesuffix(".md")


def _rebase(name: str, text: str, sections: set[str]) -> str:
    """Shift headings down a level, namespace their ids, and point links inside the page."""
    prefix = name.removesuffix(".md")
    ids = {h[3] for h in headings(text)}
    out = []
    in_fence = False
    first = True
    for line in text.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
        m = None if in_fence else HEADING.match(line)
        if m:
            level = min(len(m.group(1)) + 1, 6)
            ident = next(h[3] for h in headings(line))
            new_id = section_id(name) if first and len(m.group(1)) == 1 else f"{prefix}--{ident}"
            first = False
            line = f"{'#' * level} {m.group(2)} {{ #{new_id} }}"
        elif not in_fence:
            line = SAME_PAGE_MD.sub(lambda mm: f"](#{prefix}--{mm.group(1)})" if mm.group(1) in ids else mm.group(0), line)
            line = SAME_PAGE_HTML.sub(lambda mm: f'href="#{prefix}--{mm.group(1)}"' if mm.group(1) in ids else mm.group(0), line)

            def to_section(mm: re.Match) -> str:
                target, anchor = mm.group(1), mm.group(2)
                if target not in sections:
                    return mm.group(0)
                t_prefix = target.removesuffix(".md")
                return f"](#{t_prefix}--{anchor})" if anchor else f"](#{section_id(target)})"

            line = MD_LINK.sub(to_section, line)
        out.append(line)
    return "\n".join(out)


def markdown(site: Site) -> str:
    data = site.data.get("arrangements")
    if not data:
        return ""
    functions = _functions(site)
    sections = [n for n in data.sections if FROM + n in site.pages]
    names = set(sections)
    parts = [
        f"# {md_escape(data.title)}",
        "",
        f"**{md_escape(data.subtitle)}**",
        "",
        f"*{md_escape(data.edition)}. This one-page version was produced from the web pages on {long_date(site.today)}; "
        "the web pages are always the current version.*",
        "",
        functions["arrangements_pdf_link"](href="../" + data.pdf.file),
        "",
        "## Contents { #contents }",
        "",
    ]
    for n in sections:
        page = site.pages[FROM + n]
        title = getattr(page.model, "title", None) or n
        parts.append(f"- [{md_escape(title)}](#{section_id(n)})")
    parts.append("")
    for n in sections:
        page = site.pages[FROM + n]
        parts.append(_rebase(n, expand(site, page.body, functions), names))
        parts.append("")
    return "\n".join(parts)
