"""procedures.pdf.render_pdf on a small hand-made site: tagged, titled from the argument
(not the page's <title>), numbered pages, print styles applied, nothing fetched from
another host, and links rewritten to the public address."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from procedures.pdf import PdfError, render_pdf

pytestmark = pytest.mark.browser

PAGE = """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Page title from HTML</title>
<link rel="stylesheet" href="https://fonts.example.invalid/font.css">
<style>@media print {{ .screen-only {{ display: none; }} }} .pad {{ height: 400mm; }}</style>
<script src="../clock.js"></script>
</head><body>
<h1>Chair table</h1>
<p class="screen-only">ONLY ON SCREEN</p>
<table><tr><th>Business year</th><th>Chair</th></tr><tr><td>2026/27</td><td>Police DSP, Henry Henderson</td></tr></table>
<p><a href="../other/">another page</a> and <a href="#chair">this page</a></p>
<p id="today"></p>
<div class="pad"></div><p>Second page text</p>
</body></html>"""


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "doc").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>home</title>", encoding="utf-8")
    (site / "doc" / "index.html").write_text(PAGE.format(), encoding="utf-8")
    (site / "clock.js").write_text(
        "addEventListener('DOMContentLoaded', function () {"
        " document.getElementById('today').textContent = 'Year ' + new Date().getUTCFullYear(); });",
        encoding="utf-8")
    return site


def test_render_pdf_makes_a_tagged_titled_numbered_pdf(tiny_site, tmp_path, browser):
    from pypdf import PdfReader

    out = render_pdf(tiny_site, "doc/", tmp_path / "out" / "doc.pdf", title="The title argument",
                     public_url="https://procedures.example.org/", now=datetime(2031, 6, 1, 12, tzinfo=UTC),
                     footer_note="Footer note")
    reader = PdfReader(str(out))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert reader.metadata.title == "The title argument"
    assert len(reader.pages) == 2
    words = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert "Police DSP, Henry Henderson" in words[0]
    assert "ONLY ON SCREEN" not in " ".join(words)  # print media was emulated
    assert "Page 1 of 2" in words[0] and "Page 2 of 2" in words[1] and "Footer note" in words[0]
    assert "Year 2031" in words[0]  # the page's own script ran on the fixed clock
    uris = [a.get_object()["/A"].get("/URI") for p in reader.pages for a in (p.get("/Annots") or [])
            if "/A" in a.get_object()]
    assert "https://procedures.example.org/other/" in uris
    assert not any("127.0.0.1" in str(u) for u in uris)


def test_nothing_is_fetched_from_another_host(tiny_site, tmp_path, browser):
    import http.server
    import threading

    hits: list[str] = []

    class Count(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"h1 { color: red; }")

        def log_message(self, *args):
            pass

    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Count)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        page = tiny_site / "doc" / "index.html"
        page.write_text(page.read_text().replace("https://fonts.example.invalid/font.css",
                                                 f"http://127.0.0.1:{other.server_address[1]}/font.css"))
        render_pdf(tiny_site, "doc/", tmp_path / "doc.pdf", title="t")
    finally:
        other.shutdown()
        other.server_close()
    assert hits == []  # another port is another origin: refused before it is asked


def test_a_missing_page_is_a_clear_error(tiny_site, tmp_path, browser):
    with pytest.raises(PdfError) as exc:
        render_pdf(tiny_site, "nowhere/", tmp_path / "x.pdf", title="x")
    assert "nowhere/ is not in the built site" in str(exc.value)
