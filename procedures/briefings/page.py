"""What a 7-Minute Briefing page shows: head, seven numbered panels, foot; and the
generated theme pages. Wired into MkDocs through ``registry.PAGE_HOOKS``.

The panels are made from the HTML MkDocs rendered: the body is cut at each top-level
``<h2>`` (the seven ``## `` sections that :func:`procedures.briefings.briefing.parse_sections`
has already checked), and each piece becomes one item of an ordered list, so the
reading order for a screen reader is the order of the text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..core.dates import long_date
from ..core.render import render_html
from ..manual.page import url_from
from ..preview import in_preview
from . import briefing as briefings

if TYPE_CHECKING:
    from ..core.site import Site
    from .briefing import Briefing

_H2 = re.compile(r"<h2\b[^>]*>.*?</h2>", re.S)
_H2_PARTS = re.compile(r"(<h2\b)([^>]*)(>)(.*?)(</h2>)", re.S)
_LEADING_NUMBER = re.compile(r"^\s*\d+[.)]\s+")


def split_panels(html: str) -> list[dict[str, Markup]] | None:
    """Cut rendered HTML into (heading, body) pairs at each ``<h2>``; None if there is
    text before the first heading or no heading at all (the check prevents both)."""
    heads = list(_H2.finditer(html))
    if not heads or html[: heads[0].start()].strip():
        return None
    panels = []
    for i, h in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(html)
        m = _H2_PARTS.match(h.group(0))
        if m is None:  # pragma: no cover - _H2 and _H2_PARTS match the same text
            return None
        open_tag, attrs, gt, inner, close = m.groups()
        inner = _LEADING_NUMBER.sub("", inner, count=1)
        attrs = attrs + ' class="briefing-panel__title"' if "class=" not in attrs else attrs
        heading = f'{open_tag}{attrs}{gt}<span class="briefing-panel__number">{i + 1}</span> {inner}{close}'
        panels.append({"heading": Markup(heading), "body": Markup(html[h.end():end].strip())})
    return panels


def panels_html(panels: list[dict[str, Markup]]) -> Markup:
    """The seven panels as an ordered list. Built here rather than through render_html,
    whose tidying would strip the indentation of any code block in a panel."""
    items = "".join(
        Markup('<li class="briefing-panel">\n{}\n<div class="briefing-panel__body">\n{}\n</div>\n</li>\n').format(p["heading"], p["body"])
        for p in panels
    )
    return Markup('<ol class="briefing-panels" role="list">\n{}</ol>').format(Markup(items))


def page_context(site: Site, b: Briefing, page_url: str, site_url: str) -> dict[str, Any]:
    chapters = {c.id: c for c in site.chapters}
    tmap = briefings.theme_map(site)
    related = [chapters[r] for r in b.meta.related if r in chapters and chapters[r].status == "published"]
    return {
        "b": b,
        "m": b.meta,
        "published": long_date(b.meta.published),
        "themes": [{"t": tmap[k], "href": url_from(page_url, briefings.theme_url(k))} for k in b.meta.themes if k in tmap],
        "related": [{"c": c, "href": url_from(page_url, c.url)} for c in related],
        "pdf_href": url_from(page_url, b.pdf_url),
        "pdf_path": b.pdf_url,
        "preview": in_preview(),
        "plan_href": url_from(page_url, briefings.ACTION_PLAN_URL),
        "page_abs": (site_url.rstrip("/") + "/" + page_url) if site_url else page_url,
        "build_date": long_date(site.today),
        "partnership_of": p.wording.partnership_of if (p := site.data.get("partnership")) else "the partnership",
    }


# --- MkDocs hooks (see registry.PAGE_HOOKS) -------------------------------------------

def on_files(site: Site, files, config):
    """Add one generated page per theme: briefings/themes/<key>.md."""
    from mkdocs.structure.files import File

    for theme in briefings.themes(site):
        src = briefings.theme_src(theme.key)
        if files.get_file_from_path(src) is None:
            files.append(File.generated(config, src, content=briefings.theme_page_markdown(site, theme)))
    return files


def on_page_markdown(site: Site, page, markdown: str, config) -> str | None:
    b = briefings.briefing_for(site, page.file.src_uri)
    if b is None:
        return None
    page.meta.setdefault("template", "briefing.html")
    page.meta.setdefault("description", b.meta.summary)
    page.meta["title"] = f"{b.title} — 7-Minute Briefing"
    hide = list(page.meta.get("hide") or [])
    if "toc" not in hide:
        hide.append("toc")  # the seven panels are the page's structure
    page.meta["hide"] = hide
    return None


def on_page_context(site: Site, page, context: dict[str, Any], config) -> dict[str, Any]:
    b = briefings.briefing_for(site, page.file.src_uri)
    if b is None:
        return context
    ctx = page_context(site, b, page.url, config.site_url or "")
    context["briefing_head"] = Markup(render_html("briefing-head.html", **ctx))
    context["briefing_foot"] = Markup(render_html("briefing-foot.html", **ctx))
    panels = split_panels(page.content or "")
    context["briefing_panels"] = panels_html(panels) if panels else Markup(page.content or "")
    return context
