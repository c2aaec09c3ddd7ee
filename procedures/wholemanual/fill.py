"""Print pages made from the chapters' finished HTML (the MkDocs build).

A print page holds every chapter of its section (or part of one). Converting that text
from Markdown a second time cost as much as converting the chapters themselves (16.2 s
against 14.1 s at 400 chapters, docs/developers/performance.md). In a MkDocs build the
print page's Markdown therefore holds, for each chapter, its heading, its review dates and
one placeholder paragraph; once MkDocs has converted every page (``on_env``, before any
page is written), each placeholder is replaced by the chapter's own HTML:

* headings moved down two levels (at most ``<h6>``), as :func:`pages.demote` does to the
  Markdown;
* every ``id`` given a prefix of its own for each chapter (``p3-``), and the references to
  it (``href="#…"``, ``aria-*``, ``for``) with it, so that ids do not repeat on the page
  and links inside a chapter (footnotes, "see section 4") still work in the PDF;
* links and images relative to the chapter made relative to the print page;
* the "link to this section" anchors (``headerlink``) left out: a printed copy has no use
  for them.

An engine that writes pages out as Markdown (procedures/engines/plainconfig.py sets
``site.extra["pages_as_markdown"]``) gets the whole text in the Markdown instead
(:func:`pages.page_markdown`), as before.
"""

from __future__ import annotations

import posixpath
import re
import secrets
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.site import Site

_HEADING = re.compile(r"<(/?)h([1-6])\b")
_HEADERLINK = re.compile(r'<a\b[^>]*\bclass="headerlink"[^>]*>.*?</a>', re.S)
_ID = re.compile(r'(\s)id="([^"]*)"')
_IDREFS = re.compile(r'(\s(?:aria-labelledby|aria-describedby|aria-controls|aria-owns|for|headers))="([^"]*)"')
_URL = re.compile(r'(\s(?:href|src))="([^"]*)"')
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|/)", re.I)
_SPLIT = re.compile(r"([^?#]*)(.*)", re.S)
_CODE = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>)", re.S)


def placeholder_prefix() -> str:
    """A word no chapter contains: the start of every placeholder of one build."""
    return f"PROCEDURESPRINTCHAPTER{secrets.token_hex(6).upper()}X"


def _demote(m: re.Match) -> str:
    return f"<{m.group(1)}h{min(6, int(m.group(2)) + 2)}"


def _rebase(url: str, from_dir: str, to_dir: str, prefix: str) -> str:
    """``url`` (relative to a page in ``from_dir``) as seen from a page in ``to_dir``; a
    fragment alone points to the prefixed id."""
    if url.startswith("#"):
        return "#" + prefix + url[1:] if len(url) > 1 else url
    if not url or _EXTERNAL.match(url):
        return url
    m = _SPLIT.match(url)
    path, suffix = m.group(1), m.group(2)
    if not path:
        return url  # "?x": the same page
    rel = posixpath.relpath(posixpath.normpath(posixpath.join(from_dir, path)), to_dir or ".")
    return rel + ("/" if path.endswith("/") and rel != "/" else "") + suffix


def _page_dir(url: str) -> str:
    """The folder a page's relative links start from (``manual/x/`` → ``manual/x``)."""
    return url.rstrip("/") if url.endswith("/") or not url else posixpath.dirname(url)


def _outside_code(html: str, fn) -> str:
    """``fn`` applied to ``html`` except inside ``<pre>`` and ``<code>`` (code text keeps
    its quotes, so an ``href="…"`` there is text, not a link)."""
    pieces = _CODE.split(html)
    return "".join(piece if i % 2 else fn(piece) for i, piece in enumerate(pieces))


def chapter_html(html: str, chapter_url: str, page_url: str, prefix: str) -> str:
    """A chapter's HTML (its page's content, for a page at ``chapter_url``) as it goes
    into the print page at ``page_url``, its ids prefixed with ``prefix``."""
    from_dir, to_dir = _page_dir(chapter_url), _page_dir(page_url)

    def fix(part: str) -> str:
        part = _HEADERLINK.sub("", part)
        part = _HEADING.sub(_demote, part)
        part = _ID.sub(lambda m: f'{m.group(1)}id="{prefix}{m.group(2)}"', part)
        part = _IDREFS.sub(lambda m: f'{m.group(1)}="' + " ".join(prefix + i for i in m.group(2).split()) + '"', part)
        return _URL.sub(lambda m: f'{m.group(1)}="{_rebase(m.group(2), from_dir, to_dir, prefix)}"', part)

    return _outside_code(html, fix)


def fill_pages(site: Site, files) -> None:
    """Replace each print page's placeholders with its chapters' HTML (``on_env``: every
    page has been converted, none written yet)."""
    slots: dict[str, list[tuple[str, str]]] = site.extra.pop("print_slots", None) or {}
    for page_src, chapters in slots.items():
        f = files.get_file_from_path(page_src)
        page = getattr(f, "page", None) if f else None
        if page is not None and page.content is not None and chapters:
            _fill(page_src, page, chapters, files)


def _fill(page_src: str, page, chapters: list[tuple[str, str]], files) -> None:
    from mkdocs.exceptions import PluginError

    html: dict[str, str] = {}
    for n, (token, chapter_src) in enumerate(chapters, start=1):
        cf = files.get_file_from_path(chapter_src)
        cpage = getattr(cf, "page", None) if cf else None
        if cpage is None or cpage.content is None:
            raise PluginError(f"{page_src}: the chapter {chapter_src} was not built, so its print page cannot "
                              "hold it — check that the chapter is published and build again")
        html[f"<p>{token}</p>"] = chapter_html(cpage.content, cpage.url, page.url, f"p{n}-")
    # one pass over the page's own (short) HTML: a chapter's text is never searched again
    seen: list[str] = []

    def chapter(m: re.Match) -> str:
        seen.append(m.group(0))
        return html[m.group(0)]

    page.content = re.sub("|".join(re.escape(para) for para in html), chapter, page.content)
    for (_token, chapter_src), para in zip(chapters, html, strict=True):
        if seen.count(para) != 1:
            raise PluginError(f"{page_src}: the place for {chapter_src} is missing from the print page — "
                              "this is a fault in procedures/wholemanual, not in the chapter")
