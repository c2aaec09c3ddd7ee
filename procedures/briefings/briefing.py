"""7-Minute Briefings: model, loading, the seven-section rule, checks, index, feed, nav.

A briefing is ``docs/briefings/<slug>.md``: validated front matter (:class:`BriefingMeta`)
and a body of exactly seven ``## `` sections, shown as seven numbered panels by
``overrides/briefing.html`` (see :mod:`procedures.briefings.page`). Themes come from the
controlled list in ``data/briefing-themes.yml``; every theme has a generated page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal
from xml.etree import ElementTree as ET

from markupsafe import Markup, escape
from pydantic import Field, StringConstraints

from ..core.checks import known, unique
from ..core.content import ContentPage
from ..core.dates import long_date
from ..core.models import ChapterId, Key, Model, Text
from ..core.validation import validate
from ..preview import in_preview

if TYPE_CHECKING:
    from pathlib import Path

    from ..core.site import PageSource, Site

SECTION_COUNT = 7
USUAL_SECTIONS = (
    "Background", "Why it matters", "What we found", "Key learning",
    "What good practice looks like", "Reflective questions", "Further reading and resources",
)
# Above this many words a briefing rarely fits one A4 page; the PDF step checks for certain.
WORDS_WARNING = 480

SOURCE_KINDS = {
    "rapid-review": "Local rapid reviews",
    "practice-review": "Child safeguarding practice review",
    "audit": "Multi-agency audit",
    "national-review": "National review",
    "partnership-priority": "Partnership priority work",
}

FEED_PATH = "feeds/briefings.xml"
THEMES_DIR = "briefings/themes"
ACTION_PLAN_SRC = "briefings/action-plan/index.md"
ACTION_PLAN_URL = "briefings/action-plan/"
ACTION_PLAN_PDF = "team-action-plan.pdf"


# --- models ----------------------------------------------------------------------------

class Theme(Model):
    key: Key
    title: Text
    description: Text


class BriefingThemesFile(Model):
    themes: list[Theme] = Field(min_length=1)


class BriefingSource(Model):
    kind: Literal["rapid-review", "practice-review", "audit", "national-review", "partnership-priority"]
    title: Text  # what the learning comes from, e.g. "The Myth of Invisible Men"
    reference: Text  # where a reader can find it
    period: Text | None = None  # when, as the source gives it: "September 2021", "2023-24"

    @property
    def kind_label(self) -> str:
        return SOURCE_KINDS[self.kind]


class BriefingMeta(Model):
    title: Text
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=250)]
    published: date
    themes: list[Key] = Field(min_length=1)
    source: BriefingSource
    newsletter: Text | None = None  # the Safeguarding Matters issue it appeared in, e.g. "Issue 12"
    related: list[ChapterId] = []
    status: Literal["draft", "published", "archived"]


# --- what the site knows about each briefing -------------------------------------------

@dataclass
class Section:
    title: str  # without any "1." the editor wrote
    line: int
    has_text: bool = False


@dataclass
class Briefing(ContentPage):
    meta: BriefingMeta
    sections: list[Section] = field(default_factory=list)

    @property
    def pdf_url(self) -> str:
        return f"{self.url}{self.slug}.pdf"


def theme_src(key: str) -> str:
    return f"{THEMES_DIR}/{key}.md"


def theme_url(key: str) -> str:
    return f"{THEMES_DIR}/{key}/"


# --- loading: front matter and the seven sections -------------------------------------

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_INDENTED_HEADING = re.compile(r"^\s{4,}#{1,2}\s")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_NUMBER = re.compile(r"^(\d+)[.)]\s+")
_ATTRS = re.compile(r"\s*\{[^}]*\}\s*$")


def parse_sections(body: str, body_line: int, file: str, report) -> list[Section]:
    """The ``## `` sections of a briefing body; reports every problem with its line."""
    sections: list[Section] = []
    fence: str | None = None
    text_before: int | None = None
    for offset, raw in enumerate(body.splitlines()):
        n = body_line + offset
        fm = _FENCE.match(raw)
        if fm:
            marker = fm.group(1)
            if fence is None:
                fence = marker[0] * 3
            elif marker.startswith(fence):
                fence = None
            if sections:
                sections[-1].has_text = True
            continue
        if fence is not None:
            continue
        m = _HEADING.match(raw)
        if m:
            level = len(m.group(1))
            text = _ATTRS.sub("", (m.group(2) or "").rstrip("#").strip())
            if level == 1:
                report.error(file, n, "do not write a '# ' title in a briefing — the title comes from 'title:' in the front matter; use '## ' for the seven sections")
            elif level == 2:
                number = _NUMBER.match(text)
                position = len(sections) + 1
                if number:
                    if int(number.group(1)) != position:
                        report.error(file, n, f"section {position} is numbered '{number.group(1)}' — number the sections 1 to 7 in order, or leave the numbers out (the layout numbers them)")
                    text = text[number.end():]
                if not text:
                    report.error(file, n, "a section heading has no text — write it after '## ', e.g. '## Background'")
                sections.append(Section(text, n))
            elif sections:
                sections[-1].has_text = True
            continue
        if _INDENTED_HEADING.match(raw):
            report.error(file, n, "an indented '#' or '##' heading would add a panel inside a panel — use '### ' for sub-headings inside a section")
            continue
        if raw.strip():
            if sections:
                sections[-1].has_text = True
            elif text_before is None:
                text_before = n
    if text_before is not None:
        report.error(file, text_before, "text before the first '## ' section would not appear in any panel — move it into section 1")
    for s in sections:
        if not s.has_text:
            report.error(file, s.line, f"section '{s.title}' has no text — write it, or merge it with another section")
    if len(sections) > SECTION_COUNT:
        extra = sections[SECTION_COUNT]
        report.error(file, extra.line, f"a 7-Minute Briefing has exactly seven sections ('## ' headings); this one has {len(sections)} and section 8 starts here — merge or remove sections until there are seven")
    elif len(sections) < SECTION_COUNT:
        line = sections[-1].line if sections else body_line
        report.error(file, line, f"a 7-Minute Briefing has exactly seven sections ('## ' headings); this one has {len(sections)} — add the missing one(s); the usual seven are: {'; '.join(USUAL_SECTIONS)}")
    return sections


