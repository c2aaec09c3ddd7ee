"""Page macros for the thresholds section, and the generated navigation of level pages.

Every function renders from ``data/thresholds.yml`` through escaped templates in
``procedures/templates/thresholds/``. Each one that shows level names also shows the
"names awaiting confirmation" note while any level is unconfirmed, so no page can
show the names without it.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..contacts import all_contacts
from ..contacts import view as contact_view
from ..core.dates import long_date
from ..core.render import md_escape, render_html, render_markdown
from ..partnership import area_names
from .models import AGE_BANDS, ASSESSMENTS
from .view import ages_label, level_label, level_page, thresholds

if TYPE_CHECKING:
    from ..core.site import Site
    from .view import Thresholds

ASSESSMENT_SHORT = {
    "none": "No formal assessment",
    "early-help-assessment": "Early Help Assessment",
    "child-in-need": "Child in need assessment (section 17)",
    "child-protection": "Child protection enquiries (section 47)",
}

INDICATORS_JSON = "thresholds/indicators.json"  # site path of the file the finder reads
FINDER_PAGE = "thresholds/finder/"  # site URL of the finder page (directory URLs)


def md_heading(text: str) -> Markup:
    """Text for a Markdown heading: escaped like any value, but with plain apostrophes,
    which are harmless in Markdown and would otherwise show as "&#39;" in the contents."""
    return Markup(md_escape(text).replace("&\\#39;", "'"))


def nav_entries(site: Site) -> list[dict[str, str]]:
    """Nav items for mkdocs.yml's ``!threshold-levels`` marker: one page per level."""
    th = thresholds(site)
    if th is None:
        return []
    return [{level_label(lv): level_page(lv.key)} for lv in th.levels]


def _need(site: Site) -> Thresholds:
    th = thresholds(site)
    if th is None:  # the build stops before pages render when the data failed to load
        raise RuntimeError("data/thresholds.yml did not load — run 'procedures check' to see why")
    return th


def names_note(th: Thresholds, compact: bool = False, index_href: str | None = None) -> Markup:
    """The note that the level names are descriptive, while any name is unconfirmed.

    The full note appears once on the overview (thresholds/index.md, through the levels
    table) and on the printed quick sheet, which stands alone. The other thresholds pages
    link to it (``index_href`` is that overview's address relative to the page), so the
    reader is told once, not on every page."""
    if not th.any_unconfirmed:
        return Markup("")
    href = f"{index_href}#about-the-level-names" if index_href is not None else None
    return Markup(render_html("thresholds/note.html", note=th.data.document.names_note, compact=compact, href=href))


def _groups(th: Thresholds, indicators: list) -> list[dict[str, Any]]:
    """Indicators grouped by domain, then sub-domain, in the order of the data file."""
    out = []
    for d in th.domains:
        subs = []
        for s in d.subdomains:
            items = [i for i in indicators if i.domain == d.key and i.subdomain == s.key]
            if items:
                subs.append({"sub": s, "inds": items})
        if subs:
            out.append({"domain": d, "subs": subs})
    return out


def _routes(site: Site, level) -> list[dict[str, Any]]:
    contacts = all_contacts(site)
    names = area_names(site)
    order = {a: n for n, a in enumerate(names)}
    routes = sorted(level.routes, key=lambda r: order.get(r.area, len(order)))
    return [{"r": r, "area": names.get(r.area, r.area), "v": contact_view(contacts[r.contact])}
            for r in routes if r.contact in contacts]


def finder_data(site: Site) -> dict[str, Any]:
    """What ``thresholds/indicators.json`` contains (also used by tests)."""
    th = _need(site)
    doc = th.data.document
    return {
        "title": doc.title,
        "built": site.today.isoformat(),
        "names_unconfirmed": th.any_unconfirmed,
        "names_note": doc.names_note if th.any_unconfirmed else None,
        "levels": [
            {"key": lv.key, "number": lv.number, "name": lv.name, "label": level_label(lv),
             "unconfirmed": lv.unconfirmed is not None, "summary": lv.summary,
             "url": level_page(lv.key).removesuffix(".md") + "/"}
            for lv in th.levels
        ],
        "domains": [
            {"key": d.key, "name": d.name,
             "subdomains": [{"key": s.key, "name": s.name} for s in d.subdomains]}
            for d in th.domains
        ],
        "age_bands": [{"key": k, "name": v} for k, v in AGE_BANDS.items()],
        "indicators": [
            {"id": th.id_of(i), "text": i.text, "level": i.level, "domain": i.domain,
             "subdomain": i.subdomain, "ages": list(i.ages)}
            for i in th.indicators
        ],
    }


