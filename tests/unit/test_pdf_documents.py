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


@pytest.fixture
def setup(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch_for(date(2026, 11, 26)))
    root, site_dir = tmp_path / "project", tmp_path / "site"
    root.mkdir()
    (root / "mkdocs.yml").write_text("site_name: Test\nsite_url: https://example.org/\n", encoding="utf-8")
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
