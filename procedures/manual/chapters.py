"""The procedures manual: chapters, sections, contents, navigation and review state."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..core.content import ContentPage
from ..core.validation import validate
from .models import ChapterMeta, Section

if TYPE_CHECKING:
    from ..core.site import PageSource, Site

DUE_SOON_DAYS = 60


@dataclass
class Chapter(ContentPage):
    meta: ChapterMeta
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def label(self) -> str:
        return f"{self.id} {self.title}"

    def review_state(self, today: date) -> str:
        if self.meta.next_review < today:
            return "overdue"
        if self.meta.next_review <= today + timedelta(days=DUE_SOON_DAYS):
            return "due-soon"
        return "current"


def id_sort_key(chapter_id: str) -> tuple:
    parts = chapter_id.replace("-", ".").split(".")
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


def load_chapter(site: Site, page: PageSource) -> None:
    page.kind = "chapter"
    meta = validate(ChapterMeta, page.meta, page.lines, site.report)
    page.model = meta
    if meta is None:
        # remember the id anyway, so other chapters' references to it do not add noise
        raw_id = page.meta.get("id")
        if raw_id is not None:
            site.extra.setdefault("invalid_chapter_ids", set()).add(str(raw_id))
    if meta is not None:
        site.chapters.append(Chapter(meta, page.src_uri, site.rel(page.path), page.lines))
        if len(page.body.split()) < 50 and meta.status == "published":
            site.report.error(site.rel(page.path), page.body_line, "a published chapter needs its procedure text below the front matter")


def published(site: Site) -> list[Chapter]:
    return sorted((c for c in site.chapters if c.status == "published"), key=lambda c: id_sort_key(c.id))


def visible(site: Site) -> list[Chapter]:
    """Chapters that exist in a production build: published and archived (never drafts)."""
    return [c for c in site.chapters if c.status != "draft"]


def _index(site: Site, name: str, key) -> dict[str, Chapter]:
    """A lookup over ``site.chapters``, made once per site (and again if a chapter is
    added): every page asks for its chapter, so a fresh scan each time made a build of
    N chapters cost N x N."""
    cached = site.extra.get(name)
    if cached is None or cached[0] is not site.chapters or cached[1] != len(site.chapters):
        index: dict[str, Chapter] = {}
        for c in site.chapters:
            index.setdefault(key(c), c)
        cached = (site.chapters, len(site.chapters), index)
        site.extra[name] = cached
    return cached[2]


def by_id(site: Site) -> dict[str, Chapter]:
    """Chapters by id (the first with each id; duplicates are reported by check_chapters).
    Shared: do not change the dict."""
    return _index(site, "_chapters_by_id", lambda c: c.id)


def sections(site: Site) -> list[Section]:
    data = site.data.get("sections")
    return list(data.sections) if data else []


def owner_name(site: Site, key: str | None) -> str:
    owners = site.data.get("owners")
    if owners is None:
        return key or ""
    key = key or owners.default
    return next((o.name for o in owners.owners if o.key == key), key)


def check_chapters(site: Site) -> None:
    rep = site.report
    ids: dict[str, Chapter] = {}
    section_keys = {s.key for s in sections(site)}
    owners = site.data.get("owners")
    owner_keys = {o.key for o in owners.owners} if owners else set()
    for ch in sorted(site.chapters, key=lambda c: c.file):
        m = ch.meta
        if m.id in ids:
            rep.error(ch.file, ch.lines.line_of(("id",)), f"chapter id '{m.id}' is already used by {ids[m.id].file} — ids are unique and never reused; pick the next free id")
        else:
            ids[m.id] = ch
        if section_keys and m.section not in section_keys:
            rep.error(ch.file, ch.lines.line_of(("section",)), f"section '{m.section}' does not exist — known: {', '.join(sorted(section_keys))} (see data/sections.yml)")
        if m.owner and owner_keys and m.owner not in owner_keys:
            rep.error(ch.file, ch.lines.line_of(("owner",)), f"owner '{m.owner}' is not a group in data/owners.yml — known: {', '.join(sorted(owner_keys))}")
    for ch in site.chapters:
        m = ch.meta
        for i, rid in enumerate(m.related):
            target = ids.get(rid)
            line = ch.lines.line_of(("related", i))
            if target is None and rid in site.extra.get("invalid_chapter_ids", ()):
                continue
            if target is None:
                rep.error(ch.file, line, f"related chapter '{rid}' does not exist — check the id in the contents")
            elif rid == m.id:
                rep.error(ch.file, line, "a chapter cannot list itself as related — remove its own code from related")
            elif m.status != "draft" and target.status == "draft":
                rep.error(ch.file, line, f"related chapter '{rid}' is a draft and will not be published — remove it until it is published")
        if m.superseded_by:
            target = ids.get(m.superseded_by)
            line = ch.lines.line_of(("superseded_by",))
            if target is None:
                rep.error(ch.file, line, f"superseded_by '{m.superseded_by}' does not exist — name the chapter that replaces this one")
            elif target.status != "published":
                rep.error(ch.file, line, f"superseded_by '{m.superseded_by}' is not published — readers must be sent to a live chapter")
        if m.status != "draft" and not m.title[:1].isupper():
            rep.warning(ch.file, ch.lines.line_of(("title",)), "the title should start with a capital letter")
        if m.status == "published":
            state = ch.review_state(site.today)
            if state == "due-soon":
                rep.warning(ch.file, ch.lines.line_of(("next_review",)), f"review due on {m.next_review} (within {DUE_SOON_DAYS} days)")


# --- navigation ------------------------------------------------------------------------

def nav_entries(site: Site) -> list[dict[str, Any]]:
    """Nav items for the manual's sections, for mkdocs.yml's ``!chapters`` marker."""
    out = []
    chapters = published(site)
    for sec in sections(site):
        items = [{c.label: c.src_uri} for c in chapters if c.meta.section == sec.key]
        if items:
            out.append({f"{sec.key} {sec.title}": items})
    return out


# --- page views ------------------------------------------------------------------------

def chapter_for(site: Site, src_uri: str) -> Chapter | None:
    return _index(site, "_chapters_by_src", lambda c: c.src_uri).get(src_uri)


def macros(site: Site) -> dict[str, Any]:
    from ..core.render import render_markdown

    def contents() -> str:
        """The manual's contents: every section and published chapter with code and summary."""
        groups = []
        chapters = published(site)
        for sec in sections(site):
            groups.append({"section": sec, "chapters": [c for c in chapters if c.meta.section == sec.key]})
        return render_markdown("contents.md", groups=groups, from_dir="manual/")

    return {"contents": contents}


def unlisted(site: Site) -> list[str]:
    """Chapters that exist but are not in the navigation (archived; drafts shown in the preview)."""
    return [c.src_uri for c in site.chapters if c.status != "published"]
