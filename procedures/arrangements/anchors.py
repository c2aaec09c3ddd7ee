"""Headings and macro lines in the arrangements' pages.

The compliance table links to headings, and the one-page version reuses each section's
Markdown, so both need to read a page the way MkDocs will: heading ids as the ``toc``
extension makes them (or ``{#id}`` when written), plus the ids of headings that a macro
on the page generates from data. Macro calls must stand alone on their line
(``{{ arrangements_rotation() }}``) so the one-page version can run them too.
"""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING, Any

from markdown.extensions.toc import slugify

if TYPE_CHECKING:
    from ..core.site import PageSource, Site

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{:?\s*#([\w-]+)[^}]*\})?\s*#*\s*$")
MACRO_LINE = re.compile(r"^\s*\{\{\s*([a-z_][a-z0-9_]*)\s*\((.*)\)\s*\}\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def headings(body: str) -> list[tuple[int, int, str, str]]:
    """(line offset, level, text, id) for every Markdown heading outside code fences."""
    out = []
    in_fence = False
    for n, line in enumerate(body.splitlines()):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        m = HEADING.match(line)
        if m:
            level, text, explicit = len(m.group(1)), m.group(2), m.group(3)
            out.append((n, level, text, explicit or slugify(text, "-")))
    return out


def generated_anchors(site: Site) -> dict[str, set[str]]:
    """Heading ids that each arrangements macro writes (from data)."""
    governance = site.data.get("governance")
    partnerships = site.data.get("partnerships")
    return {
        "arrangements_groups": {g.key for g in governance.groups} if governance else set(),
        "arrangements_membership": ({p.key for p in partnerships.partnerships} | {"relevant-to-both"})
        if partnerships else set(),
    }


def macro_calls(body: str) -> list[tuple[int, str, tuple, dict]]:
    """(line offset, name, args, kwargs) for every stand-alone macro line."""
    out = []
    for n, line in enumerate(body.splitlines()):
        m = MACRO_LINE.match(line)
        if m:
            parsed = _parse_args(m.group(2))
            if parsed is not None:
                out.append((n, m.group(1), *parsed))
    return out


def _parse_args(text: str) -> tuple[tuple, dict] | None:
    try:
        call = ast.parse(f"f({text})", mode="eval").body
        assert isinstance(call, ast.Call)
        args = tuple(ast.literal_eval(a) for a in call.args)
        kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg}
    except (SyntaxError, ValueError, AssertionError):
        return None
    return args, kwargs


def page_anchors(site: Site, page: PageSource) -> set[str]:
    ids = {h[3] for h in headings(page.body)}
    generated = generated_anchors(site)
    for _n, name, _a, _k in macro_calls(page.body):
        ids |= generated.get(name, set())
    return ids


def check_macro_lines(site: Site, page: PageSource) -> None:
    rel = site.rel(page.path)
    for n, line in enumerate(page.body.splitlines()):
        if "{{" in line or "{%" in line:
            m = MACRO_LINE.match(line)
            if not m or _parse_args(m.group(2)) is None:
                site.report.error(rel, page.body_line + n,
                                  "in the arrangements, a macro call stands alone on its line with plain values, "
                                  "e.g. {{ arrangements_rotation() }} — put it on a line of its own")


def call(functions: dict[str, Any], name: str, args: tuple, kwargs: dict) -> str:
    if name not in functions:
        raise KeyError(f"unknown macro '{name}'")
    return str(functions[name](*args, **kwargs))
