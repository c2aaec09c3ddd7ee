"""Lean pages: small, measured fixes that keep every page light and quiet.

* Material's lunr search files are left out of the build (search is Pagefind).
* The site's own stylesheets are served as one file (one render-blocking request, not ten).
* Images in page content are sized (``width``/``height`` from the image file, so nothing
  jumps while the page loads) and lazy-loaded (``loading="lazy"``, ``decoding="async"``).
* Material's JavaScript fetches a ``sitemap.xml`` beside every ``<link rel="alternate">``
  in a page (it uses them for language versions). The amendments feeds are advertised
  that way on every page, so each page view asked twice for ``feeds/sitemap.xml`` and got
  404s (and console errors that cost the Lighthouse "best practices" score). An empty,
  valid sitemap there answers those requests in a few hundred bytes.
* The site's scripts are served as one file, and Material's bundle loses the
  focus-visible polyfill no supported browser needs (``js.py``).
* Material's stylesheets and the site's are served as one file holding only the rules
  the built pages and scripts can use (``css.py``).

``make bench`` measures the effect; docs/developers/performance.md has the figures.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import struct
from pathlib import Path
from typing import TYPE_CHECKING

from .bundle import write_bundle
from .css import reduce_site_css
from .js import js_bundle, trim_material_js, write_js_bundle

__all__ = ["reduce_site_css", "trim_material_js", "write_js_bundle"]

if TYPE_CHECKING:
    from ..core.site import Site

_IMG = re.compile(r"<img\b([^>]*?)\s*(/?)>", re.I)
_ATTR = re.compile(r"""\b([a-zA-Z-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_SVG_SIZE = re.compile(r"""<svg\b[^>]*?\bviewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)""", re.I | re.S)

EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)


def image_size(path: Path) -> tuple[int, int] | None:
    """Intrinsic (width, height) of a PNG, GIF, JPEG or SVG file, or None."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", data[6:10])
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                i += 1
                continue
            marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
            if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
                h, w = struct.unpack(">HH", data[i + 5:i + 9])
                return w, h
            i += 2 + length
        return None
    if path.suffix.lower() == ".svg":
        m = _SVG_SIZE.search(data[:4096].decode("utf-8", "replace"))
        if m:
            return round(float(m.group(1))), round(float(m.group(2)))
    return None


def size_images(html: str, page_src_uri: str, docs_dir: Path) -> str:
    """Add loading/decoding and, for local images, width/height to every <img>."""

    def fix(m: re.Match[str]) -> str:
        attrs, slash = m.group(1), m.group(2)
        names = {a.lower() for a, _ in _ATTR.findall(attrs)}
        extra = []
        if "loading" not in names:
            extra.append('loading="lazy"')
        if "decoding" not in names:
            extra.append('decoding="async"')
        if not {"width", "height"} & names:
            src = dict((a.lower(), v.strip("\"'")) for a, v in _ATTR.findall(attrs)).get("src", "")
            if src and not re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.I):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page_src_uri), src.split("#")[0].split("?")[0]))
                size = image_size(docs_dir / target)
                if size and all(size):
                    extra.append(f'width="{size[0]}" height="{size[1]}"')
        return f"<img{attrs}{' ' + ' '.join(extra) if extra else ''}{' /' if slash else ''}>"

    return _IMG.sub(fix, html) if "<img" in html else html


# --- MkDocs hooks (registry.PAGE_HOOKS) -------------------------------------------------------

# Material copies its lunr search (worker and language files, about 1.2 MB) into every
# build; this site searches with Pagefind, so nothing ever loads them.
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


# Material's own script: the pages load assets/javascripts/theme.js instead (overrides/
# main.html), unless mkdocs.yml sets extra: material_bundle: true.
_MATERIAL_BUNDLE = re.compile(r"^assets/javascripts/bundle\.[0-9a-f]+\.min\.js(\.map)?$")


def material_bundle(config) -> bool:
    """Whether the pages load Material's own bundle.js (``extra.material_bundle``, or
    Material's own search switched on again, which needs it)."""
    plugins = config.plugins
    return bool((config.extra or {}).get("material_bundle")) or "search" in plugins or "material/search" in plugins


def on_files(site: Site, files, config):
    material_search = "search" in config.plugins or "material/search" in config.plugins
    unused = [] if material_search else UNUSED_THEME_FILES  # its search switched on again: keep its files
    drop_bundle = not material_bundle(config)
    for file in list(files):
        if file.is_documentation_page():
            continue
        if (unused and file.src_uri.startswith(unused)) or (drop_bundle and _MATERIAL_BUNDLE.match(file.src_uri)):
            files.remove(file)
    return files


def on_page_content(site: Site, page, html: str, config) -> str:
    return size_images(html, page.file.src_uri, Path(config.docs_dir))


# Every feature brings its own stylesheet (mkdocs.yml extra_css), and each one blocks the
# first paint until it has arrived: on a phone that cost about 0.6 s (Lighthouse). The
# build serves them as one file instead, in the same order, named by its content so a
# host can cache it for ever. Only files in assets/stylesheets/ are joined, so relative
# url()s inside them still point to the same place.
CSS_DIR = "assets/stylesheets/"
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.I)


