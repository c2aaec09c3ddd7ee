"""The offline copy: a web app manifest and a service worker written for this site.

Home visits, court buildings and hospital wards often have no signal. After a first
visit the browser keeps a copy of the manual (with the local contacts), the thresholds
document, the 7-Minute Briefings, the glossary and the files they need, and shows every
page from it when the network is gone. Every page says how old the copy is
(``overrides/assets/javascripts/offline.js``). When online, pages come from the network
and the copy of each page read is brought up to date; a new build (a changed list or a
changed page) makes the browser fetch a new copy of everything.

Written after the build (``registry.POST_BUILD``):

* ``sw.js`` at the site's root: ``procedures/templates/offline_sw.js`` with the list of files to
  keep (:func:`offline_files`) and a version that changes with their content. It caches
  nothing else, so drafts (never built for the public site, but shown by the preview),
  editor and developer pages are never kept.
* ``manifest.webmanifest``: so the site can be installed as an app (name, icon, colours).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..audiences import STAFF_FOLDERS

if TYPE_CHECKING:
    from ..core.site import Site

SW_FILE = "sw.js"
MANIFEST_FILE = "manifest.webmanifest"
SW_SOURCE = Path(__file__).parents[1] / "templates" / "offline_sw.js"
# pages kept offline: the folders practitioners need without signal, and a few single pages
OFFLINE_FOLDERS = ("manual/", "thresholds/", "briefings/")
OFFLINE_PAGES = ("index.html", "glossary/index.html", "search/index.html", "404.html")
# files those pages need (the search index is kept once it has been used: offline_sw.js)
OFFLINE_ASSETS = ("assets/stylesheets/*.css", "assets/javascripts/*.js", "assets/images/*",
                  "thresholds/indicators.json", "search/words.json", MANIFEST_FILE)


def _draft_pages(site: Site) -> set[str]:
    """Built pages of draft chapters (only when the preview shows drafts)."""
    out = set()
    for chapter in getattr(site, "chapters", []) or []:
        if getattr(chapter, "status", None) == "draft":
            out.add(chapter.src_uri.removesuffix(".md") + "/index.html")
    return out


def offline_files(site: Site | None, site_dir: Path) -> list[str]:
    """Paths (inside the site) of every file the offline copy keeps, sorted."""
    drafts = _draft_pages(site) if site is not None else set()
    found: set[str] = set()
    for path in site_dir.rglob("index.html"):
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith(OFFLINE_FOLDERS) and not rel.startswith(STAFF_FOLDERS) and rel not in drafts:
            found.add(rel)
    found.update(p for p in OFFLINE_PAGES if (site_dir / p).is_file())
    for pattern in OFFLINE_ASSETS:
        found.update(p.relative_to(site_dir).as_posix() for p in site_dir.glob(pattern) if p.is_file())
    return sorted(f for f in found if not f.startswith(STAFF_FOLDERS) and f not in drafts)


def url_of(rel: str) -> str:
    """'manual/neglect/index.html' -> 'manual/neglect/' (relative to the site's root)."""
    if rel == "index.html":
        return "./"
    return rel[: -len("index.html")] if rel.endswith("/index.html") else rel


def manifest(config, site: Site | None = None) -> dict:
    from ..partnership import partnership

    p = partnership(site) if getattr(site, "data", None) is not None else None
    return {
        "name": config.site_name,
        "short_name": f"{p.short_name} Procedures" if p else "Procedures",
        "description": (config.site_description or "").strip(),
        "lang": "en-GB",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b3d6e",
        "icons": [
            {"src": "assets/images/favicon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
            {"src": "assets/images/favicon.png", "sizes": "48x48", "type": "image/png"},
        ],
    }


def write_offline(site: Site | None, site_dir: Path, config) -> None:
    site_dir = Path(site_dir)
    (site_dir / MANIFEST_FILE).write_text(json.dumps(manifest(config, site), indent=2) + "\n", encoding="utf-8")
    files = offline_files(site, site_dir)
    digest = hashlib.sha256()
    for rel in files:
        digest.update(rel.encode())
        digest.update((site_dir / rel).read_bytes())
    core = [url_of(f) for f in files if not f.startswith(OFFLINE_FOLDERS) or f in (
        "manual/index.html", "manual/local-contacts/index.html", "thresholds/index.html", "briefings/index.html")]
    data = {
        "version": digest.hexdigest()[:16],
        "core": sorted(set(core)),                                # kept before the worker starts
        "rest": [url_of(f) for f in files if url_of(f) not in set(core)],  # then one by one
        "never": [f for f in STAFF_FOLDERS],
    }
    source = SW_SOURCE.read_text(encoding="utf-8")
    (site_dir / SW_FILE).write_text(
        "/* Written by procedures/offline/ from procedures/templates/offline_sw.js: do not edit. */\n"
        f"self.OFFLINE = {json.dumps(data, separators=(',', ':'))};\n{source}",
        encoding="utf-8",
    )


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature  # noqa: E402

FEATURE = Feature(
    __name__,
    post_build=("procedures.offline:write_offline",),  # last writer: sw.js (the offline copy) lists the files before it
)
