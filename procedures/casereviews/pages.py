"""Case reviews on the site: the check, the ``case_reviews()`` macro, and reports past
their period left out of the build."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..core.dates import long_date
from ..core.render import render_html
from .models import FILE, MIN_MONTHS, NAME, CaseReviewsFile

if TYPE_CHECKING:
    from ..core.site import Site

PAGE_SRC = "case-reviews.md"
PAGE_URL = "case-reviews/"


def data(site: Site) -> CaseReviewsFile | None:
    return site.data.get(NAME)


def check_case_reviews(site: Site) -> None:
    """Keys used once, themes and briefings that exist, report files present (registry.CROSS_CHECKS)."""
    from ..briefings.briefing import published as published_briefings
    from ..briefings.briefing import theme_map

    d = data(site)
    if d is None:
        return
    themes = theme_map(site)
    briefings = {b.slug for b in published_briefings(site)}
    seen: dict[str, int | None] = {}
    for i, r in enumerate(d.reviews):
        line = site.line(NAME, ("reviews", i, "key"))
        if r.key in seen:
            site.report.error(FILE, line, f"key '{r.key}' is already used on line {seen[r.key]} — give each review its own key")
        seen[r.key] = line
        for j, t in enumerate(r.themes):
            if t not in themes:
                site.report.error(FILE, site.line(NAME, ("reviews", i, "themes", j)),
                                  f"theme '{t}' is not in data/briefing-themes.yml — use one of: {', '.join(sorted(themes))}")
        if r.briefing and r.briefing not in briefings:
            site.report.error(FILE, site.line(NAME, ("reviews", i, "briefing")),
                              f"briefing '{r.briefing}' is not a published 7-Minute Briefing — write its file name in docs/briefings/ without .md")
        if r.report_file and not (site.root / "docs" / r.report_file).is_file():
            site.report.error(FILE, site.line(NAME, ("reviews", i, "report_file")),
                              f"report_file docs/{r.report_file} does not exist — add the PDF there or correct the name")


def context(site: Site, page_url: str = PAGE_URL) -> dict[str, Any]:
    from ..briefings.briefing import published as published_briefings
    from ..briefings.briefing import theme_map
    from ..manual.page import url_from

    d = data(site)
    themes = theme_map(site)
    briefings = {b.slug: b for b in published_briefings(site)}
    items = []
    for r in sorted(d.reviews if d else [], key=lambda r: r.published, reverse=True):
        b = briefings.get(r.briefing or "")
        items.append({
            "r": r,
            "published": long_date(r.published),
            "expiry_iso": r.expiry.isoformat(),
            "expiry": long_date(r.expiry),
            "shown": r.shown_on(site.today),
            "report_href": r.report_url or url_from(page_url, r.report_file),
            "themes": [themes[t].title for t in r.themes if t in themes],
            "briefing": {"title": b.title, "href": url_from(page_url, b.url)} if b else None,
        })
    return {"items": items, "repository": d.repository_url if d else "", "months": MIN_MONTHS,
            "build_date": long_date(site.today)}


def macros(site: Site) -> dict[str, Any]:
    def case_reviews() -> Markup:
        """For docs/case-reviews.md: every review, newest first; the report until its expiry, then the repository."""
        return Markup(render_html("case-reviews.html", **context(site)))

    return {"case_reviews": case_reviews}


def on_files(site: Site, files, config):
    """A report file past its period is not published (registry.PAGE_HOOKS)."""
    d = data(site)
    for r in d.reviews if d else []:
        if r.report_file and not r.shown_on(site.today):
            f = files.get_file_from_path(r.report_file)
            if f is not None:
                files.remove(f)
    return files
