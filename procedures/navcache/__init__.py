"""Render the primary navigation once per section, not once per page.

Material renders the whole sidebar navigation for every page. With ``navigation.prune``
a chapter page shows its own section in full, so a manual of N chapters in a handful of
sections renders on the order of N²/sections navigation items per build: at 1,000
chapters that was a large share of the build time.

Every page of the same section, in the same folder, gets the *same* navigation except
for one item: its own, which Material renders "active" (highlighted, with the page's
table of contents inside). So ``overrides/partials/nav.html`` renders the navigation in
full for the first page of a section and keeps it; for each further page it swaps two
items, each rendered by Material's own ``nav-item.html`` macro:

* the previous page's active item → that item rendered now, inactive;
* this page's inactive item (kept from the first render) → this page's item, active.

The result is byte-for-byte the HTML Material would have written. Anything unexpected
(an item not found exactly once) falls back to the full render. ``PROCEDURES_NAV_CACHE``
set to ``off`` always renders in full; set to ``verify`` renders both ways and fails the
build on any difference (the tests build the real site that way).

Material's templates indent every item over many lines: more than half of the sidebar's
bytes were spaces and blank lines. ``nav.html`` passes what it writes, on every path
above, through the ``nav_compact`` filter (:func:`compact`), which turns every run of
white space holding a line break into one line break. A browser shows the same (white
space outside ``<pre>`` collapses anyway; the sidebar has none), the page is smaller, and
the cached and uncached renders stay byte-for-byte the same, as both pass through it.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

_BREAK_RUN = re.compile(r"[ \t]*\n\s*")


def compact(html: str) -> Markup:
    """Every run of white space holding a line break, as one line break (see above)."""
    return Markup(_BREAK_RUN.sub("\n", str(html)))


class NavCacheMismatch(Exception):
    pass


def mode() -> str:
    return os.environ.get("PROCEDURES_NAV_CACHE", "on").strip().lower() or "on"


@dataclass
class Where:
    """Where Material's nav.html renders an item: its element id path, level, parent."""

    path: str
    level: int
    parent: Any


@dataclass
class Group:
    html: str | None = None  # the last full navigation rendered for this group
    active_src: str | None = None  # whose item is active in ``html``
    active_html: str | None = None  # that item, as rendered active
    inactive: dict[str, str] = field(default_factory=dict)  # src_uri -> item rendered inactive


def _walk(items, prefix: str, level: int, parent, out: dict[str, Where]) -> None:
    # mirrors nav.html (path "__nav_<n>", level 1) and nav-item.html (path ~ "_" ~ loop.index)
    for i, item in enumerate(items, 1):
        path = f"{prefix}_{i}"
        if getattr(item, "is_page", False):
            out[item.file.src_uri] = Where(path, level, parent)
        children = getattr(item, "children", None)
        if children:
            _walk(children, path, level + 1, item, out)


class NavCache:
    def __init__(self, nav):
        self.where: dict[str, Where] = {}
        _walk(nav.items, "__nav", 1, None, self.where)
        self.groups: dict[tuple, Group] = {}
        self.hits = 0
        self.misses = 0

    def _key(self, page) -> tuple | None:
        if mode() == "off" or page is None or getattr(page, "is_index", False):
            return None
        parent = getattr(page, "parent", None)
        where = self.where.get(page.file.src_uri)
        if parent is None or where is None:
            return None
        siblings = [c for c in parent.children if getattr(c, "is_page", False)]
        # the items are leaves of one section; relative links depend on the page's folder
        return (id(parent), posixpath.dirname(page.url.rstrip("/")), len(siblings))

    def slot(self, page) -> Slot | None:
        key = self._key(page)
        return Slot(self, key, page) if key is not None else None


class Slot:
    """One page's use of the cache, driven from ``overrides/partials/nav.html``."""

    def __init__(self, cache: NavCache, key: tuple, page):
        self.cache = cache
        self.key = key
        self.page = page
        self.group = cache.groups.setdefault(key, Group())
        self.where = cache.where[page.file.src_uri]

    @property
    def ready(self) -> bool:
        g = self.group
        return g.html is not None and g.active_src != self.page.file.src_uri and self.page.file.src_uri in g.inactive

    # items of this page's section other than the page itself, for the first render
    def siblings(self) -> list[tuple[Any, str, int, Any]]:
        out = []
        for child in self.where.parent.children:
            if getattr(child, "is_page", False) and child is not self.page and not getattr(child, "is_index", False):
                w = self.cache.where.get(child.file.src_uri)
                if w is not None:
                    out.append((child, w.path, w.level, w.parent))
        return out

    def previous(self) -> tuple[Any, str, int, Any]:
        src = self.group.active_src
        for child in self.where.parent.children:
            if getattr(child, "is_page", False) and child.file.src_uri == src:
                w = self.cache.where[src]
                return child, w.path, w.level, w.parent
        raise NavCacheMismatch(f"the page {src} left its section")

    def store(self, html: str, active_item: str, inactive_items: dict[str, str] | None = None) -> Markup:
        """Keep a full render (this page active) and the inactive items rendered with it."""
        g = self.group
        html = str(html)
        active_item = str(active_item)
        if html.count(active_item) != 1:
            # cannot splice this group safely: stop caching it
            self.cache.groups[self.key] = Group(html=None)
            self.cache.misses += 1
            return Markup(html)
        g.html, g.active_src, g.active_html = html, self.page.file.src_uri, active_item
        for src, item in (inactive_items or {}).items():
            g.inactive[src] = str(item)
        self.cache.misses += 1
        return Markup(html)

    def assemble(self, active_item: str, previous_inactive: str, full: str | None = None) -> Markup:
        """This page's navigation from the group's last one: two items swapped."""
        g = self.group
        active_item, previous_inactive = str(active_item), str(previous_inactive)
        mine = g.inactive[self.page.file.src_uri]
        html = g.html
        if html.count(g.active_html) != 1 or html.count(mine) != 1:
            raise NavCacheMismatch(f"navigation items of {self.page.file.src_uri} are not unique")
        html = html.replace(g.active_html, previous_inactive, 1).replace(mine, active_item, 1)
        if full is not None and str(full) != html:
            raise NavCacheMismatch(
                f"{self.page.file.src_uri}: the cached navigation differs from Material's — "
                "set PROCEDURES_NAV_CACHE=off and report it"
            )
        g.inactive[g.active_src] = previous_inactive
        g.html, g.active_src, g.active_html = html, self.page.file.src_uri, active_item
        self.cache.hits += 1
        return Markup(html)


def on_page_context(site, page, context: dict[str, Any], config) -> dict[str, Any]:
    nav = context.get("nav")
    if nav is None:
        return context
    cache = getattr(nav, "_procedures_nav_cache", None)
    if cache is None:
        cache = NavCache(nav)
        nav._procedures_nav_cache = cache
    context["nav_cache"] = cache
    context["nav_cache_verify"] = mode() == "verify"
    return context


def on_env(site, env, config, files):
    env.filters["nav_compact"] = compact
    return env


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature  # noqa: E402

FEATURE = Feature(
    __name__,
    page_hooks=("procedures.navcache",),  # nav_cache: the sidebar rendered once per section (partials/nav.html)
)
