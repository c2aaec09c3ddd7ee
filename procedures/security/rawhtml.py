"""The raw-HTML policy for Markdown pages: an allow-list, enforced before every build.

Markdown lets an editor write HTML, and Python-Markdown passes it through untouched, so
``<script>``, ``onerror=`` or ``javascript:`` in a page would reach readers. This check
reads every page in ``docs/`` with Python's own HTML parser (``html.parser``, the one
the browser-grade tokenising rules of the standard library implement — no regular
expressions decide what is a tag) and refuses anything outside the allow-list with
file:line and what to write instead. The same rules apply to ``{: attr=value }`` lists
(the attr_list extension) and to the addresses of Markdown links and images.

Allowed: harmless text-level and layout elements (details, summary, abbr, kbd, span and
div with a class, br, sup, sub, tables …) with a few plain attributes. Refused: scripts,
frames, embedded objects and media, styles, forms, event-handler attributes, ``style``
attributes (the CSP blocks them), ``javascript:``/``data:``/``vbscript:`` addresses and
images or other embedded resources from another host.
"""

from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.site import PageSource, Site

GLOBAL_ATTRS = frozenset({"class", "id", "title", "lang", "dir", "markdown"})

# element -> attributes it may carry besides GLOBAL_ATTRS
ALLOWED: dict[str, frozenset[str]] = {tag: frozenset(extra) for tag, extra in {
    "details": {"open"}, "summary": set(), "abbr": set(), "kbd": set(), "span": set(), "div": set(),
    "br": set(), "wbr": set(), "sup": set(), "sub": set(), "small": set(), "mark": set(), "em": set(),
    "strong": set(), "b": set(), "i": set(), "s": set(), "del": set(), "ins": set(), "q": set(),
    "cite": set(), "dfn": set(), "var": set(), "samp": set(), "code": set(), "pre": set(), "p": set(),
    "blockquote": set(), "hr": set(), "ul": set(), "ol": {"start", "reversed"}, "li": {"value"},
    "dl": set(), "dt": set(), "dd": set(), "figure": set(), "figcaption": set(), "time": {"datetime"},
    "table": set(), "caption": set(), "thead": set(), "tbody": set(), "tfoot": set(), "tr": set(),
    "th": {"colspan", "rowspan", "scope", "headers", "abbr"}, "td": {"colspan", "rowspan", "headers"},
    "colgroup": {"span"}, "col": {"span"},
    "h2": set(), "h3": set(), "h4": set(), "h5": set(), "h6": set(),
    "a": {"href", "hreflang"}, "img": {"src", "alt", "width", "height"},
}.items()}

USE_INSTEAD = "details, summary, abbr, kbd, span, div, sup, sub or a table"

_SCRIPT = "pages cannot run scripts — remove it (a developer can add behaviour in overrides/assets/javascripts/)"
_EMBED = ("content embedded from elsewhere is not allowed — link to it instead, "
          "e.g. [Watch the video on the organisation's site](https://…)")
_STYLE = "pages cannot carry their own styles — remove it and use Markdown, or ask a developer for a class in the stylesheet"
_FORM = "forms cannot be built in a page — link to the organisation's own form instead"
_HEAD = "the page's head is written by the site — remove it (title and description go in the front matter)"
_DRAWING = "remove it — save the picture as an image file in docs/images/ and use ![description](../images/name.png)"

REFUSED: dict[str, str] = {
    "script": _SCRIPT, "noscript": _SCRIPT,
    **dict.fromkeys(("iframe", "frame", "frameset", "object", "embed", "applet", "video", "audio", "source",
                     "track", "portal", "picture", "param"), _EMBED),
    "style": _STYLE, "link": _STYLE,
    **dict.fromkeys(("form", "input", "button", "select", "textarea", "option", "optgroup", "label",
                     "fieldset", "datalist", "output"), _FORM),
    **dict.fromkeys(("html", "head", "body", "meta", "base", "title"), _HEAD),
    **dict.fromkeys(("svg", "math", "canvas", "template", "slot"), _DRAWING),
}

URL_ATTRS = frozenset({"href", "src", "cite", "action", "formaction", "poster", "background", "xlink:href", "srcset", "data"})
BAD_SCHEMES = ("javascript", "vbscript", "data", "file")
SAFE_LINK_SCHEMES = ("http", "https", "mailto", "tel")