def load_briefing(site: Site, page: PageSource) -> None:
    """Content type for ``docs/briefings/*.md`` (registry.CONTENT_TYPES)."""
    page.kind = "briefing"
    rel = site.rel(page.path)
    meta = validate(BriefingMeta, page.meta, page.lines, site.report)
    page.model = meta
    sections = parse_sections(page.body, page.body_line, rel, site.report)
    if meta is None:
        return
    briefing = Briefing(meta, page.src_uri, rel, page.lines, sections)
    site.extra.setdefault("briefings", []).append(briefing)
    words = len(page.body.split())
    if meta.status != "draft" and words > WORDS_WARNING:
        site.report.warning(rel, page.body_line, f"the briefing has {words} words and may not fit on one A4 page (the build checks) — aim for under {WORDS_WARNING}")


# --- views over all briefings ----------------------------------------------------------

def all_briefings(site: Site) -> list[Briefing]:
    return list(site.extra.get("briefings", []))


def _newest_first(items: list[Briefing]) -> list[Briefing]:
    return sorted(items, key=lambda b: (-b.meta.published.toordinal(), b.title.lower()))


def published(site: Site) -> list[Briefing]:
    """Published briefings, newest first (ties by title)."""
    return _newest_first([b for b in all_briefings(site) if b.status == "published"])


def archived(site: Site) -> list[Briefing]:
    return _newest_first([b for b in all_briefings(site) if b.status == "archived"])


def visible(site: Site) -> list[Briefing]:
    """Briefings that exist in a production build (never drafts)."""
    return [b for b in all_briefings(site) if b.status != "draft"]


def briefing_for(site: Site, src_uri: str) -> Briefing | None:
    return next((b for b in all_briefings(site) if b.src_uri == src_uri), None)


def themes(site: Site) -> list[Theme]:
    data = site.data.get("briefing-themes")
    return list(data.themes) if data else []


def theme_map(site: Site) -> dict[str, Theme]:
    return {t.key: t for t in themes(site)}


# --- cross checks ----------------------------------------------------------------------

