"""The editions plug-in: generated pages, links from each chapter's updates, the
"What did the manual say on a date?" macro and the check of the log's edition tags.

Generated pages (``on_files``, the same pattern as the briefings' theme pages):

* ``manual/<slug>/editions/<key>/`` — the chapter as published in that edition, for
  every text that has since been superseded, with a banner and ``noindex``;
* ``manual/<slug>/editions/<key>/changes/`` — what changed in that edition, as
  inserted and deleted words.

Both use ``overrides/edition.html`` and ``search: {exclude: true}``, so they are never
in the site search, and they are not in the navigation.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..core.dates import long_date
from ..core.render import md_escape, render_html
from .diff import changed_only, diff_markdown
from .history import Edition, History, HistoryError, Version, editions, in_force, ranges, read_history

if TYPE_CHECKING:
    from ..core.site import Site

KEY = "editions_history"
PICKER_SRC = "amendments/on-a-date.md"

_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*([^)\s]+)(\s+\"[^\"]*\")?\s*\)")
_REF_DEF = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*)(\S+)(.*)$", re.M)
_MACRO = re.compile(r"\{\{\s*(\w+)\(\s*[\"']([^\"']*)[\"']\s*\)\s*\}\}")
_ANY_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def history(site: Site) -> History:
    return site.extra.get(KEY) or History()


# --- the old text, made safe to build at its new address ----------------------------------------

def rewrite_links(text: str, old_src: str, new_src: str, exists: Callable[[str], bool], keep_anchors: bool) -> str:
    """Links in ``text`` (written for a page at ``old_src``) made to work from ``new_src``.

    A link to a page that still exists points to it (without a fragment: headings change
    between editions); a link to a page that no longer exists keeps only its text; a link
    to a heading of the same page stays when ``keep_anchors``, otherwise keeps its text."""
    old_dir, new_dir = posixpath.dirname(old_src), posixpath.dirname(new_src)

    def target(url: str) -> str | None:
        if _EXTERNAL.match(url):
            return url
        if url.startswith("#"):
            return url if keep_anchors else None
        path = url.split("#", 1)[0]
        resolved = posixpath.normpath(posixpath.join(old_dir, path))
        if not exists(resolved):
            return None
        return posixpath.relpath(resolved, new_dir or ".")

    def link(m: re.Match) -> str:
        bang, label, url, title = m.group(1), m.group(2), m.group(3), m.group(4) or ""
        new = target(url)
        if new is None:
            return f"({label})" if bang else label
        return f"{bang}[{label}]({new}{title})"

    def ref(m: re.Match) -> str:
        new = target(m.group(2))
        return f"{m.group(1)}{new}{m.group(3)}" if new else f"{m.group(1)}#{m.group(3)}"

    return _REF_DEF.sub(ref, _LINK.sub(link, text))


def replace_macros(site: Site, text: str) -> str:
    """Macro calls shown as plain text: the contact's name, the timescale's phrase (as they
    are now), anything else a pointer to the current version. Edition pages never run macros."""
    from ..contacts import all_contacts

    contacts = all_contacts(site)
    timescales = {getattr(t, "key", None): t for t in getattr(site.data.get("timescales"), "timescales", []) or []}

    def one(m: re.Match) -> str:
        name, key = m.group(1), m.group(2)
        if name == "contact" and key in contacts:
            return f"**{md_escape(contacts[key].name)}** (for the number, see the current version of this chapter)"
        if name == "timescale" and getattr(timescales.get(key), "phrase", None):
            return md_escape(timescales[key].phrase)
        return "(see the current version of this chapter)"

    text = _MACRO.sub(one, text)
    return _ANY_MACRO.sub("(see the current version of this chapter)", text)


def _front(title: str, description: str) -> str:
    return "\n".join([
        "---",
        f"title: {json.dumps(title)}",
        f"description: {json.dumps(description)}",
        "template: edition.html",
        "search:",
        "  exclude: true",
        "edition_page: true",
        "---",
        "",
    ])


def _rel(from_src: str, to_src: str) -> str:
    return posixpath.relpath(to_src, posixpath.dirname(from_src))


def edition_page(site: Site, v: Version, exists: Callable[[str], bool]) -> str:
    ch = v.chapter
    title = f"{ch.id} {v.title} — {v.edition.label}"
    body = replace_macros(site, rewrite_links(v.body, ch.src_uri, v.src, exists, keep_anchors=True))
    until = long_date(v.superseded_on) if v.superseded_on else ""
    banner = [
        '<div class="edition-banner" role="note" markdown>',
        "",
        f"**Superseded on {until}** — [read the current version]({_rel(v.src, ch.src_uri)}).",
        "",
        f"This is chapter {md_escape(ch.id)} as published in the {md_escape(v.edition.label)} "
        f"([{md_escape(v.edition.heading)}]({_rel(v.src, v.edition.page)}#{v.edition.anchor})), "
        f"in force from {long_date(v.edition.date)} until {until}. Do not use it for current practice. "
        "Contact details and timescales are shown as they are now.",
    ]
    if v.previous is not None:
        banner += ["", f"[What changed in this edition]({_rel(v.src, v.changes_src)})"]
    banner += ["", "</div>", ""]
    return _front(title, f"Chapter {ch.id} as it stood in the {v.edition.label} (superseded).") + "\n".join(banner) + "\n" + body


def changes_page(site: Site, v: Version, exists: Callable[[str], bool]) -> str:
    ch = v.chapter
    prev = v.previous
    assert prev is not None
    title = f"{ch.id} {v.title} — what changed in the {v.edition.label}"
    old = replace_macros(site, rewrite_links(prev.body, ch.src_uri, v.changes_src, exists, keep_anchors=False))
    new = replace_macros(site, rewrite_links(v.body, ch.src_uri, v.changes_src, exists, keep_anchors=False))
    d = diff_markdown(old, new)
    before = f"[the text before]({_rel(v.changes_src, prev.src)})" if not prev.current else "the text before"
    after = (f"[the text after]({_rel(v.changes_src, v.src)})" if not v.current
             else f"[the current version]({_rel(v.changes_src, ch.src_uri)})")
    head = [
        '<div class="edition-banner edition-banner--changes" role="note" markdown>',
        "",
        f"Changes to chapter {md_escape(ch.id)} in the {md_escape(v.edition.label)}, published {long_date(v.edition.date)}, "
        f"compared with the {md_escape(prev.edition.label)}. Read {before} or {after}.",
        "",
        f"Inserted text is <ins>underlined</ins> and deleted text is <del>struck through</del>; "
        f"{len(d.inserted)} insertion(s) and {len(d.deleted)} deletion(s). Only the parts that changed are "
        "shown, under their headings; the whole chapter is in the texts linked above.",
        "",
        "</div>",
        "",
    ]
    return (_front(title, f"What changed in chapter {ch.id} in the {v.edition.label}.") + "\n".join(head) + "\n"
            + changed_only(d.markdown))


# --- MkDocs hooks (registry.PAGE_HOOKS) ---------------------------------------------------------

def on_files(site: Site, files, config):
    """Read the editions from git and add their pages; one line and a failed build when
    the clone cannot give them (registry.PAGE_HOOKS)."""
    from mkdocs.structure.files import File

    from ..core.builder import BuildFailed
    from ..preview import active

    if active():
        # the fast preview rebuilds every generated page on every save: leave the
        # earlier texts to the real build
        site.extra[KEY] = History(editions=editions(site))
        _chapter_links(site, site.extra[KEY])
        return files
    try:
        hist = read_history(site)
    except HistoryError as exc:
        # BuildFailed (not a MkDocs error): MkDocs would add "Aborted with a BuildError!"
        raise BuildFailed(str(exc)) from None
    site.extra[KEY] = hist

    def exists(src: str) -> bool:
        return files.get_file_from_path(src) is not None

    for versions in hist.versions.values():
        for v in versions:
            if v.chapter.status == "draft" or not exists(v.chapter.src_uri):
                continue
            if not v.current:
                files.append(File.generated(config, v.src, content=edition_page(site, v, exists)))
            if v.previous is not None:
                files.append(File.generated(config, v.changes_src, content=changes_page(site, v, exists)))
    _chapter_links(site, hist)
    return files


def on_page_markdown(site: Site, page, markdown: str, config) -> str | None:
    if page.meta.get("edition_page"):
        hide = list(page.meta.get("hide") or [])
        if "navigation" not in hide:
            hide.append("navigation")
        page.meta["hide"] = hide
    return None


def _chapter_links(site: Site, hist: History) -> None:
    """For "Updates to this chapter": per release date, the text before and what changed."""
    for ch in site.chapters:
        links: dict[str, list[dict[str, str]]] = {}
        for v in hist.versions.get(ch.id, []):
            items = []
            if v.previous is not None:
                items.append({"url": v.changes_url, "text": "what changed"})
                if not v.previous.current:
                    items.append({"url": v.previous.url, "text": "the text before this update"})
            if not v.current:
                items.append({"url": v.url, "text": f"the text as published in the {v.edition.label}"})
            links[v.edition.date.isoformat()] = items
        ch.extra["edition_links"] = links


def changes_src(site: Site, chapter_id: str, release_date) -> str | None:
    """The 'what changed' page (docs src) of a chapter in the edition of ``release_date``,
    for the Amendments page; None when that edition's text is not in git."""
    for v in history(site).versions.get(chapter_id, []):
        if v.edition.date == release_date and v.previous is not None:
            return v.changes_src
    return None


