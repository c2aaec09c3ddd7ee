"""One stylesheet per build, without the rules no page can use.

Material's ``main.css`` styles every feature Material has (tabs, annotations, code
blocks, right-to-left scripts, blog, versions …) and ``palette.css`` every colour it
offers; a page here used about a quarter of them (Lighthouse). After MkDocs has written
every page, :func:`reduce_site_css` reads Material's two stylesheets and this site's own
(``site.<hash>.css``, see ``lean.on_env``), keeps each rule only if it *can* match
something, writes them as one file named by its content, and points every page at it
(one render-blocking request instead of three).

A rule is kept when, for at least one of its selectors, every class, id and attribute
it names can be present:

* in a built page (every ``.html`` file of the build), or
* added by a script at run time: every word in every ``.js`` and ``.json`` file of the
  build (Material's bundle, this site's scripts, the indicator finder's data) counts as
  a possible class, id, attribute name or value; ``dataset.fooBar`` counts as
  ``data-foo-bar``. So the classes Material's JavaScript sets (search, drawer, header
  shadow, tooltips, palette, focus-visible, copy buttons, instant navigation …) and this
  site's scripts set are kept without a list to keep up to date; ``SAFELIST`` names
  the few that build steps after this one write into pages. ``FEATURE_ANCHORS`` names
  Material features whose classes its scripts add only inside something a page must
  already have (a tabbed block, code annotations, tags, a repository link, the version
  selector): without that on any page, those classes do not count. Another exception is the
  ``dir`` attribute, which no script here sets: Material's right-to-left rules
  (``[dir=rtl]``) are kept only if a page has that value.

Material's rules for its ``.focus-visible`` class (set by a polyfill that ``js.py``
removes) are written as the ``:focus-visible`` selector every supported browser has.

It is deliberately generous: pseudo-classes, anything inside ``:not()``, ``:is()`` and
the like, element names and combinators never cause a rule to be dropped; ``@font-face``,
``@keyframes``, ``@page`` and custom properties are kept whole; a rule is kept or
dropped whole, with its selectors and declarations exactly as they were. The preview
(``procedures serve``) rebuilds one page at a time and keeps Material's files as they
are.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import re
from dataclasses import dataclass, field
from pathlib import Path

# Classes that steps running after this one (registry.AFTER_BUILD) write into pages.
SAFELIST = frozenset({
    "briefing-pdf-size",  # procedures.briefing_pdf:add_sizes
    "md-skip",            # procedures.htmlfix (the skip link)
})

# Material's scripts add these classes only inside something a page already has (a tabbed
# block, code annotations, tags, a repository link) or when the version selector is
# configured; without it on any page, the script's mention of the class does not count.
FEATURE_ANCHORS = {
    "tabbed-": frozenset({"tabbed-set"}),
    "md-annotation": frozenset({"annotate", "md-annotation"}),
    "md-tag": frozenset({"md-tags", "md-tag"}),
    "md-source": frozenset({"md-source"}),
    "md-version": frozenset({"md-version"}),
}

# Attributes no script sets: their values must be in a page.
HTML_ONLY_ATTRS = frozenset({"dir"})

# At-rules holding rules to filter; any other block at-rule (@font-face, @keyframes,
# @page, @property …) is kept whole.
_GROUPING = {"media", "supports", "container", "layer", "scope", "document", "-moz-document"}
# Functional pseudo-classes whose arguments are ignored (they never cause a drop).
_STYLESHEET_LINK = re.compile(
    r"""<link rel="stylesheet" href="([^"]*?)assets/stylesheets/(main\.[0-9a-f]{8}\.min|palette\.[0-9a-f]{8}\.min|site\.[0-9a-f]{12})\.css">\s*""")


@dataclass
class Used:
    """What the pages and scripts of one build can show: class names, ids, attribute
    names and values, and every word of the scripts."""
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    attrs: set[str] = field(default_factory=set)
    values: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    pairs: set[tuple[str, str]] = field(default_factory=set)  # (attribute, value) in pages

    versions: bool = False  # Material's version selector is configured

    def has_class(self, name: str) -> bool:
        if name in self.classes or name in SAFELIST:
            return True
        for prefix, anchors in FEATURE_ANCHORS.items():
            if name.startswith(prefix) and not (anchors & self.classes or prefix == "md-version" and self.versions):
                return False  # the feature is not on any page: its scripts never run
        return name in self.words

    def has_id(self, name: str) -> bool:
        return name in self.ids or name in self.words

    def has_attr(self, name: str) -> bool:
        name = name.lower()
        return name in self.attrs or name in self.words

    def has_value(self, value: str) -> bool:
        return value in self.values or value in self.words


# --- what the build uses -----------------------------------------------------------------

_TAG = re.compile(r"<[a-zA-Z][\w:-]*(\s[^<>]*)>")
_HTML_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")


