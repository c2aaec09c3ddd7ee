"""Find one-line page-function calls such as ``{{ contact("lado") }}`` in the
bodies of pages, with their lines, so ``procedures check`` can name a wrong key
without building anything.

Only pages with ``render_macros: true`` are scanned (on other pages ``{{`` is already an
error, see :func:`procedures.core.site._check_macro_syntax`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .site import Site

CALL = re.compile(r"\{\{-?\s*(?P<name>[A-Za-z_]\w*)\s*\((?P<args>[^)]*)\)\s*-?\}\}")
ONE_KEY = re.compile(r"""\s*(?P<q>['"])(?P<key>[^'"]*)(?P=q)\s*""")


@dataclass(frozen=True)
class Call:
    file: str  # e.g. docs/manual/neglect.md
    line: int
    name: str  # the page function, e.g. "contact"
    key: str | None  # the quoted key, or None when the argument is not one quoted key
    alone: bool  # the call is the only thing on its line


def all_calls(site: Site) -> list[Call]:
    cached = site.extra.get("_page_calls")
    if cached is not None:
        return cached
    out: list[Call] = []
    for page in site.pages.values():
        if not page.meta.get("render_macros"):
            continue
        rel = site.rel(page.path)
        for offset, text in enumerate(page.body.splitlines()):
            if "{{" not in text:
                continue
            for m in CALL.finditer(text):
                arg = ONE_KEY.fullmatch(m.group("args"))
                out.append(Call(rel, page.body_line + offset, m.group("name"), arg.group("key") if arg else None,
                                text.strip() == m.group(0)))
    site.extra["_page_calls"] = out
    return out


def calls(site: Site, name: str) -> list[Call]:
    """Every call of the page function ``name`` in the pages' text."""
    return [c for c in all_calls(site) if c.name == name]


def suggestion(key: str, known: set[str]) -> str:
    """' (did you mean 'x'?)' for a near miss, else ''."""
    import difflib

    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.7)
    return f" (did you mean '{close[0]}'?)" if close else ""


BRACES = re.compile(r"\{\{.*?\}\}|\{\{|\{%")


def check_chapter_text(site: Site) -> None:
    """A chapter with ``render_macros: true`` may hold one-line page-function calls
    (``{{ contact("key") }}``, ``{{ timescale("key") }}``) and nothing else in braces:
    any other ``{{`` or ``{%`` would be read as a template instruction."""
    for ch in site.chapters:
        page = site.pages.get(ch.src_uri)
        if page is None or not page.meta.get("render_macros"):
            continue
        for offset, text in enumerate(page.body.splitlines()):
            bad = [m.group(0) for m in BRACES.finditer(text) if not CALL.fullmatch(m.group(0))]
            if bad:
                site.report.error(ch.file, page.body_line + offset,
                                  f"'{bad[0][:40]}' is not a page function call — in a chapter, braces may only hold one, "
                                  "e.g. {{ contact(\"emergency\") }} or {{ timescale(\"icpc\") }}; write the text another way")
                break
