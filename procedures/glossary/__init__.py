"""The glossary page and the abbreviations that give every page its tooltips."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..core.render import render_html

if TYPE_CHECKING:
    from ..core.site import Site
    from .models import Term


def terms(site: Site) -> list[Term]:
    data = site.data.get("glossary")
    return sorted(data.terms, key=lambda t: t.term.lower()) if data else []


def anchor(term: str) -> str:
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def abbreviations(site: Site) -> list[tuple[str, str]]:
    """(acronym, expansion) for every glossary term with an expansion: the tooltips.

    The same for every page of a build, so made once per loaded site (a changed
    data/glossary.yml loads a new site, or replaces ``site.data["glossary"]``: either
    makes them again)."""
    data = site.data.get("glossary")
    cached = site.extra.get("_abbreviations")
    if cached is not None and cached[0] is data:
        return cached[1]
    pairs = _abbreviations(site)
    site.extra["_abbreviations"] = (data, pairs)
    return pairs


def _abbreviations(site: Site) -> list[tuple[str, str]]:
    out = []
    for t in terms(site):
        if t.is_acronym:
            # abbr definitions are plain text: strip characters the syntax would misread
            out.append((t.term, re.sub(r"[\[\]\n]", "", t.expansion or "")))
    return out


def abbreviations_markdown(site: Site) -> str:
    """Lines for Python-Markdown's ``abbr`` extension, for appending to a page."""
    return "\n".join(f"*[{term}]: {expansion}" for term, expansion in abbreviations(site))


def configure_markdown(site: Site, config) -> bool:
    """Give the tooltips to Python-Markdown's ``abbr`` extension once per build (its
    ``glossary`` option) instead of appending their definitions to every page, which made
    Markdown parse the same 40-odd lines again on every page. The pages come out
    byte-for-byte the same (tests/site/test_build_caches.py). False, and nothing changed,
    when ``abbr`` is not enabled by that name or is too old to have the option: then the
    plugin appends :func:`abbreviations_markdown` to every page as before."""
    if "abbr" not in (config.markdown_extensions or []):
        return False
    from markdown.extensions.abbr import AbbrExtension

    if "glossary" not in AbbrExtension().config:
        return False
    glossary: dict[str, str] = {}
    # what the appended definitions did, line by line: the abbr block processor strips
    # both parts, skips an empty one, and deletes the term for a title of '' or ""
    for term, expansion in abbreviations(site):
        term, expansion = term.strip(), expansion.strip()
        if not term or not expansion or "\\" in term:
            continue
        if expansion in ("''", '""'):
            glossary.pop(term, None)
        else:
            glossary[term] = expansion
    options = dict(config.mdx_configs.get("abbr") or {})
    options["glossary"] = {**(options.get("glossary") or {}), **glossary}
    config.mdx_configs["abbr"] = options
    return True


def macros(site: Site) -> dict[str, Any]:
    def glossary() -> str:
        """The glossary, A to Z, from data/glossary.yml."""
        letters: dict[str, list[Term]] = {}
        for t in terms(site):
            letters.setdefault(t.term[0].upper(), []).append(t)
        return render_html("glossary.html", letters=letters, anchor=anchor)

    return {"glossary": glossary}



def check_glossary(site: Site) -> None:
    """Each term once; every 'see' names a term."""
    from ..core.checks import unique

    glossary = site.data.get("glossary")
    if not glossary:
        return
    seen = unique(site, "glossary", glossary.terms, "term", "terms")
    for i, t in enumerate(glossary.terms):
        for j, ref in enumerate(t.see):
            if ref not in seen:
                site.report.error("data/glossary.yml", site.line("glossary", ("terms", i, "see", j)),
                                  f"'see' names '{ref}', which is not a term in the glossary — add it or correct the spelling")


# --- page hooks (this module is the feature's page-hook module) ---------------------------

def on_config(site: Site, config) -> None:
    """The tooltips, given to Markdown once per build (see :func:`configure_markdown`)."""
    site.extra["glossary_abbr_configured"] = configure_markdown(site, config)


def on_page_markdown(site: Site, page, markdown: str, config) -> str:
    """Only when ``abbr`` could not take them once per build: the definitions appended to the page."""
    if site.extra.get("glossary_abbr_configured"):
        return markdown
    abbr = abbreviations_markdown(site)
    return f"{markdown}\n\n{abbr}\n" if abbr else markdown

# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature  # noqa: E402
from .models import GlossaryFile  # noqa: E402

FEATURE = Feature(
    __name__,
    data_files={"glossary.yml": GlossaryFile},
    checks=("procedures.glossary:check_glossary",),  # each term once; every 'see' names a term
    macros=("procedures.glossary",),  # glossary()
    page_hooks=("procedures.glossary",),  # on_config: the tooltips; on_page_markdown: the fallback
)
