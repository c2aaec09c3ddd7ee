"""Macros for the pages in ``docs/arrangements/`` — every table and list from data.

Each function returns escaped HTML (``render_html``) or Markdown (``render_markdown``,
with ``.md`` links MkDocs validates). Pages call them on a line of their own, e.g.
``{{ arrangements_rotation() }}``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..core.dates import long_date
from ..core.render import render_html, render_markdown
from ..partnership import area_names
from ..preview import in_preview
from . import governance, rotation
from .roles import lsps

if TYPE_CHECKING:
    from ..core.site import Site

FROM = "arrangements/"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def section_pages(site: Site) -> list[dict[str, Any]]:
    data = site.data.get("arrangements")
    out = []
    for name in data.sections if data else []:
        page = site.pages.get(FROM + name)
        if page is None:
            continue
        model = page.model
        out.append({
            "name": name,
            "src": FROM + name,
            "title": getattr(model, "title", None) or name.removesuffix(".md").replace("-", " ").capitalize(),
            "description": getattr(model, "description", None),
        })
    return out


def current_chair_html(site: Site) -> str:
    rows = rotation.browser_rows(site)
    return render_html(
        "arrangements/current-chair.html",
        rows_json=json.dumps(rows, ensure_ascii=False, separators=(",", ":")),
        none_template=rotation.browser_none_template(site),
        build_date=site.today.isoformat(),
        fallback=rotation.sentence(site, site.today, built=True),
    )


def rotation_html(site: Site) -> str:
    current = rotation.period_for(site, site.today)
    periods, notes = [], []
    for p in rotation.periods(site):
        view = {
            "year": p.year.label, "start": p.start.isoformat(), "end": p.end.isoformat(),
            "split": p.row.split, "period_text": p.period_text, "chairs": p.chairs, "deputies": p.deputies,
            "joint": p.joint, "current": current is not None and p.index == current.index,
            "note_on": None, "note_number": None,
        }
        if p.unconfirmed:
            number = len(notes) + 1
            published = p.row.as_published
            field = "deputies" if published and published.deputies else ("chairs" if published and published.chairs else "chairs")
            view["note_on"], view["note_number"] = field, number
            notes.append({
                "number": number, "year": p.year.label,
                "field": "deputy chair" if field == "deputies" else "chair",
                "published": getattr(published, field) if published else None,
                "reason": p.unconfirmed,
            })
        periods.append(view)
    return render_html("arrangements/rotation.html", periods=periods, notes=notes)


def _roles_in_order(roles: dict) -> list:
    return list(roles.values())  # in the order of data/partners.yml


def macros(site: Site) -> dict[str, Any]:
    from . import document
    from .roles import dsps

    def arrangements_contents() -> str:
        """Numbered list of the document's sections, linking to each page."""
        return render_markdown("arrangements/contents.md", from_dir=FROM, sections=section_pages(site))

    def arrangements_current_chair() -> str:
        """Who chairs today: decided in the reader's browser, with the build date as fallback."""
        return current_chair_html(site)

    def arrangements_signatories() -> str:
        """The lead safeguarding partners who sign the arrangements."""
        return render_html("arrangements/signatories.html", lsps=_roles_in_order(lsps(site)))

    def arrangements_lsps() -> str:
        return render_markdown("arrangements/lsps.md", from_dir=FROM, roles=_roles_in_order(lsps(site)))

    def arrangements_dsps() -> str:
        return render_markdown("arrangements/dsps.md", from_dir=FROM, roles=_roles_in_order(dsps(site)))

    def arrangements_rotation() -> str:
        """The chair rotation table with its notes on unconfirmed entries."""
        return rotation_html(site)

    def arrangements_governance_chart() -> str:
        return render_html("arrangements/chart.html", **governance.chart_context(site))

    def arrangements_groups() -> str:
        """A section (### heading, anchor = group key) for every governance group."""
        return render_markdown("arrangements/groups.md", from_dir=FROM, groups=governance.groups_context(site))

    def arrangements_membership() -> str:
        """Appendix 1: each partnership's safeguarding partners, relevant agencies, attendance."""
        return render_markdown("arrangements/membership.md", from_dir=FROM, **membership_context(site))

    def arrangements_compliance() -> str:
        """The Working Together 2023 compliance table."""
        return render_markdown("arrangements/compliance.md", from_dir=FROM, items=compliance_context(site))

    def arrangements_pdf_link(href: str = "arrangements.pdf") -> str:
        """Link to the PDF (``href`` is relative to the page the link is on)."""
        return render_html("arrangements/pdf-link.html", href=href, built=long_date(site.today), preview=in_preview())

    def arrangements_document() -> str:
        """The whole document on one page (the source of the PDF)."""
        return document.markdown(site)

    return {name: fn for name, fn in locals().items() if name.startswith("arrangements_")}


def membership_context(site: Site) -> dict[str, Any]:
    data = site.data.get("partnerships")
    partners = site.data.get("partners")
    orgs = {o.key: o for o in partners.organisations} if partners else {}
    groups = governance.by_key(site)

    def agency(a):
        return {"name": a.name, "note": a.note, "via": groups.get(a.via) if a.via else None}

    out = []
    for p in data.partnerships if data else []:
        out.append({
            "key": p.key, "name": p.name, "short": p.short,
            "areas_text": _and([area_names(site).get(a, a) for a in p.areas]),
            "partners": [orgs[k] for k in p.safeguarding_partners if k in orgs],
            "agencies": [agency(a) for a in p.relevant_agencies],
            "in_attendance": p.in_attendance,
        })
    return {"partnerships": out, "relevant_to_all": [agency(a) for a in data.relevant_to_all] if data else []}


def compliance_context(site: Site) -> list[dict[str, Any]]:
    data = site.data.get("arrangements-compliance")
    titles = {s["name"]: s["title"] for s in section_pages(site)}
    groups = governance.by_key(site)
    out = []
    for item in data.items if data else []:
        targets = []
        for t in item.covered_by:
            name, _, anchor = t.partition("#")
            label = titles.get(name, name)
            if anchor:
                heading = groups[anchor].name if anchor in groups and name == "structure-and-governance.md" else _heading_text(site, name, anchor)
                label = f"{label}: {heading}" if heading else label
            targets.append({"href": FROM + t, "label": label})
        out.append({"requirement": item.requirement, "text": item.text, "targets": targets,
                    "coverage": item.coverage, "note": item.note})
    return out


def _heading_text(site: Site, name: str, anchor: str) -> str | None:
    from .anchors import headings

    page = site.pages.get(FROM + name)
    if page is None:
        return None
    return next((text for _n, _lvl, text, ident in headings(page.body) if ident == anchor), None)


def nav_entries(site: Site) -> list[dict[str, str]]:
    """Nav items for the sections, in the document's order (mkdocs.yml ``!arrangements``)."""
    return [{s["title"]: s["src"]} for s in section_pages(site)]


def pdf_documents(site: Site) -> list:
    """The arrangements PDF, printed from the one-page version (registry.PDF_DOCUMENTS)."""
    from ..pdf import PdfDocument

    data = site.data.get("arrangements")
    if not data or FROM + data.document_page not in site.pages:
        return []
    page_path = FROM + data.document_page.removesuffix(".md") + "/"
    note = f"Produced {long_date(site.today)}. Printed copies may be out of date — check the website for the current version."
    return [PdfDocument(page_path=page_path, out=FROM + data.pdf.file, title=data.pdf.title, footer_note=note)]
