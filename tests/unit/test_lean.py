"""Lean pages: images sized and lazy-loaded; no failed requests for feed sitemaps."""

from __future__ import annotations

import struct
import zlib

from procedures import lean


def png(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))


def jpeg(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + b"\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


def test_image_sizes_are_read_from_the_files(tmp_path):
    (tmp_path / "a.png").write_bytes(png(640, 480))
    (tmp_path / "b.gif").write_bytes(b"GIF89a" + struct.pack("<HH", 32, 16) + b"\x00" * 8)
    (tmp_path / "c.jpg").write_bytes(jpeg(800, 600))
    (tmp_path / "d.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 60"></svg>')
    (tmp_path / "e.png").write_bytes(b"not an image")
    assert lean.image_size(tmp_path / "a.png") == (640, 480)
    assert lean.image_size(tmp_path / "b.gif") == (32, 16)
    assert lean.image_size(tmp_path / "c.jpg") == (800, 600)
    assert lean.image_size(tmp_path / "d.svg") == (120, 60)
    assert lean.image_size(tmp_path / "e.png") is None
    assert lean.image_size(tmp_path / "missing.png") is None


def test_content_images_get_size_and_lazy_loading(tmp_path):
    (tmp_path / "manual").mkdir()
    (tmp_path / "manual" / "chart.png").write_bytes(png(300, 200))
    html = '<p><img alt="Chart" src="chart.png"></p><p><img alt="Remote" src="https://example.org/x.png" /></p>'
    out = lean.size_images(html, "manual/neglect.md", tmp_path)
    assert '<img alt="Chart" src="chart.png" loading="lazy" decoding="async" width="300" height="200">' in out
    assert '<img alt="Remote" src="https://example.org/x.png" loading="lazy" decoding="async" />' in out


def test_sizes_and_loading_already_given_are_kept(tmp_path):
    html = '<img src="a.png" width="10" height="5" loading="eager">'
    assert lean.size_images(html, "index.md", tmp_path) == '<img src="a.png" width="10" height="5" loading="eager" decoding="async">'


def test_an_empty_sitemap_answers_materials_request_beside_feed_links(tmp_path):
    (tmp_path / "feeds").mkdir()
    (tmp_path / "index.html").write_text(
        '<head><link rel="alternate" type="application/atom+xml" href="feeds/amendments.xml">'
        '<link rel="alternate" href="https://elsewhere.example/feed.xml"></head>')
    written = lean.write_alternate_sitemaps(None, tmp_path, None)
    assert written == [(tmp_path / "feeds" / "sitemap.xml").resolve()]
    assert "<urlset" in (tmp_path / "feeds" / "sitemap.xml").read_text()
    (tmp_path / "sitemap.xml").write_text("real")
    assert lean.write_alternate_sitemaps(None, tmp_path, None) == []  # never overwrites