# --- the cross check ------------------------------------------------------------------------

def check_editions(site: Site) -> None:
    """Each release's tag is named after its own date and used once (registry.CROSS_CHECKS)."""
    from ..amendments import log as am

    # the amendments page links each entry to its "what changed" page through this
    site.extra["edition_changes"] = lambda chapter_id, when: changes_src(site, chapter_id, when)
    data = am.log(site)
    if data is None:
        return
    seen: dict[str, int | None] = {}
    for i, rel in enumerate(data.releases):
        if not rel.tag:
            continue
        where = site.line(am.NAME, ("releases", i, "tag"))
        key = rel.tag.removeprefix("edition-")
        if key not in (rel.date.strftime("%Y-%m"), rel.date.isoformat()):
            site.report.error(am.FILE, where,
                              f"tag {rel.tag} does not match the release date {rel.date} — it should be edition-{rel.date:%Y-%m}; "
                              "tags are set by 'procedures release', do not edit them")
        if rel.tag in seen:
            site.report.error(am.FILE, where, f"tag {rel.tag} is already used by the release on line {seen[rel.tag]} — each edition has its own tag")
        seen[rel.tag] = where


# --- "What did the manual say on a date?" --------------------------------------------------------

def on_date_context(site: Site, page_url: str) -> dict[str, Any]:
    from ..manual.chapters import id_sort_key
    from ..manual.page import url_from

    hist = history(site)
    rows = []
    for e, last in reversed(ranges(hist.editions)):
        chapters = []
        if e.tag:
            for ch in sorted(site.chapters, key=lambda c: id_sort_key(c.id)):
                if ch.status == "draft" or not hist.existed(ch.id, e):
                    continue
                v = hist.stood(ch.id, e)
                if v is None:
                    continue
                target = ch.url if v.current else v.url
                chapters.append({"id": ch.id, "title": v.title, "href": url_from(page_url, target), "current": v.current})
        rows.append({
            "e": e,
            "from": e.date.isoformat(),
            "to": last.isoformat() if last else "",
            "from_label": long_date(e.date),
            "to_label": long_date(last) if last else None,
            "chapters": chapters,
            "release_href": url_from(page_url, _page_url(e.page)) + "#" + e.anchor,
        })
    return {"rows": rows, "first": rows[-1] if rows else None}


