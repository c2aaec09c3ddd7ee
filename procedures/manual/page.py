"""What a chapter page shows around its text: code, scope, banners, related, review, print."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .. import at_a_glance
from ..core.dates import long_date, month_year
from ..core.render import render_html
from .chapters import Chapter, by_id, chapter_for, owner_name

if TYPE_CHECKING:
    from ..core.site import Site


def url_from(page_url: str, target_url: str) -> str:
    """Relative URL from a page (``manual/a/``) to another site URL (``manual/b/``)."""
    rel = posixpath.relpath("/" + target_url, "/" + (page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"))
    if target_url.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel


def report_problem_href(site: Site, chapter: Chapter, page_url_abs: str) -> str:
    """mailto link to the owner's contact, pre-filled with the chapter id and title."""
    from ..contacts import all_contacts

    owners = site.data.get("owners")
    key = chapter.meta.owner or (owners.default if owners else None)
    owner = next((o for o in owners.owners if o.key == key), None) if owners else None
    contact = all_contacts(site).get(owner.contact) if owner and owner.contact else None
    subject = f"Problem with chapter {chapter.id} {chapter.title}"
    body = f"Chapter: {chapter.id} {chapter.title}\nPage: {page_url_abs}\n\nWhat is wrong or unclear:\n"
    if contact and contact.email:
        href = f"mailto:{contact.email}?subject={quote(subject)}&body={quote(body)}"
        return href
    return ""


def context(site: Site, chapter: Chapter, page_url: str, site_url: str) -> dict[str, Any]:
    chapters = by_id(site)
    related = [chapters[r] for r in chapter.meta.related if r in chapters and chapters[r].status != "draft"]
    successor = chapters.get(chapter.meta.superseded_by) if chapter.meta.superseded_by else None
    page_abs = (site_url.rstrip("/") + "/" + page_url) if site_url else page_url
    href = report_problem_href(site, chapter, page_abs)
    amendments = chapter.extra.get("amendments", [])  # filled by the amendments log, newest first
    latest = amendments[0] if amendments else None
    contacts_page = chapter_for(site, at_a_glance.LOCAL_CONTACTS)
    contacts_href = url_from(page_url, contacts_page.url) if contacts_page and contacts_page is not chapter else None
    return {
        "ch": chapter,
        "at_a_glance": at_a_glance.render(site, chapter, contacts_href),
        "m": chapter.meta,
        "owner": owner_name(site, chapter.meta.owner),
        "related": [{"c": c, "href": url_from(page_url, c.url)} for c in related],
        "successor": {"c": successor, "href": url_from(page_url, successor.url)} if successor else None,
        "overdue": chapter.meta.next_review < site.today,
        "last_reviewed": month_year(chapter.meta.last_reviewed),
        "next_review": month_year(chapter.meta.next_review),
        "build_date": long_date(site.today),
        "page_abs": page_abs,
        "report_href": href,
        "latest": latest,
        "amendments": amendments,
        "fallback_amendment": chapter.meta.amendment,
        # earlier texts and "what changed", per release date (procedures/editions/)
        "edition_links": {d: [{"href": url_from(page_url, x["url"]), "text": x["text"]} for x in items]
                          for d, items in chapter.extra.get("edition_links", {}).items()},
    }


def head(site: Site, chapter: Chapter, page_url: str, site_url: str) -> str:
    return render_html("chapter-head.html", **context(site, chapter, page_url, site_url))


def foot(site: Site, chapter: Chapter, page_url: str, site_url: str) -> str:
    return render_html("chapter-foot.html", **context(site, chapter, page_url, site_url))


# --- page hooks (the manual's FEATURE lists this module FIRST) ------------------------------

def on_page_markdown(site: Site, page, markdown: str, config) -> None:
    """A chapter is rendered with ``chapter.html``; its title is its code and title, its
    description its summary, and a badge from the amendments (``nav_status``) its status."""
    chapter = chapter_for(site, page.file.src_uri)
    if chapter is None:
        return None
    page.meta.setdefault("template", "chapter.html")
    page.meta.setdefault("description", chapter.meta.summary)
    page.meta["title"] = chapter.label
    badge = chapter.extra.get("nav_status")
    if badge:
        page.meta["status"] = badge
    return None


def on_page_context(site: Site, page, context: dict[str, Any], config) -> dict[str, Any]:
    chapter = chapter_for(site, page.file.src_uri)
    if chapter is not None:
        context["chapter_head"] = head(site, chapter, page.url, config.site_url or "")
        context["chapter_foot"] = foot(site, chapter, page.url, config.site_url or "")
    return context
