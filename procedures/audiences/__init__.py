"""Two audiences, two navigations: practitioners, and the editors and developers who run the site.

The guide for editors (``docs/editors/``) and the developers' pages (``docs/developers/``)
stay in ``mkdocs.yml``'s nav, so MkDocs still checks every entry (strict builds fail on a
missing page), but they are taken out of the navigation practitioners see:

* :func:`on_nav` splits the navigation after MkDocs has built it. Top-level sections whose
  pages are all under :data:`STAFF_FOLDERS` move to a second navigation; the pages'
  previous/next links are worked out again within each navigation, so the footer of the
  last practitioner page never leads into the editor guide (and the other way round).
* :func:`on_page_context` gives the pages of the editor guide that second navigation as
  their sidebar (Material renders it, so they keep a full, working menu among themselves).
* The footer of every page links to the guide (``overrides/partials/copyright.html``),
  and ``/editors/`` is its address, as before: no URL changes.

Search leaves these pages out (``procedures/search/``): practitioners searching for
"neglect" find the chapter, not the page about how to edit it.

Editing links: Material shows an "Edit this page" pencil when ``edit_uri`` is set. The
partnership has not chosen a git host yet, so ``mkdocs.yml`` leaves ``edit_uri`` out; an
address on a reserved example domain (``example.org``, ``example.com``, ``example.net``,
RFC 2606) is treated as not set (:func:`real_edit_uri`), so a placeholder never reaches
readers.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from mkdocs.structure.nav import Navigation

log = logging.getLogger("mkdocs.plugins.procedures")

# docs/ folders whose pages are for the people who run the site, not for practitioners
STAFF_FOLDERS: tuple[str, ...] = ("editors/", "developers/")
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net")


def is_staff_page(src_uri: str) -> bool:
    return src_uri.startswith(STAFF_FOLDERS)


def real_edit_uri(edit_uri: str | None) -> str | None:
    """``edit_uri`` if it is a real address; None when unset or on a placeholder domain."""
    if not edit_uri:
        return None
    host = (urlsplit(edit_uri).hostname or "").lower()
    if any(host == d or host.endswith("." + d) for d in PLACEHOLDER_DOMAINS):
        return None
    return edit_uri


def on_config(site, config) -> None:
    """Drop a placeholder ``edit_uri`` before MkDocs gives pages their edit links."""
    if config.get("edit_uri") and real_edit_uri(config["edit_uri"]) is None:
        log.info("edit_uri %s is a placeholder: no 'Edit this page' links", config["edit_uri"])
        config["edit_uri"] = None
        config["edit_uri_template"] = None


def _pages(items) -> list:
    out = []
    for item in items:
        if getattr(item, "is_page", False):
            out.append(item)
        out.extend(_pages(getattr(item, "children", None) or []))
    return out


def _is_staff_item(item) -> bool:
    pages = _pages([item])
    return bool(pages) and all(is_staff_page(p.file.src_uri) for p in pages)


def _link(pages: list) -> None:
    for i, page in enumerate(pages):
        page.previous_page = pages[i - 1] if i > 0 else None
        page.next_page = pages[i + 1] if i + 1 < len(pages) else None


def split(nav: Navigation) -> Navigation | None:
    """Move the staff sections out of ``nav`` (in place); return them as their own
    navigation, or None when there are none."""
    staff_items = [item for item in nav.items if _is_staff_item(item)]
    if not staff_items:
        return None
    nav.items = [item for item in nav.items if not _is_staff_item(item)]
    staff_pages = [p for p in nav.pages if is_staff_page(p.file.src_uri)]
    nav.pages = [p for p in nav.pages if not is_staff_page(p.file.src_uri)]
    _link(nav.pages)
    _link(staff_pages)
    staff = Navigation(staff_items, staff_pages)
    staff.homepage = nav.homepage  # the header's logo still leads to the site's home page
    return staff


def on_nav(site, nav: Navigation, config, files) -> Navigation:
    site.extra["staff_nav"] = split(nav)
    return nav


def on_page_context(site, page, context: dict[str, Any], config) -> dict[str, Any]:
    staff = site.extra.get("staff_nav")
    if staff is not None and is_staff_page(page.file.src_uri):
        context["nav"] = staff
    return context


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature  # noqa: E402

FEATURE = Feature(
    __name__,
    page_hooks=("procedures.audiences",),  # editor and developer pages: their own navigation, not the practitioners'
)