def _page_url(src: str) -> str:
    from ..amendments.log import page_url

    return page_url(src)


def macros(site: Site) -> dict[str, Any]:
    def editions_on_date() -> Markup:
        """For docs/amendments/on-a-date.md: the date picker and every edition with its dates."""
        return Markup(render_html("editions-on-date.html", **on_date_context(site, "amendments/on-a-date/")))

    return {"editions_on_date": editions_on_date}


__all__ = ["Edition", "History", "check_editions", "macros", "on_files", "on_post_build", "in_force"]


_SITEMAP_URL = re.compile(r"\s*<url>\s*<loc>[^<]*/editions/[^<]*</loc>.*?</url>", re.S)


def on_post_build(site: Site, config) -> None:
    """Superseded texts and diffs are noindex: leave them out of sitemap.xml (and .gz)."""
    import gzip
    from pathlib import Path

    path = Path(config.site_dir) / "sitemap.xml"
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    new = _SITEMAP_URL.sub("", text)
    if new != text:
        path.write_text(new, encoding="utf-8")
        gz = path.with_name("sitemap.xml.gz")
        if gz.exists():
            with gzip.GzipFile(filename="", mode="wb", fileobj=gz.open("wb"), mtime=0) as f:
                f.write(new.encode("utf-8"))