def collect_html(text: str, used: Used) -> None:
    """Add the class names, ids, attribute names and values of one page."""
    if '"version": null' not in text and '"version":' in text:
        used.versions = True
    for attrs in set(_TAG.findall(text)):
        for m in _HTML_ATTR.finditer(attrs):
            name = m.group(1).lower()
            used.attrs.add(name)
            value = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4)
            if value is None:
                continue
            if "&" in value:
                value = htmllib.unescape(value)
            used.values.add(value)
            used.pairs.add((name, value))
            words = value.split()
            used.values.update(words)
            if name == "class":
                used.classes.update(words)
            elif name == "id":
                used.ids.add(value)


def collect_script(text: str, used: Used) -> None:
    """Add every word of a script (or of data a script reads): any of them may become a
    class, id, attribute or value at run time."""
    for word in set(_WORD.findall(text)):
        used.words.add(word)
        if word[:1].islower() and _CAMEL.search(word):  # el.dataset.mdState -> data-md-state
            used.words.add("data-" + _CAMEL.sub(r"-\1", word).lower())


# --- stylesheets ----------------------------------------------------------------------------


def _skip_string(css: str, i: int) -> int:
    quote, i = css[i], i + 1
    while i < len(css) and css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


def _skip_comment(css: str, i: int) -> int:
    end = css.find("*/", i + 2)
    return len(css) if end < 0 else end + 2


def _block_end(css: str, i: int) -> int:
    """Index just after the ``}`` matching the ``{`` at ``i``."""
    depth = 0
    while i < len(css):
        c = css[i]
        if c in "\"'":
            i = _skip_string(css, i)
            continue
        if c == "/" and css.startswith("/*", i):
            i = _skip_comment(css, i)
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(css)


def parse(css: str) -> list[tuple[str, str | None, str]]:
    """Top-level items of a stylesheet as (prelude, block contents or None, whole text);
    comments between items are dropped."""
    items = []
    i, n = 0, len(css)
    while i < n:
        if css[i].isspace():
            i += 1
            continue
        if css.startswith("/*", i):
            i = _skip_comment(css, i)
            continue
        start, depth = i, 0
        while i < n:
            c = css[i]
            if c in "\"'":
                i = _skip_string(css, i)
                continue
            if c == "/" and css.startswith("/*", i):
                i = _skip_comment(css, i)
                continue
            if c in "([":
                depth += 1
            elif c in ")]":
                depth -= 1
            elif depth <= 0 and c in "{;}":
                break
            i += 1
        if i >= n:
            tail = css[start:].strip()
            if tail:
                items.append((tail, None, tail))
            break
        if css[i] == "{":
            end = _block_end(css, i)
            items.append((css[start:i].strip(), css[i + 1:end - 1], css[start:end]))
            i = end
        else:  # ";" ends a statement (@import, @charset); a stray "}" is dropped
            if css[i] == ";":
                items.append((css[start:i].strip(), None, css[start:i + 1]))
            i += 1
    return items


def split_selectors(prelude: str) -> list[str]:
    out, depth, start, i = [], 0, 0, 0
    while i < len(prelude):
        c = prelude[i]
        if c in "\"'":
            i = _skip_string(prelude, i)
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            out.append(prelude[start:i])
            start = i + 1
        i += 1
    out.append(prelude[start:])
    return [s.strip() for s in out if s.strip()]


_IDENT_CHAR = re.compile(r"[\w-]|[^\x00-\x7f]")


def _ident(sel: str, i: int) -> tuple[str, int]:
    """A CSS identifier from ``i`` (backslash escapes decoded) and the index after it."""
    out = []
    while i < len(sel):
        c = sel[i]
        if c == "\\" and i + 1 < len(sel):
            m = re.match(r"[0-9a-fA-F]{1,6}\s?", sel[i + 1:])
            if m:
                out.append(chr(int(m.group(0).strip(), 16)))
                i += 1 + len(m.group(0))
            else:
                out.append(sel[i + 1])
                i += 2
            continue
        if not _IDENT_CHAR.match(c):
            break
        out.append(c)
        i += 1
    return "".join(out), i


_ATTR_SEL = re.compile(r"""\[\s*(?:[\w*-]*\|)?([\w-]+)\s*(?:([~|^$*]?=)\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s\]]+)\s*(?:[iIsS]\s*)?)?\]""")