def check_briefings(site: Site) -> None:
    rep = site.report
    data = site.data.get("briefing-themes")
    theme_keys = unique(site, "briefing-themes", data.themes, "key", "themes") if data else None
    chapters = {c.id: c for c in site.chapters}
    invalid_ids = site.extra.get("invalid_chapter_ids", set())
    titles: dict[str, Briefing] = {}
    for b in sorted(all_briefings(site), key=lambda b: b.file):
        m = b.meta
        if theme_keys is not None:
            seen: set[str] = set()
            for i, key in enumerate(m.themes):
                line = b.lines.line_of(("themes", i))
                if key not in theme_keys:
                    rep.error(b.file, line, f"theme '{key}' is not in data/briefing-themes.yml — use one of: {known(theme_keys)} (or ask for the theme to be added there)")
                elif key in seen:
                    rep.error(b.file, line, f"theme '{key}' is listed twice — list each theme once")
                seen.add(key)
        seen_related: set[str] = set()
        for i, rid in enumerate(m.related):
            line = b.lines.line_of(("related", i))
            target = chapters.get(rid)
            if rid in seen_related:
                rep.error(b.file, line, f"related chapter '{rid}' is listed twice — list each chapter once")
            seen_related.add(rid)
            if target is None:
                if rid not in invalid_ids:
                    rep.error(b.file, line, f"related chapter '{rid}' does not exist — check the id in the manual's contents (manual/index.md)")
            elif target.status == "draft":
                rep.error(b.file, line, f"related chapter '{rid}' is a draft and is not published — remove it until it is published")
            elif target.status == "archived":
                rep.error(b.file, line, f"related chapter '{rid}' is archived — link the chapter that replaced it{f' ({target.meta.superseded_by})' if target.meta.superseded_by else ''}")
        if m.status != "draft":
            key = m.title.strip().lower()
            if key in titles:
                rep.error(b.file, b.lines.line_of(("title",)), f"another briefing ({titles[key].file}) has the same title — give each briefing its own title")
            else:
                titles[key] = b


# --- navigation ------------------------------------------------------------------------

def nav_entries(site: Site) -> list[dict[str, Any]]:
    """Nav items for mkdocs.yml's ``!briefings`` marker: published briefings, newest first."""
    return [{b.title: b.src_uri} for b in published(site)]


# --- index, theme pages and the action plan -------------------------------------------

def _url_from(page_url: str, target_url: str) -> str:
    from ..manual.page import url_from

    return url_from(page_url, target_url)


_MD_ENTITIES = str.maketrans({"[": "&#91;", "]": "&#93;", "*": "&#42;", "_": "&#95;", "`": "&#96;", "\\": "&#92;"})


def card(site: Site, b: Briefing, page_url: str) -> dict[str, Any]:
    """What the index and theme pages show for one briefing (values for raw HTML are
    escaped here, because the Markdown template's escaping is for Markdown text)."""
    tmap = theme_map(site)
    chosen = [tmap[k] for k in b.meta.themes if k in tmap]
    return {
        "b": b,
        "m": b.meta,
        "date": long_date(b.meta.published),
        "themes": chosen,
        "theme_srcs": {t.key: theme_src(t.key) for t in chosen},
        # inside raw HTML: entities for the characters Markdown would act on
        "title_html": Markup(str(escape(b.title)).translate(_MD_ENTITIES)),
        "pdf_href": Markup(escape(_url_from(page_url, b.pdf_url))),
        "pdf_path": Markup(escape(b.pdf_url)),
        "preview": in_preview(),
    }


def theme_counts(site: Site) -> list[dict[str, Any]]:
    items = published(site)
    return [{"t": t, "count": sum(1 for b in items if t.key in b.meta.themes), "src": theme_src(t.key)}
            for t in themes(site)]


def index_markdown(site: Site) -> str:
    from ..core.render import render_markdown

    page_url = "briefings/"
    return render_markdown(
        "briefings-index.md", from_dir="briefings/",
        cards=[card(site, b, page_url) for b in published(site)],
        archived=[card(site, b, page_url) for b in archived(site)],
        themes=theme_counts(site),
        feed_href=Markup(escape(_url_from(page_url, FEED_PATH))),
        plan_src=ACTION_PLAN_SRC,
    )


