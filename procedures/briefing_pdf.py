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

CACHE_DIR = ".cache/briefing-pdfs"  # under the project root; safe to delete at any time
CACHE_DAYS = 7

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


def fingerprint(site_dir: Path, page_path: str, *parts: str) -> str:
    """What a PDF depends on: the page's HTML, every stylesheet and script it loads, the
    printing code, and ``parts`` (title, footer, public address, date of printing)."""
    import hashlib

    from . import pdf

    html_file = site_dir / page_path / "index.html"
    html = html_file.read_bytes()
    digest = hashlib.sha256(html)
    for ref in sorted(set(re.findall(rb'(?:href|src)="([^"?#]+\.(?:css|js))', html))):
        target = (html_file.parent / ref.decode()).resolve()
        if target.is_file() and target.is_relative_to(site_dir.resolve()):
            digest.update(ref + b"\0" + target.read_bytes())
    for module_file in (pdf.__file__, __file__):
        digest.update(Path(module_file).read_bytes())
    for part in parts:
        digest.update(b"\0" + part.encode("utf-8"))
    return digest.hexdigest()


def _prune(cache: Path) -> None:
    import time

    limit = time.time() - CACHE_DAYS * 86400
    for old in cache.glob("*.pdf"):
        try:
            if old.stat().st_mtime < limit:
                old.unlink()
        except OSError:
            pass


def build_pdfs(site: Site, site_dir: Path) -> list[Path]:
    """AFTER_BUILD: print every published or archived briefing, then the action plan.

    Runs in its own thread: Playwright's sync API refuses to start inside a thread that
    already drives a browser (as a test session does), and a new thread has its own loop.
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_build_pdfs, site, site_dir).result()


def _build_pdfs(site: Site, site_dir: Path) -> list[Path]:
    import shutil

    from .builder import BuildFailed
    from .dates import build_datetime
    from .pdf import PdfError, PdfPrinter

    items = briefings.visible(site)
    if not items:
        return []
    site_dir = Path(site_dir)
    now = build_datetime()
    public_url = site_url(site)
    public = public_url.rstrip("/") + "/" if public_url else ""
    # (page, output, title, is a briefing)
    jobs = [(b.url, site_dir / b.pdf_url, f"{b.title} — 7-Minute Briefing", b) for b in items]
    if (site_dir / briefings.ACTION_PLAN_URL / "index.html").exists():
        jobs.append((briefings.ACTION_PLAN_URL, site_dir / briefings.ACTION_PLAN_URL / briefings.ACTION_PLAN_PDF,
                     "Team action plan — 7-Minute Briefings", None))
    # an identical earlier print (same page, styles, scripts, code and day) is reused
    cache = site.root / CACHE_DIR
    keys = {page: fingerprint(site_dir, page, title, FOOTER_NOTE, public, now.date().isoformat())
            for page, _, title, _ in jobs}
    to_print = []
    for page, out, title, _ in jobs:
        cached = cache / f"{keys[page]}.pdf"
        out.parent.mkdir(parents=True, exist_ok=True)
        if cached.is_file():
            shutil.copyfile(cached, out)
        else:
            to_print.append((page, out, title))
    if to_print:
        try:
            with PdfPrinter(site_dir, public_url=public_url, now=now) as printer:
                for page, out, title in to_print:
                    printer.render(page, out, title=title, footer_note=FOOTER_NOTE)
                    _store(cache, keys[page], out)
        except PdfError as exc:
            raise BuildFailed(f"7-Minute Briefing PDFs: {exc}") from exc
    problems = []
    for _, out, _, b in jobs:
        if b is not None and (pages := page_count(out)) != 1:
            problems.append(
                f"{b.file}: the briefing prints on {pages} A4 pages — a 7-Minute Briefing must fit on one: "
                "shorten the longest sections (aim for about 400 words)"
            )
    _prune(cache)
    if problems:
        raise BuildFailed("\n".join(problems))
    add_sizes(site_dir)
    return [out for _, out, _, _ in jobs]


def _store(cache: Path, key: str, pdf: Path) -> None:
    import shutil

    try:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cache / f".{key}.{id(pdf)}.tmp"
        shutil.copyfile(pdf, tmp)
        tmp.replace(cache / f"{key}.pdf")  # atomic: a parallel build never reads half a file
    except OSError:
        pass  # a read-only project still builds, just without the cache