_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>")
_MD_LINK = re.compile(r"(!?)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
_ATTR_LIST = re.compile(r"\{:?\s*([^{}\n]*?)\s*\}")
_ATTR_PAIR = re.compile(r"""([^\s=#.{}]+)=("[^"]*"|'[^']*'|[^\s}]+)""")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def scheme_of(url: str) -> str | None:
    """The scheme a browser would see (entities decoded, tabs/newlines/spaces dropped)."""
    cleaned = _CONTROL.sub("", html.unescape(url or "")).lower()
    m = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    return m.group(1) if m else None


def is_other_host(url: str) -> bool:
    cleaned = _CONTROL.sub("", html.unescape(url or "")).lower()
    return cleaned.startswith("//") or scheme_of(url) in ("http", "https", "ftp")


def url_problem(url: str, embedded: bool) -> str | None:
    """What is wrong with an address (None when it is fine). ``embedded``: the browser
    fetches it into the page (an image), rather than following it when clicked."""
    scheme = scheme_of(url)
    if scheme in BAD_SCHEMES:
        return (f"a '{scheme}:' address can run code or hide content — link to a page (.md) "
                "or an https:// address instead")
    if embedded and is_other_host(url):
        return ("the image would be fetched from another site, which the security policy blocks and which tells "
                "that site who reads this page — save the image in docs/images/ and use "
                "![description](../images/name.png)")
    if scheme is not None and not embedded and scheme not in SAFE_LINK_SCHEMES:
        return f"a '{scheme}:' link is not allowed — link to a page (.md), an https:// address, mailto: or tel:"
    return None


def attribute_problem(tag: str, name: str, value: str | None) -> str | None:
    name = name.lower()
    if name.startswith("on"):
        return f"the '{name}' attribute would run a script — remove it"
    if name == "style":
        return ("the 'style' attribute is blocked by the site's security policy — remove it "
                "(ask a developer if the page needs a class in the stylesheet)")
    if name in URL_ATTRS:
        problem = url_problem(value or "", embedded=(name != "href" and name != "cite"))
        if problem:
            return problem
    allowed = GLOBAL_ATTRS | ALLOWED.get(tag, frozenset())
    if tag != "*" and name not in allowed and not name.startswith("aria-"):
        return f"the attribute '{name}' is not allowed on <{tag}> — remove it (allowed: {', '.join(sorted(allowed))})"
    return None


def element_problem(tag: str) -> str | None:
    if tag in ALLOWED:
        return None
    if tag in REFUSED:
        return f"<{tag}> is not allowed in a page: {REFUSED[tag]}"
    return f"<{tag}> is not an element pages may use — write it in Markdown, or use {USE_INSTEAD}"


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []  # (line in the fed text, message)

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        problem = element_problem(tag)
        if problem:
            self.found.append((line, problem))
            return  # one line per element: its attributes are moot
        for name, value in attrs:
            problem = attribute_problem(tag, name, value)
            if problem:
                self.found.append((line, f"<{tag}>: {problem}"))

    handle_startendtag = handle_starttag


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def prose_lines(body: str) -> list[str]:
    """The body with code (fenced blocks, code spans) and autolinks blanked, line for line."""
    out, fence = [], None
    for raw in body.splitlines():
        m = _FENCE.match(raw)
        if fence is None and m:
            fence = m.group(1)
            out.append("")
            continue
        if fence is not None:
            if m and m.group(1) == fence:
                fence = None
            out.append("")
            continue
        line = _CODE_SPAN.sub(_blank, raw)
        out.append(_AUTOLINK.sub(_blank, line))
    return out


def problems_in(body: str) -> list[tuple[int, str]]:
    """(1-based line in ``body``, message) for everything the policy refuses."""
    return list(_problems_in(body))


# The preview (procedures serve) checks every page again on each save: a page whose text
# has not changed is not read again. The answer depends on the text alone.
@functools.lru_cache(maxsize=4096)
def _problems_in(body: str) -> tuple[tuple[int, str], ...]:
    lines = prose_lines(body)
    finder = _Finder()
    finder.feed("\n".join(lines))
    finder.close()
    found = list(finder.found)
    for n, line in enumerate(lines, 1):
        for m in _MD_LINK.finditer(line):
            problem = url_problem(m.group(2), embedded=bool(m.group(1)))
            if problem:
                found.append((n, problem))
        m = _REF_DEF.match(line)
        if m:
            problem = url_problem(m.group(1), embedded=False)
            if problem:
                found.append((n, problem))
        for m in _ATTR_LIST.finditer(line):
            for name, value in _ATTR_PAIR.findall(m.group(1)):
                problem = attribute_problem("*", name, value.strip("\"'"))
                if problem:
                    found.append((n, "{: … }: " + problem))
    return tuple(sorted(set(found)))


def check_page(site: Site, page: PageSource) -> None:
    rel = site.rel(page.path)
    for n, message in problems_in(page.body):
        site.report.error(rel, page.body_line + n - 1, message)


def check_raw_html(site: Site) -> None:
    """CROSS_CHECKS: the policy over every page's Markdown."""
    for page in site.pages.values():
        check_page(site, page)


# --- what the built content area may hold (tests/site/test_content_allowlist.py) -----------
# Elements and attributes the project's own templates (procedures/templates, overrides/) and
# Markdown extensions write inside a page's content: forms of the search page and the
# thresholds finder, icons, the chapter furniture. Never accepted from a page's Markdown.
TEMPLATE_ELEMENTS = frozenset({
    "article", "aside", "button", "datalist", "fieldset", "footer", "form", "h1", "header", "input", "label",
    "legend", "nav", "noscript", "optgroup", "option", "path", "script", "section", "select", "svg", "textarea",
})
TEMPLATE_ATTRS = frozenset({
    "role", "hidden", "tabindex", "type", "name", "for", "action", "method", "rel", "download", "autocomplete",
    "list", "required", "spellcheck", "rows", "value", "label", "defer", "src", "viewbox", "xmlns", "d",
    "min", "max",  # the date box of "What did the manual say on a date?"
})


def built_attribute_allowed(tag: str, name: str) -> bool:
    return (name in GLOBAL_ATTRS or name in ALLOWED.get(tag, ()) or name in TEMPLATE_ATTRS
            or name.startswith(("aria-", "data-")))