def theme_page_markdown(site: Site, theme: Theme) -> str:
    """The whole Markdown file (with front matter) of a generated theme page."""
    import json

    from ..core.render import render_markdown

    page_url = theme_url(theme.key)
    items = [b for b in published(site) if theme.key in b.meta.themes]
    front = "\n".join([
        "---",
        f"title: {json.dumps(f'{theme.title} — 7-Minute Briefings')}",
        f"description: {json.dumps(theme.description)}",
        "---",
        "",
    ])
    body = render_markdown(
        "briefings-theme.md", from_dir=f"{THEMES_DIR}/",
        theme=theme, cards=[card(site, b, page_url) for b in items],
        others=[t for t in theme_counts(site) if t["t"].key != theme.key and t["count"]],
        index_src="briefings/index.md", plan_src=ACTION_PLAN_SRC,
    )
    return front + body


def macros(site: Site) -> dict[str, Any]:
    from ..core.render import render_html

    def briefings_index() -> str:
        """The 7-Minute Briefings index: newest first, by theme, archived ones last."""
        return index_markdown(site)

    def briefing_action_plan() -> str:
        """The team action-plan template: a form that prints; nothing is sent anywhere."""
        return render_html("briefing-action-plan.html", briefings=[b.title for b in published(site)],
                           pdf_href=ACTION_PLAN_PDF, rows=range(1, 5), preview=in_preview())

    return {"briefings_index": briefings_index, "briefing_action_plan": briefing_action_plan}


# --- the Atom feed ---------------------------------------------------------------------

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(d: date) -> str:
    return f"{d.isoformat()}T00:00:00Z"


def feed_xml(site: Site, site_url: str, site_name: str, author: str) -> bytes:
    """An Atom feed of published briefings with absolute links from ``site_url``."""
    base = site_url.rstrip("/") + "/"
    items = published(site)
    tmap = theme_map(site)
    ET.register_namespace("", ATOM)

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
        if text is not None:
            el.text = text
        return el

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en-GB"})
    sub(feed, "title", f"7-Minute Briefings — {site_name}")
    sub(feed, "subtitle", "Key messages from local and national reviews and audits, for short team discussions.")
    sub(feed, "id", base + FEED_PATH)
    sub(feed, "link", rel="self", type="application/atom+xml", href=base + FEED_PATH)
    sub(feed, "link", rel="alternate", type="text/html", href=base + "briefings/")
    sub(feed, "updated", _stamp(max((b.meta.published for b in items), default=site.today)))
    sub(sub(feed, "author"), "name", author)
    for b in items:
        entry = sub(feed, "entry")
        url = base + b.url
        sub(entry, "title", b.title)
        sub(entry, "id", url)
        sub(entry, "link", rel="alternate", type="text/html", href=url)
        sub(entry, "link", rel="enclosure", type="application/pdf", href=base + b.pdf_url)
        sub(entry, "published", _stamp(b.meta.published))
        sub(entry, "updated", _stamp(b.meta.published))
        summary = b.meta.summary
        if b.meta.newsletter:
            summary += f" Published in {b.meta.newsletter} of Safeguarding Matters."
        sub(entry, "summary", summary)
        for key in b.meta.themes:
            if key in tmap:
                sub(entry, "category", term=key, label=tmap[key].title, scheme=base + THEMES_DIR + "/")
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"


def write_feed(site: Site, site_dir: Path, config) -> None:
    """POST_BUILD: write feeds/briefings.xml."""
    from mkdocs.exceptions import PluginError

    site_url = config.get("site_url") or ""
    if not site_url.startswith(("https://", "http://")):
        raise PluginError("mkdocs.yml: site_url is not set — the briefings feed needs the site's address for its links")
    out = site_dir / FEED_PATH
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(feed_xml(site, site_url, config.get("site_name") or "", config.get("copyright") or config.get("site_name") or ""))


def unlisted(site: Site) -> list[str]:
    """Briefings that exist but are not in the navigation (archived; drafts shown in the preview)."""
    return [b.src_uri for b in all_briefings(site) if b.status != "published"]