def macros(site: Site) -> dict[str, Any]:
    def thresholds_levels() -> str:
        """The levels at a glance, for the overview: name, situation, response, link."""
        th = _need(site)
        rows = [{"lv": lv, "label": level_label(lv), "page": level_page(lv.key),
                 "assessments": "; ".join(ASSESSMENT_SHORT[a] for a in lv.response.assessment)}
                for lv in th.levels]
        return render_markdown("thresholds/levels-table.md", from_dir="thresholds/", rows=rows, note=names_note(th))

    def threshold_level(key: str) -> str:
        """Everything about one level: situation, response, contacts, indicators."""
        th = _need(site)
        lv = th.level_by_key.get(key)
        if lv is None:
            known = ", ".join(th.level_by_key)
            raise ValueError(f"threshold_level('{key}'): no such level in data/thresholds.yml — known: {known}")
        lower, higher = th.neighbours(lv)
        items = th.at(level=key)
        return render_markdown(
            "thresholds/level.md", from_dir="thresholds/levels/",
            lv=lv, note=names_note(th, index_href="../../"),
            assessments=[ASSESSMENTS[a] for a in lv.response.assessment],
            routes=Markup(render_html("thresholds/routes.html", routes=_routes(site, lv), level=lv)),
            local=[{"n": n, "area": area_names(site).get(n.area, n.area)} for n in lv.local],
            lower={"label": level_label(lower), "page": level_page(lower.key)} if lower else None,
            higher={"label": level_label(higher), "page": level_page(higher.key)} if higher else None,
            count=len(items), groups=_groups(th, items), ages_label=ages_label, h=md_heading,
        )

    def thresholds_matrix() -> str:
        """Every indicator in a table per domain: sub-domains down, levels across."""
        th = _need(site)
        levels = [{"lv": lv, "label": level_label(lv), "page": level_page(lv.key)} for lv in th.levels]
        tables = []
        for d in th.domains:
            rows = [{"sub": s, "cells": [th.at(level=lv.key, domain=d.key, subdomain=s.key) for lv in th.levels]}
                    for s in d.subdomains]
            tables.append({"domain": d, "html": Markup(render_html(
                "thresholds/matrix-table.html", domain=d, levels=levels, rows=rows, ages_label=ages_label))})
        return render_markdown("thresholds/matrix.md", from_dir="thresholds/", levels=levels, tables=tables,
                               note=names_note(th, index_href="../"), count=len(th.indicators), h=md_heading)

    def thresholds_finder() -> str:
        """The indicator finder: the full list (works without JavaScript) and filter controls
        that the finder script reveals and drives from thresholds/indicators.json."""
        th = _need(site)
        labels = {lv.key: level_label(lv) for lv in th.levels}
        groups = _groups(th, th.indicators)
        return render_html(
            "thresholds/finder.html", th=th, groups=groups, labels=labels, ages=AGE_BANDS,
            ages_label=ages_label, note=names_note(th, index_href="../"), total=len(th.indicators),
            src=posixpath.relpath(INDICATORS_JSON, FINDER_PAGE), id_of=th.id_of,
        )

    def thresholds_quick_sheet() -> str:
        """The A4 quick sheet: every level's signs and response, and whom to call."""
        th = _need(site)
        contacts = all_contacts(site)
        top = th.levels[-1]
        area_contacts = [{"area": x["area"], "v": x["v"]} for x in _routes(site, top)]
        emergency = contacts.get("emergency")
        return render_html(
            "thresholds/quick-sheet.html", th=th, note=names_note(th, compact=True),
            levels=[{"lv": lv, "label": level_label(lv),
                     "assessments": [ASSESSMENT_SHORT[a] for a in lv.response.assessment]}
                    for lv in th.levels],
            area_contacts=area_contacts, emergency=contact_view(emergency) if emergency else None,
            build_date=long_date(site.today),
        )

    return {
        "thresholds_levels": thresholds_levels,
        "threshold_level": threshold_level,
        "thresholds_matrix": thresholds_matrix,
        "thresholds_finder": thresholds_finder,
        "thresholds_quick_sheet": thresholds_quick_sheet,
    }