def selector_can_match(sel: str, used: Used) -> bool:
    """False only when the selector names a class, id or attribute (value) that nothing
    in the build can produce."""
    i, n = 0, len(sel)
    while i < n:
        c = sel[i]
        if c in "\"'":
            i = _skip_string(sel, i)
        elif c == "\\":
            i += 2
        elif c == ".":
            name, i = _ident(sel, i + 1)
            if name and not used.has_class(name):
                return False
        elif c == "#":
            name, i = _ident(sel, i + 1)
            if name and not used.has_id(name):
                return False
        elif c == "[":
            m = _ATTR_SEL.match(sel, i)
            if not m:  # something unusual: never a reason to drop
                end = sel.find("]", i)
                i = n if end < 0 else end + 1
                continue
            name, op, value = m.group(1), m.group(2), m.group(3)
            if not used.has_attr(name):
                return False
            if op in ("=", "~=", "|=") and value is not None:
                if value[:1] in "\"'":
                    value = value[1:-1]
                value = re.sub(r"\\(.)", r"\1", value)
                if name.lower() in HTML_ONLY_ATTRS:
                    if (name.lower(), value) not in used.pairs:
                        return False
                elif not used.has_value(value):
                    return False
            i = m.end()
        elif c == ":":
            j = i + 1
            while j < n and sel[j] == ":":
                j += 1
            _, j = _ident(sel, j)
            if j < n and sel[j] == "(":  # :not(), :is(), :where(), :has(), :nth-child(… of S)
                depth = 0
                while j < n:
                    if sel[j] in "\"'":
                        j = _skip_string(sel, j)
                        continue
                    if sel[j] == "(":
                        depth += 1
                    elif sel[j] == ")":
                        depth -= 1
                        if depth == 0:
                            j += 1
                            break
                    j += 1
            i = j
        else:
            i += 1
    return True


def reduce_css(css: str, used: Used) -> str:
    """The stylesheet without the rules that cannot match (see the module notes)."""
    kept = []
    for prelude, block, whole in parse(css):
        if block is None:
            if not prelude.startswith("/*# sourceMappingURL"):
                kept.append(whole.strip())
            continue
        if prelude.startswith("@"):
            name = re.match(r"@([\w-]+)", prelude)
            if name and name.group(1).lower() in _GROUPING and "{" in block:
                inner = reduce_css(block, used)
                if inner:
                    kept.append(f"{prelude}{{{inner}}}")
            else:
                kept.append(whole.strip())
            continue
        if any(selector_can_match(s, used) for s in split_selectors(prelude)):
            kept.append(whole.strip())
    return "\n".join(kept)


_FOCUS_VISIBLE_CLASS = re.compile(r"\.focus-visible(?![\w-])")


def native_focus_visible(css: str) -> str:
    """Material's ``.focus-visible`` (the polyfill's class) as ``:focus-visible``."""
    return _FOCUS_VISIBLE_CLASS.sub(":focus-visible", css)


# --- the build step -------------------------------------------------------------------------

SCRIPT_SUFFIXES = (".js", ".mjs", ".json")


def used_in_build(site_dir: Path) -> Used:
    used = Used()
    for path in site_dir.rglob("*"):
        if path.suffix == ".html":
            collect_html(path.read_text(encoding="utf-8", errors="replace"), used)
        elif path.suffix in SCRIPT_SUFFIXES and "pagefind" not in path.relative_to(site_dir).parts[:1]:
            collect_script(path.read_text(encoding="utf-8", errors="replace"), used)
    return used


def reduce_site_css(site, site_dir: Path, config) -> Path | None:
    """POST_BUILD: Material's main.css and palette.css and the site's own stylesheet as
    one file with only the rules the build can use; every page links to it instead."""
    from ..preview import in_preview

    site_dir = Path(site_dir)
    if in_preview():
        return None  # one page at a time: the pages written so far are not the whole site
    home = site_dir / "index.html"
    if not home.is_file():
        return None
    names = [m.group(2) for m in _STYLESHEET_LINK.finditer(home.read_text(encoding="utf-8"))]
    sources = [site_dir / "assets/stylesheets" / f"{name}.css" for name in names]
    if not any(name.startswith("main.") for name in names) or not all(p.is_file() for p in sources):
        return None  # not Material's usual page head: leave every page as it is
    used = used_in_build(site_dir)
    parts = []
    for p in sources:
        css = p.read_text(encoding="utf-8")
        if not p.name.startswith("site."):
            css = native_focus_visible(css)
        parts.append(f"/* {p.name} */\n{reduce_css(css, used)}\n")
    data = "".join(parts).encode("utf-8")
    target = site_dir / "assets/stylesheets" / f"site.{hashlib.sha256(data).hexdigest()[:12]}.css"

    def link(m: re.Match[str], seen: list[int]) -> str:
        seen[0] += 1
        return f'<link rel="stylesheet" href="{m.group(1)}assets/stylesheets/{target.name}">\n' if seen[0] == 1 else ""

    for path in site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if "assets/stylesheets/main." not in text:
            continue
        seen = [0]
        new = _STYLESHEET_LINK.sub(lambda m, seen=seen: link(m, seen), text)
        if new != text:
            path.write_text(new, encoding="utf-8")
    for p in sources:
        p.unlink()
        p.with_name(p.name + ".map").unlink(missing_ok=True)
    target.write_bytes(data)
    return target
