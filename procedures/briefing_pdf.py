"""One tagged A4 PDF per 7-Minute Briefing, and a blank team action plan, printed from
the finished site by headless Chromium through :mod:`procedures.pdf`.

An ``AFTER_BUILD`` step: a briefing that does not fit on one A4 page stops the build
with one line naming its file, so an editor finds out before anything is published.
Afterwards each "Download the one-page PDF" link gets the file's size.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from . import briefings

if TYPE_CHECKING:
    from .site import Site

FOOTER_NOTE = "7-Minute Briefing · Leicester, Leicestershire and Rutland Safeguarding Children Partnerships"

_PDF_LINK = re.compile(r'(<a\b[^>]*\bdata-pdf-size="([^"]+)"[^>]*>)(.*?)(</a>)', re.S)


def site_url(site: Site) -> str | None:
    """``site_url`` from mkdocs.yml (links in the PDF point to the published site)."""
    import yaml

    path = site.root / "mkdocs.yml"
    if not path.exists():
        return None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            value = yaml.safe_load(line.split(":", 1)[1])
            return str(value) if value else None
    return None


def page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def size_label(n_bytes: int) -> str:
    return f"PDF, {max(1, round(n_bytes / 1024))} KB" if n_bytes < 1024 * 1024 else f"PDF, {n_bytes / 1024 / 1024:.1f} MB"


def add_sizes(site_dir: Path) -> int:
    """Add "(PDF, 85 KB)" to every link marked with ``data-pdf-size``; return how many."""
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


def build_pdfs(site: Site, site_dir: Path) -> list[Path]:
    """AFTER_BUILD: print every published or archived briefing, then the action plan.

    Runs in its own thread: Playwright's sync API refuses to start inside a thread that
    already drives a browser (as a test session does), and a new thread has its own loop.
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_build_pdfs, site, site_dir).result()


def _build_pdfs(site: Site, site_dir: Path) -> list[Path]:
    from .builder import BuildFailed
    from .dates import build_datetime
    from .pdf import PdfError, PdfPrinter

    items = briefings.visible(site)
    if not items:
        return []
    site_dir = Path(site_dir)
    written: list[Path] = []
    problems: list[str] = []
    try:
        with PdfPrinter(site_dir, public_url=site_url(site), now=build_datetime()) as printer:
            for b in items:
                out = printer.render(b.url, site_dir / b.pdf_url, title=f"{b.title} — 7-Minute Briefing",
                                     footer_note=FOOTER_NOTE)
                written.append(out)
                pages = page_count(out)
                if pages != 1:
                    problems.append(
                        f"{b.file}: the briefing prints on {pages} A4 pages — a 7-Minute Briefing must fit on one: "
                        "shorten the longest sections (aim for about 400 words)"
                    )
            if (site_dir / briefings.ACTION_PLAN_URL / "index.html").exists():
                written.append(printer.render(
                    briefings.ACTION_PLAN_URL, site_dir / briefings.ACTION_PLAN_URL / briefings.ACTION_PLAN_PDF,
                    title="Team action plan — 7-Minute Briefings", footer_note=FOOTER_NOTE,
                ))
    except PdfError as exc:
        raise BuildFailed(f"7-Minute Briefing PDFs: {exc}") from exc
    if problems:
        raise BuildFailed("\n".join(problems))
    add_sizes(site_dir)
    return written
