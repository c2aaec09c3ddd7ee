"""Tagged, accessible PDFs of built pages, printed by headless Chromium.

Shared machinery: a feature that publishes a page as a document adds a
``"module:function"`` to ``registry.PDF_DOCUMENTS``; the function takes the site and
returns :class:`PdfDocument` entries. After every build :func:`render_all` prints each
one from the finished site into the site itself (e.g. ``arrangements/arrangements.pdf``,
one PDF per 7-Minute Briefing), all with one browser, reusing an identical earlier print
from ``.cache/pdfs/``; ``procedures pdf`` does the same on demand.

How a page becomes a PDF (:func:`render_pdf`):

* the built site is served on 127.0.0.1 (a random free port) — the page is printed as
  readers see it, with its own CSS and print styles; any request to another host is
  refused;
* the system Chromium is driven by Playwright (no browser download); Playwright's own
  Chromium is used only when no system one is installed;
* print media is emulated; the PDF is A4, tagged (a structure tree for screen readers),
  with an outline (bookmarks from the headings), backgrounds, and a header and footer
  carrying the title and "Page n of N";
* the document title (the PDF's ``/Title``) is set from ``title``; links to the local
  server are rewritten to ``public_url`` (default: the site_url behind the page's
  canonical link) so they work outside the build;
* the clock can be fixed (``now``) so anything a page decides by date says the same
  in the PDF as in the HTML built with ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import functools
import hashlib
import html
import http.server
import os
import re
import shutil
import socketserver
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.threads import in_own_thread, in_threads

if TYPE_CHECKING:
    from ..core.site import Site

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-quic", "--no-first-run",
]

MARGIN = {"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}

_HEADER = """<div style="font-size:8px;width:100%;padding:0 16mm;color:#444;font-family:Arial,Helvetica,sans-serif;">
<span>{title}</span></div>"""
_FOOTER = """<div style="font-size:8px;width:100%;padding:0 16mm;color:#444;font-family:Arial,Helvetica,sans-serif;display:flex;justify-content:space-between;">
<span>{note}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>"""


class PdfError(Exception):
    """A PDF could not be made; the message says why and what to do."""


@dataclass(frozen=True)
class PdfDocument:
    page_path: str  # path of the built page inside the site, e.g. "arrangements/document/"; may end in
    # "?query" for a script that prepares the page for print
    out: str  # where the PDF goes inside the site, e.g. "arrangements/arrangements.pdf"
    title: str
    footer_note: str = ""
    # a document that must fit on so many A4 pages: when it prints longer the build stops
    # with ``too_long`` (one line for the editor; "{pages}" becomes the page count)
    max_pages: int | None = None
    too_long: str = ""


def chromium_executable() -> str | None:
    """The system Chromium, or None (then Playwright's own browser is tried)."""
    from ..core.browser import system_chromium

    return system_chromium()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def serve_site(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 at a random free port; yield the base URL."""
    handler = functools.partial(_Quiet, directory=str(site_dir))
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


# how long one page may take to load and print (the whole-manual page is long)
PAGE_TIMEOUT_S = 300


class PdfPrinter:
    """One browser and one local server for several PDFs of the same built site."""

    def __init__(self, site_dir: Path, *, public_url: str | None = None, now: datetime | None = None):
        self.site_dir = Path(site_dir)
        self.public_url = public_url.rstrip("/") + "/" if public_url else None
        self.now = now
        self._stack: list[Any] = []

    def __enter__(self) -> PdfPrinter:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as exc:  # pragma: no cover - playwright is a dependency
            raise PdfError("Playwright is not installed — run make build, or: pip install -e '.[publish]'") from exc
        self._server = serve_site(self.site_dir)
        self.base = self._server.__enter__()
        self._pw_cm = sync_playwright()
        self._pw = self._pw_cm.__enter__()
        exe = chromium_executable()
        try:
            self.browser = (self._pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True) if exe
                            else self._pw.chromium.launch(args=CHROMIUM_ARGS, headless=True))
        except Exception as exc:  # noqa: BLE001 - any launch failure gets the same advice
            self.__exit__(None, None, None)
            from ..core.browser import INSTALL_HINT

            raise PdfError(
                f"could not start Chromium to print the PDFs ({str(exc).splitlines()[0]}) — {INSTALL_HINT}"
            ) from exc
        return self

    def __exit__(self, *exc: Any) -> None:
        if getattr(self, "_ctx", None) is not None:
            self._ctx.close()
            self._ctx = None
        browser = getattr(self, "browser", None)
        if browser is not None:
            browser.close()
            self.browser = None
        if getattr(self, "_pw_cm", None) is not None:
            self._pw_cm.__exit__(None, None, None)
            self._pw_cm = None
        if getattr(self, "_server", None) is not None:
            self._server.__exit__(None, None, None)
            self._server = None

    def _context(self):
        """One browser context for every document (a context per document cost a seventh
        of the printing time): the clock fixed, and nothing from another host, ever."""
        if getattr(self, "_ctx", None) is None:
            context = self.browser.new_context(locale="en-GB", service_workers="block")
            if self.now is not None:
                context.clock.set_fixed_time(self.now)
            base = self.base

            def only_local(route):
                if route.request.url.startswith(base):
                    route.continue_()
                else:
                    route.abort()

            context.route("**/*", only_local)
            self._ctx = context
        return self._ctx

    def render(self, page_path: str, out: Path, *, title: str, footer_note: str = "") -> Path:
        file_path = page_path.split("?", 1)[0]
        if not (self.site_dir / file_path).exists() and not (self.site_dir / file_path / "index.html").exists():
            raise PdfError(f"{page_path} is not in the built site {self.site_dir} — build the site first")
        page = self._context().new_page()
        # a long document (the whole manual is one page) takes a while to load and lay out
        page.set_default_timeout(PAGE_TIMEOUT_S * 1000)
        try:
            base = self.base
            try:
                response = page.goto(base + page_path.lstrip("/"), wait_until="load")
            except Exception as exc:  # noqa: BLE001 - Playwright's TimeoutError, without importing it here
                if type(exc).__name__ != "TimeoutError":
                    raise
                raise PdfError(f"{page_path} did not load in the browser within {PAGE_TIMEOUT_S} s — the page may be too "
                               "long to print; check its size, or print it in sections") from None
            if response is None or not response.ok:
                raise PdfError(f"{page_path} answered {response.status if response else 'nothing'} — check the build")
            page.emulate_media(media="print")
            page.evaluate(
                """([title, base, publicUrl, pagePath]) => {
                    document.title = title;
                    // links to this local server point to the published site instead: the
                    // given public_url, or the site_url behind the page's canonical link
                    const canonical = document.querySelector('link[rel="canonical"]');
                    if (!publicUrl && canonical && canonical.href.endsWith(pagePath)) {
                        publicUrl = canonical.href.slice(0, canonical.href.length - pagePath.length);
                    }
                    if (publicUrl) {
                        document.querySelectorAll('a[href]').forEach((a) => {
                            if (a.getAttribute('href').startsWith('#')) return;  // stays a link inside the PDF
                            if (a.href.startsWith(base)) a.setAttribute('href', publicUrl + a.href.slice(base.length));
                        });
                    }
                }""",
                [title, base, self.public_url, page_path.lstrip("/")],
            )
            out = Path(out)
            out.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(
                path=str(out),
                format="A4",
                tagged=True,
                outline=True,
                print_background=True,
                display_header_footer=True,
                header_template=_HEADER.format(title=html.escape(title)),
                footer_template=_FOOTER.format(note=html.escape(footer_note)),
                margin=MARGIN,
            )
        finally:
            page.close()
        return out


def render_pdf(site_dir: Path, page_path: str, out: Path, *, title: str, public_url: str | None = None,
               now: datetime | None = None, footer_note: str = "") -> Path:
    """Print one page of a built site to a tagged A4 PDF at ``out``; return ``out``."""
    def work():
        with PdfPrinter(site_dir, public_url=public_url, now=now) as printer:
            return printer.render(page_path, out, title=title, footer_note=footer_note)

    return in_own_thread(work)


def documents(site: Site) -> list[PdfDocument]:
    from ..core import feature as registry
    from ..core.site import resolve

    out: list[PdfDocument] = []
    for spec in getattr(registry, "PDF_DOCUMENTS", []):
        out.extend(resolve(spec)(site))
    return out


def _public_url(site: Site) -> str | None:
    """``site_url`` from mkdocs.yml, or None (then links follow each page's canonical link)."""
    from ..core.yamlload import load_file

    try:
        config, _lines = load_file(site.root / "mkdocs.yml", site.root)
    except Exception:  # noqa: BLE001 - e.g. a !!python tag the safe loader refuses
        return None
    value = config.get("site_url") if isinstance(config, dict) else None
    return str(value) if value else None


CACHE_DIR = ".cache/pdfs"  # under the project root; safe to delete at any time
CACHE_DAYS = 7

_ASSET_REF = re.compile(rb'(?:href|src)="([^"?#]+\.(?:css|js|svg|png|jpe?g|gif|webp|woff2?))')


def fingerprint(site_dir: Path, page_path: str, *parts: str) -> str:
    """What a PDF depends on: the page's HTML, every stylesheet, script, image and font it
    loads, this printing code, and ``parts`` (title, footer, public address, day printed)."""
    html_file = Path(site_dir) / page_path.split("?", 1)[0] / "index.html"
    page = html_file.read_bytes()
    digest = hashlib.sha256(page)
    root = Path(site_dir).resolve()
    for ref in sorted(set(_ASSET_REF.findall(page))):
        target = (html_file.parent / ref.decode()).resolve()
        if target.is_file() and target.is_relative_to(root):
            digest.update(ref + b"\0" + target.read_bytes())
    digest.update(Path(__file__).read_bytes())
    for part in parts:
        digest.update(b"\0" + part.encode("utf-8"))
    return digest.hexdigest()


def page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def _store(cache: Path, key: str, pdf: Path) -> None:
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cache / f".{key}.{id(pdf)}.tmp"
        shutil.copyfile(pdf, tmp)
        tmp.replace(cache / f"{key}.pdf")  # atomic: a parallel build never reads half a file
    except OSError:
        pass  # a read-only project still builds, just without the cache


def _prune(cache: Path) -> None:
    limit = time.time() - CACHE_DAYS * 86400
    for old in cache.glob("*.pdf"):
        try:
            if old.stat().st_mtime < limit:
                old.unlink()
        except OSError:
            pass


PRINT_WORKERS_ENV = "PROCEDURES_PRINT_WORKERS"


def print_workers(documents_to_print: int) -> int:
    """How many browsers print at once: ``PROCEDURES_PRINT_WORKERS``, else 2 on a machine
    with two cores or more (one Chromium each: printing one long page keeps about one core
    busy); never more than there are documents to print."""
    from ..core.builder import BuildFailed

    raw = os.environ.get(PRINT_WORKERS_ENV, "").strip()
    if raw:
        if not raw.isdigit() or int(raw) < 1:
            raise BuildFailed(f"{PRINT_WORKERS_ENV}={raw!r}: set it to how many browsers may print at once "
                              "(1, 2 …), or leave it unset")
        wanted = int(raw)
    else:
        wanted = min(2, os.cpu_count() or 1)
    return max(1, min(wanted, documents_to_print))


def _page_size(site_dir: Path, page_path: str) -> int:
    try:
        return (Path(site_dir) / page_path.split("?", 1)[0] / "index.html").stat().st_size
    except OSError:
        return 0


def render_all(site: Site, site_dir: Path, progress=None) -> list[Path]:
    """AFTER_BUILD step: print every registered document into the built site.

    Up to :func:`print_workers` browsers print them, at once. A document whose page,
    assets, title, footer and day are unchanged since an earlier build is copied from
    ``.cache/pdfs/`` instead of printed again. A document longer than its ``max_pages`` stops the build (one line
    each, naming the source file).
    """
    from ..core.builder import BuildFailed
    from ..core.dates import build_datetime

    docs = documents(site)
    if not docs:
        return []
    site_dir = Path(site_dir)
    public_url, now = _public_url(site), build_datetime()
    public = public_url.rstrip("/") + "/" if public_url else ""
    cache = site.root / CACHE_DIR
    keys = [fingerprint(site_dir, d.page_path, d.title, d.footer_note, public, now.date().isoformat()) for d in docs]
    to_print = []
    for doc, key in zip(docs, keys, strict=True):
        out = site_dir / doc.out
        out.parent.mkdir(parents=True, exist_ok=True)
        cached = cache / f"{key}.pdf"
        if cached.is_file():
            shutil.copyfile(cached, out)
            if progress:
                progress(f"Wrote {doc.out} (unchanged: reused)")
        else:
            to_print.append((doc, key))

    # Several browsers print at once (print_workers), each taking the largest document
    # left, so that the last to finish is a short one.
    queue = sorted(to_print, key=lambda item: -_page_size(site_dir, item[0].page_path))
    lock = threading.Lock()
    failed = threading.Event()

    def work():
        with PdfPrinter(site_dir, public_url=public_url, now=now) as printer:
            while not failed.is_set():
                with lock:
                    if not queue:
                        return
                    doc, key = queue.pop(0)
                try:
                    printer.render(doc.page_path, site_dir / doc.out, title=doc.title, footer_note=doc.footer_note)
                except BaseException:
                    failed.set()  # the other browsers stop after the document they are printing
                    raise
                _store(cache, key, site_dir / doc.out)
                if progress:
                    with lock:
                        progress(f"Wrote {doc.out}")

    if to_print:
        try:
            in_threads([work] * print_workers(len(to_print)), name="procedures-print")
        except PdfError as exc:
            raise BuildFailed(f"PDF documents: {exc}") from exc
    _prune(cache)
    problems = []
    for doc in docs:
        if doc.max_pages is not None and (pages := page_count(site_dir / doc.out)) > doc.max_pages:
            problems.append(doc.too_long.format(pages=pages) if doc.too_long else
                            f"{doc.page_path}: prints on {pages} A4 pages, more than {doc.max_pages} — shorten the page")
    if problems:
        raise BuildFailed("\n".join(problems))
    return [site_dir / d.out for d in docs]


# --- `procedures pdf` ------------------------------------------------------------------------

def cmd_pdf(args) -> int:
    """Build the site (which prints every PDF), or re-print the PDFs of a built site."""
    import sys

    from ..core import feature
    from ..core.builder import BuildFailed, build_site
    from ..core.site import load_site, resolve

    if args.from_site:
        site_dir = Path(args.from_site).resolve()
        if not (site_dir / "index.html").exists():
            print(f"{site_dir} is not a built site — run 'procedures build' first, or leave out --from-site", file=sys.stderr)
            return 1
        site = load_site(args.root)
        if site.report.errors:
            for line in site.report.lines():
                print(line, file=sys.stderr)
            return 1
        try:
            written = render_all(site, site_dir, progress=print)
            for spec in feature.AFTER_REPRINT:  # e.g. the whole-manual PDF joined from its parts
                print(f"Running {spec} …")
                step = resolve(spec)
                in_own_thread(lambda step=step: step(site, site_dir), name=spec)
            written = sorted(site_dir.rglob("*.pdf"))
        except (PdfError, BuildFailed) as exc:
            print(f"PDF: {exc}", file=sys.stderr)
            return 1
    else:
        out = Path(args.out).resolve() if args.out else None
        try:
            site_dir = build_site(args.root, out)
        except BuildFailed as exc:
            print(str(exc), file=sys.stderr)
            print("The build failed, so no PDF was made; the previous site/ was left as it was.", file=sys.stderr)
            return 1
        except PdfError as exc:
            print(f"PDF: {exc}", file=sys.stderr)
            return 1
        written = sorted(site_dir.rglob("*.pdf"))
    for path in written:
        print(f"{path} ({max(1, round(path.stat().st_size / 1024))} KB)")
    if not written:
        print("No PDF documents are registered (registry.PDF_DOCUMENTS).")
    return 0


def _configure(p) -> None:
    p.add_argument("--out", help="folder to build into (default: site/)")
    p.add_argument("--from-site", help="re-print the PDFs in registry.PDF_DOCUMENTS (arrangements, briefings) into this already built site, without building")


COMMANDS = {
    "pdf": ("Build the site and its tagged PDFs (arrangements, briefings); list the PDFs.", _configure, cmd_pdf),
}


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature  # noqa: E402


def browser_problem(site) -> str | None:
    """Before minutes of building, not after: a full build that prints PDFs needs Chromium."""
    from ..core import browser
    from ..core import feature as features

    return browser.problem() if features.PDF_DOCUMENTS else None


FEATURE = Feature(
    __name__,
    # the PDFs in every feature's pdf_documents, from the final HTML (one browser; cached)
    after_build=("procedures.pdf:render_all",),
    preflight=("procedures.pdf:browser_problem",),
    cli_commands=("procedures.pdf:COMMANDS",),  # procedures pdf
)