def css_bundle(config, files) -> tuple[str, bytes, list[str]] | None:
    """(bundle path, content, the extra_css entries it replaces), or None."""
    joined = [p for p in config.extra_css if isinstance(p, str) and not _EXTERNAL.match(p)
              and p.startswith(CSS_DIR) and "/" not in p[len(CSS_DIR):]]
    if len(joined) < 2:
        return None
    parts = []
    for path in joined:
        f = files.get_file_from_path(path)
        if f is None or not f.abs_src_path or not Path(f.abs_src_path).is_file():
            return None  # MkDocs will report the missing file itself
        parts.append(f"/* {path} */\n".encode() + Path(f.abs_src_path).read_bytes().rstrip() + b"\n")
    data = b"".join(parts)
    name = f"{CSS_DIR}site.{hashlib.sha256(data).hexdigest()[:12]}.css"
    return name, data, joined


def on_env(site: Site, env, config, files):
    bundle = css_bundle(config, files)
    if bundle is not None:
        name, data, joined = bundle
        first = joined[0]
        config.extra_css = [name if p == first else p for p in config.extra_css if p == first or p not in joined]
        if site is not None:
            site.extra["css_bundle"] = (name, data)
    scripts = js_bundle(config, files)
    if scripts is not None:
        name, data, joined = scripts
        first = joined[0]
        config.extra_javascript = [name if p == first else p for p in config.extra_javascript
                                   if p == first or p not in joined]
        if site is not None:
            site.extra["js_bundle"] = (name, data)
    return env


# --- after the build (registry.POST_BUILD) ------------------------------------------------------

_ALTERNATE = re.compile(r"""<link\b[^>]*\brel=["']?alternate["']?[^>]*>""", re.I)
_HREF = re.compile(r"""\bhref=["']([^"']+)["']""", re.I)


def write_css_bundle(site: Site | None, site_dir: Path, config) -> Path | None:
    """POST_BUILD: write the joined stylesheet the pages link to (see on_env)."""
    return write_bundle(site, site_dir, "css_bundle")


def write_alternate_sitemaps(site: Site | None, site_dir: Path, config) -> list[Path]:
    """An empty sitemap.xml beside each local <link rel="alternate"> target of the home
    page, where none exists (see the module notes)."""
    site_dir = Path(site_dir)
    home = site_dir / "index.html"
    written = []
    if not home.exists():
        return written
    text = home.read_text(encoding="utf-8", errors="replace")
    for tag in _ALTERNATE.findall(text):
        m = _HREF.search(tag)
        if not m or re.match(r"^[a-z][a-z0-9+.-]*:|^//", m.group(1), re.I):
            continue
        folder = (site_dir / posixpath.dirname(m.group(1).split("#")[0].split("?")[0])).resolve()
        if site_dir.resolve() not in (folder, *folder.parents):
            continue
        target = folder / "sitemap.xml"
        if folder.is_dir() and not target.exists():
            target.write_text(EMPTY_SITEMAP, encoding="utf-8")
            written.append(target)
    return written


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature  # noqa: E402

FEATURE = Feature(
    __name__,
    page_hooks=("procedures.lean",),  # images sized and lazy-loaded; stylesheets and scripts joined; no lunr files
    post_build=(
        "procedures.lean:write_alternate_sitemaps",  # after the feeds: stops Material's 404s for feeds/sitemap.xml
        "procedures.lean:write_css_bundle",  # the site's stylesheets joined into one file
        "procedures.lean:write_js_bundle",  # the site's scripts joined into one file
        "procedures.lean:trim_material_js",  # Material's bundle.js without the focus-visible polyfill
        "procedures.lean:reduce_site_css",  # after every page and script: one stylesheet, unused rules left out
    ),
)
