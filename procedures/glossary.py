"""The glossary page and the abbreviations that give every page its tooltips."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .render import render_html

if TYPE_CHECKING:
    from .models import Term
    from .site import Site


def terms(site: Site) -> list[Term]:
    data = site.data.get("glossary")
    return sorted(data.terms, key=lambda t: t.term.lower()) if data else []


def anchor(term: str) -> str:
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def abbreviations_markdown(site: Site) -> str:
    """Lines for Python-Markdown's ``abbr`` extension, appended to every page.

    The same for every page of a build, so made once per loaded site (a changed
    data/glossary.yml loads a new site, or replaces ``site.data["glossary"]``: either
    makes it again)."""
    data = site.data.get("glossary")
    cached = site.extra.get("_abbreviations_markdown")
    if cached is not None and cached[0] is data:
        return cached[1]
    text = _abbreviations(site)
    site.extra["_abbreviations_markdown"] = (data, text)
    return text


def _abbreviations(site: Site) -> str:
    out = []
    for t in terms(site):
        if t.is_acronym:
            # abbr definitions are plain text: strip characters the syntax would misread
            expansion = re.sub(r"[\[\]\n]", "", t.expansion or "")
            out.append(f"*[{t.term}]: {expansion}")
    return "\n".join(out)


def macros(site: Site) -> dict[str, Any]:
    def glossary() -> str:
        """The glossary, A to Z, from data/glossary.yml."""
        letters: dict[str, list[Term]] = {}
        for t in terms(site):
            letters.setdefault(t.term[0].upper(), []).append(t)
        return render_html("glossary.html", letters=letters, anchor=anchor)

    return {"glossary": glossary}
