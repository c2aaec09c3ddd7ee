"""One tagged A4 PDF per 7-Minute Briefing, and a blank team action plan.

:func:`pdf_documents` (in ``registry.PDF_DOCUMENTS``) lists them for
:func:`procedures.pdf.render_all`, which prints them from the finished site with the
other documents, reuses unchanged prints and stops the build with one line naming the
briefing's file when a briefing does not fit on one A4 page. Afterwards the
``AFTER_BUILD`` step :func:`add_sizes` gives each "Download the one-page PDF" link the
file's size.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from . import briefing as briefings

if TYPE_CHECKING:
    from ..core.site import Site
    from ..pdf import PdfDocument



def footer_note(site: Site) -> str:
    """'7-Minute Briefing · <the partnership>', from data/partnership.yml (wording.briefing_footer)."""
    p = site.data.get("partnership")
    return p.wording.briefing_footer if p else "7-Minute Briefing"

TOO_LONG = ("{file}: the briefing prints on {{pages}} A4 pages — a 7-Minute Briefing must fit on one: "
            "shorten the longest sections (aim for about 400 words)")

_PDF_LINK = re.compile(r'(<a\b[^>]*\bdata-pdf-size="([^"]+)"[^>]*>)(.*?)(</a>)', re.S)


def pdf_documents(site: Site) -> list[PdfDocument]:
    """registry.PDF_DOCUMENTS: every published or archived briefing (one page each), then
    the team action plan."""
    from ..pdf import PdfDocument

    docs = [PdfDocument(page_path=b.url, out=b.pdf_url, title=f"{b.title} — 7-Minute Briefing",
                        footer_note=footer_note(site), max_pages=1, too_long=TOO_LONG.format(file=b.file.replace("{", "{{").replace("}", "}}")))
            for b in briefings.visible(site)]
    if docs and briefings.ACTION_PLAN_SRC in site.pages:
        docs.append(PdfDocument(page_path=briefings.ACTION_PLAN_URL,
                                out=briefings.ACTION_PLAN_URL + briefings.ACTION_PLAN_PDF,
                                title="Team action plan — 7-Minute Briefings", footer_note=footer_note(site)))
    return docs


def size_label(n_bytes: int) -> str:
    return f"PDF, {max(1, round(n_bytes / 1024))} KB" if n_bytes < 1024 * 1024 else f"PDF, {n_bytes / 1024 / 1024:.1f} MB"


def add_sizes(site: Site | None, site_dir: Path) -> int:
    """AFTER_BUILD (after the PDFs): add "(PDF, 85 KB, one A4 page)" to every briefing
    link marked with ``data-pdf-size``; return how many."""
    site_dir = Path(site_dir)
    count = 0
    for html_file in sorted((site_dir / "briefings").rglob("*.html")):
        text = html_file.read_text(encoding="utf-8")

        def fill(m: re.Match) -> str:
            nonlocal count
            pdf = site_dir / m.group(2)
            if not pdf.exists() or "briefing-pdf-size" in m.group(3):
                return m.group(0)
            count += 1
            return f'{m.group(1)}{m.group(3)}<span class="briefing-pdf-size"> ({size_label(pdf.stat().st_size)}, one A4 page)</span>{m.group(4)}'

        new = _PDF_LINK.sub(fill, text)
        if new != text:
            html_file.write_text(new, encoding="utf-8")
    return count
