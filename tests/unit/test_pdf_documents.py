"""procedures.pdf.render_all without a browser: an unchanged document is copied from the
cache, a changed one is printed, and a document longer than its max_pages stops the build
with its own one-line message."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfWriter

from procedures import pdf
from procedures.core.builder import BuildFailed
from procedures.core.dates import epoch_for


def _blank_pdf(path: Path, pages: int) -> None:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        writer.write(fh)


class _Printer:
    """Stands in for Chromium: records what it was asked to print and writes a PDF of
    ``pages`` blank pages."""

    printed: list[str] = []
    pages = 1

    def __init__(self, site_dir, **_kw):
        self.site_dir = Path(site_dir)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def render(self, page_path, out, *, title, footer_note=""):
        type(self).printed.append(page_path)
        _blank_pdf(Path(out), type(self).pages)
        return out


def _project(tmp_path, monkeypatch, mkdocs_yml: str) -> tuple[Path, Path]:
    """A project folder with its mkdocs.yml and an empty built-site folder, on a fixed day."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch_for(date(2026, 11, 26)))
    root, site_dir = tmp_path / "project", tmp_path / "site"
    root.mkdir()
    (root / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    return root, site_dir


@pytest.fixture
def setup(tmp_path, monkeypatch):
    root, site_dir = _project(tmp_path, monkeypatch, "site_name: Test\nsite_url: https://example.org/\n")
    page = site_dir / "b" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<p>One page</p>", encoding="utf-8")
    docs = [pdf.PdfDocument(page_path="b/x/", out="b/x/x.pdf", title="X", max_pages=1,
                            too_long="docs/b/x.md: prints on {pages} pages — shorten it")]
    monkeypatch.setattr(pdf, "documents", lambda site: docs)
    monkeypatch.setattr(pdf, "PdfPrinter", _Printer)
    _Printer.printed, _Printer.pages = [], 1
    return SimpleNamespace(root=root), site_dir, page


def test_an_unchanged_document_is_reused_and_a_changed_one_printed(setup):
    site, site_dir, page = setup
    pdf.render_all(site, site_dir)
    assert _Printer.printed == ["b/x/"]
    assert len(list((site.root / pdf.CACHE_DIR).glob("*.pdf"))) == 1

    (site_dir / "b" / "x" / "x.pdf").unlink()  # a fresh build: the page is the same
    pdf.render_all(site, site_dir)
    assert _Printer.printed == ["b/x/"], "an unchanged page was printed again"
    assert pdf.page_count(site_dir / "b" / "x" / "x.pdf") == 1

    page.write_text("<p>One page, edited</p>", encoding="utf-8")
    pdf.render_all(site, site_dir)
    assert _Printer.printed == ["b/x/", "b/x/"], "an edited page was not printed again"


def test_a_document_longer_than_max_pages_stops_the_build_with_its_message(setup):
    site, site_dir, _page = setup
    _Printer.pages = 2
    with pytest.raises(BuildFailed) as failed:
        pdf.render_all(site, site_dir)
    assert str(failed.value) == "docs/b/x.md: prints on 2 pages — shorten it"
    # the long print is cached, and is still refused when it is reused
    _Printer.pages = 1
    with pytest.raises(BuildFailed):
        pdf.render_all(site, site_dir)
    assert _Printer.printed == ["b/x/"]


@pytest.fixture
def three_documents(tmp_path, monkeypatch):
    """Three pages of different lengths to print, and a printer that counts its browsers."""
    root, site_dir = _project(tmp_path, monkeypatch, "site_name: Test\n")
    docs = []
    for name, words in (("short", 10), ("long", 3000), ("middle", 300)):
        page = site_dir / name / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text("<p>" + "word " * words + "</p>", encoding="utf-8")
        docs.append(pdf.PdfDocument(page_path=f"{name}/", out=f"{name}/{name}.pdf", title=name))
    monkeypatch.setattr(pdf, "documents", lambda site: docs)

    class Counting(_Printer):
        opened: list[str] = []

        def __enter__(self):
            import threading

            type(self).opened.append(threading.current_thread().name)
            return self

    Counting.printed, Counting.pages, Counting.opened = [], 1, []
    monkeypatch.setattr(pdf, "PdfPrinter", Counting)
    return SimpleNamespace(root=root), site_dir, Counting


def test_two_browsers_print_at_once_largest_page_first_each_document_once(three_documents, monkeypatch):
    site, site_dir, printer = three_documents
    monkeypatch.delenv(pdf.PRINT_WORKERS_ENV, raising=False)
    monkeypatch.setattr(pdf.os, "cpu_count", lambda: 2)
    messages = []
    pdf.render_all(site, site_dir, progress=messages.append)
    assert sorted(printer.printed) == ["long/", "middle/", "short/"]
    assert len(printer.opened) == 2 and len(set(printer.opened)) == 2  # two browsers, each in its own thread
    assert sorted(messages) == ["Wrote long/long.pdf", "Wrote middle/middle.pdf", "Wrote short/short.pdf"]
    assert all((site_dir / n / f"{n}.pdf").is_file() for n in ("short", "long", "middle"))


def test_one_browser_prints_the_largest_page_first(three_documents, monkeypatch):
    site, site_dir, printer = three_documents
    monkeypatch.setenv(pdf.PRINT_WORKERS_ENV, "1")
    pdf.render_all(site, site_dir)
    assert printer.printed == ["long/", "middle/", "short/"] and len(printer.opened) == 1


def test_print_workers_follow_the_setting_the_cores_and_the_documents(monkeypatch):
    monkeypatch.delenv(pdf.PRINT_WORKERS_ENV, raising=False)
    monkeypatch.setattr(pdf.os, "cpu_count", lambda: 1)
    assert pdf.print_workers(5) == 1
    monkeypatch.setattr(pdf.os, "cpu_count", lambda: 8)
    assert pdf.print_workers(5) == 2 and pdf.print_workers(1) == 1
    monkeypatch.setenv(pdf.PRINT_WORKERS_ENV, "3")
    assert pdf.print_workers(5) == 3 and pdf.print_workers(2) == 2
    for bad in ("0", "two", "-1"):
        monkeypatch.setenv(pdf.PRINT_WORKERS_ENV, bad)
        with pytest.raises(BuildFailed) as failed:
            pdf.print_workers(5)
        assert str(failed.value).startswith(f"{pdf.PRINT_WORKERS_ENV}={bad!r}: set it to how many browsers")


def test_one_browser_failing_stops_the_printing_with_its_message(three_documents, monkeypatch):
    site, site_dir, printer = three_documents
    monkeypatch.setenv(pdf.PRINT_WORKERS_ENV, "2")
    original = printer.render

    def render(self, page_path, out, **kw):
        if page_path == "long/":
            raise pdf.PdfError("long/ did not load in the browser within 300 s")
        return original(self, page_path, out, **kw)

    monkeypatch.setattr(printer, "render", render)
    with pytest.raises(BuildFailed) as failed:
        pdf.render_all(site, site_dir)
    assert str(failed.value) == "PDF documents: long/ did not load in the browser within 300 s"
    assert not (site_dir / "long" / "long.pdf").exists()
