"""Make the HTML that Material for MkDocs writes valid (Nu Html Checker: zero errors).

Material's templates write two things the HTML standard forbids, outside any block an
override could replace:

* ``autocomplete="off"`` on its hidden checkbox toggles (``autocomplete`` is not
  allowed on ``type="checkbox"``);
* ``tabindex=""`` on navigation section labels (an empty tabindex is not an integer;
  browsers ignore it, so removing it changes nothing for readers);
* ``<label for="__toc">`` on pages that have no ``__toc`` toggle (section index pages
  and pages outside the navigation): a label must name a control that exists. The
  label stays (it is the "Table of contents" heading); only its dead ``for`` goes.

It also adds the one thing Material leaves out: a "Skip to content" link on pages that
have no table of contents (Material only writes one from ``page.toc``, so the 404 page
had none). The link goes to the page's first ``<h1 id>``.

This AFTER_BUILD step removes exactly those attributes from the built pages. It touches
nothing else; ``tests/unit/test_htmlfix.py`` and the Nu checker test keep it honest.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.site import Site

_INPUT = re.compile(r"<input\b[^>]*>", re.I)
_CHECKBOX = re.compile(r"""\btype\s*=\s*["']?(checkbox|radio)\b""", re.I)
_AUTOCOMPLETE = re.compile(r"""\s+autocomplete\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.I)
# (?<!\s): start only at the beginning of a run of whitespace, or the search is quadratic in
# Material's long indentation runs (100 ms a page at 400 chapters)
_EMPTY_TABINDEX = re.compile(r"""(?<!\s)\s+tabindex\s*=\s*(?:""|'')""", re.I)
_TOC_FOR = re.compile(r"""(<label\b[^>]*?)\s+for\s*=\s*["']__toc["']""", re.I)
_TOC_ID = re.compile(r"""\bid\s*=\s*["']__toc["']""", re.I)
_EMPTY_SKIP = re.compile(r"""(<div data-md-component="skip">)\s*(</div>)""")
_H1_ID = re.compile(r"""<h1\b[^>]*\bid\s*=\s*["']([^"']+)["']""", re.I)


def _fix_input(match: re.Match[str]) -> str:
    tag = match.group(0)
    if _CHECKBOX.search(tag):
        return _AUTOCOMPLETE.sub("", tag)
    return tag


# Found from a literal, case-sensitive start (Material writes these in lower case): a
# pattern that starts with whitespace, or ignores case, is tried at every character of a
# 150 KB page, which made this step take seconds at 1,000 chapters.
_TABINDEX_AT = re.compile(r"""tabindex\s*=\s*(?:""|'')""")
_TOC_AT = re.compile(r"""__toc["']""")
_ID_BEFORE = re.compile(r"""\bid\s*=\s*["']$""", re.I)


def _has_toc_id(text: str) -> bool:
    """``_TOC_ID.search(text)``, found from the literal ``__toc``."""
    return any(_ID_BEFORE.search(text, max(0, m.start() - 40), m.start()) for m in _TOC_AT.finditer(text))


def _strip_empty_tabindex(text: str) -> str:
    """``_EMPTY_TABINDEX.sub("", text)`` for Material's lower-case ``tabindex=""``."""
    out, last = [], 0
    for m in _TABINDEX_AT.finditer(text):
        start = m.start()
        ws = start
        while ws > last and text[ws - 1].isspace():
            ws -= 1
        if ws == start:
            continue  # not preceded by whitespace: not an attribute of its own
        out.append(text[last:ws])
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def fix_html(text: str) -> str:
    text = _INPUT.sub(_fix_input, text)
    if "__toc" in text and not _has_toc_id(text):  # no "__toc" at all: nothing to strip
        text = _TOC_FOR.sub(r"\1", text)
    h1 = _H1_ID.search(text)
    if h1:
        link = f'<a href="#{h1.group(1)}" class="md-skip">Skip to content</a>'
        text = _EMPTY_SKIP.sub(lambda m: m.group(1) + link + m.group(2), text, count=1)
    return _strip_empty_tabindex(text)


def fix_site(site: Site | None, site_dir: Path) -> int:
    """Fix every built page in place; return how many files changed."""
    changed = 0
    for path in Path(site_dir).rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        fixed = fix_html(text)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
            changed += 1
    return changed


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature, Step  # noqa: E402

FEATURE = Feature(
    __name__,
    after_build=(Step("procedures.htmlfix:fix_site", "early"),),  # valid HTML: strip Material's invalid attributes
)
