"""Every title is HTML-escaped before any template prints it.

MkDocs hands Material page, section and link titles as plain strings, and Material prints
them raw in the navigation, the header, the footer, the breadcrumbs and the page's
``<h1>`` fallback. Titles come from front matter (chapters, briefings), from data
(section titles) and from a page's first heading, so they are editor text: ``<script>``
in a title would run on every page whose navigation shows it.

So once every page has been read (``on_env``, before the first template — the 404 page
included — is rendered) each title becomes a :class:`markupsafe.Markup` holding the
escaped text. Markup is never escaped twice (Jinja's ``| e`` leaves it alone), so
templates that do escape stay correct. Two things undo an escape and are handled where
they happen: Jinja's ``striptags`` (``overrides/main.html`` re-escapes the ``<title>``)
and Python code that wants the plain text (use :func:`text_of`).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

# front-matter keys Material prints unescaped (page.meta.<key>)
META_KEYS = ("title", "subtitle", "description")


def escaped(value: Any) -> Any:
    """Markup for a string (already-Markup values are kept); anything else unchanged."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return escape(value)


def text_of(value: Any) -> str:
    """The plain text of a title that may already be escaped (for JSON, search, PDFs)."""
    if isinstance(value, Markup):
        return value.unescape()
    return "" if value is None else str(value)


def _walk(items):
    for item in items or []:
        yield item
        yield from _walk(getattr(item, "children", None))


def on_nav(site, nav, config, files):
    """Section and link titles (from mkdocs.yml and the generated nav) are known now."""
    for item in _walk(nav.items):
        if not getattr(item, "is_page", False):
            item.title = escaped(item.title)
    return nav


def escape_page(page) -> None:
    title = page.title  # MkDocs works it out: nav entry, front matter, first heading, file name
    if title is not None:
        page.title = escaped(title)
    for key in META_KEYS:
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escaped(page.meta[key])


def on_env(site, env, config, files):
    """Every page has been read: escape every page's titles before any template runs."""
    for f in files.documentation_pages():
        if f.page is not None:
            escape_page(f.page)
    return env
