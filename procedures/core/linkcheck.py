"""Check every internal link and fragment in a built site.

MkDocs validates the links written in Markdown; this checks what readers actually get:
links written by templates and macros, redirect pages, the 404 page, the sitemap and
the feeds. Every ``href``/``src`` (and ``srcset``, meta refresh, form action) that
points into the site must name a file that exists, and a ``#fragment`` must name an
element ``id`` (or ``<a name>``) on that page. Links to other sites, ``mailto:`` and
``tel:`` are not followed: nothing here touches the network.

Usage: ``python -m procedures.core.linkcheck site/ [--site-url https://…/]``
(the site URL defaults to ``site_url`` in mkdocs.yml; absolute links that start with it
are internal).
"""

from __future__ import annotations

import argparse
import json
import posixpath
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SKIP_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "blob:", "sms:")
# fragments a browser understands without an element of that id
SPECIAL_FRAGMENTS = {"", "top"}
_REFRESH = re.compile(r"^\s*\d+\s*;\s*url\s*=\s*['\"]?([^'\"]+)", re.I)
_XML_HREF = re.compile(r"""\bhref\s*=\s*["']([^"']+)["']""")
# Atom <id> and JSON Feed "id" are identifiers that need not resolve: not links
_XML_LOC = re.compile(r"<(?:loc|uri)>\s*([^<\s]+)\s*</(?:loc|uri)>")
_JSON_URL_KEYS = {"url", "home_page_url", "feed_url", "next_url"}


@dataclass(frozen=True, order=True)
class Broken:
    file: str  # path inside the built site
    line: int
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: broken link {self.url!r} — {self.reason}"


@dataclass
class _Link:
    url: str
    line: int


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[_Link] = []
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        line = self.getpos()[0]
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        if tag == "base" and a.get("href"):
            self.base = a["href"]
        for attr in ("href", "src", "action", "poster", "data"):
            if a.get(attr) and not (tag == "base" and attr == "href"):
                self.links.append(_Link(a[attr], line))
        if a.get("srcset"):
            for part in a["srcset"].split(","):
                if part.strip():
                    self.links.append(_Link(part.strip().split()[0], line))
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            m = _REFRESH.match(a.get("content", ""))
            if m:
                self.links.append(_Link(m.group(1), line))

    handle_startendtag = handle_starttag


@dataclass
class _Page:
    ids: set[str]
    links: list[_Link]
    url_dir: str  # the directory URL the page is served from, e.g. "/manual/neglect/"


def _page_url(rel: str, prefix: str) -> str:
    """The URL a built file is served at: 'manual/x/index.html' -> '/manual/x/index.html'."""
    return prefix + rel


def _line_of(text: str, needle: str) -> int:
    i = text.find(needle)
    return text.count("\n", 0, i) + 1 if i >= 0 else 1


class LinkChecker:
    def __init__(self, site_dir: Path, site_url: str = "") -> None:
        self.root = Path(site_dir).resolve()
        split = urlsplit(site_url) if site_url else None
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        # the path the site lives under on its host ("/" for a site at the root)
        self.prefix = (split.path.rstrip("/") + "/") if split and split.path else "/"
        self._pages: dict[str, _Page] = {}

    # --- reading ----------------------------------------------------------------------
    def _page(self, rel: str) -> _Page:
        if rel not in self._pages:
            parser = _PageParser()
            parser.feed((self.root / rel).read_text(encoding="utf-8", errors="replace"))
            parser.close()
            url_dir = posixpath.dirname(_page_url(rel, self.prefix)).rstrip("/") + "/"
            if parser.base:
                url_dir = posixpath.dirname(posixpath.join(url_dir, parser.base) + "x").rstrip("/") + "/"
            self._pages[rel] = _Page(parser.ids, parser.links, url_dir)
        return self._pages[rel]

    def _other_links(self, rel: str) -> list[_Link]:
        """Absolute links to this site in feeds (XML) and JSON files."""
        text = (self.root / rel).read_text(encoding="utf-8", errors="replace")
        urls: list[str] = []
        if rel.endswith(".json"):
            try:
                data = json.loads(text)
            except ValueError:
                return []
            stack = [data]
            while stack:
                item = stack.pop()
                if isinstance(item, dict):
                    for k, v in item.items():
                        if isinstance(v, str) and k in _JSON_URL_KEYS:
                            urls.append(v)
                        elif isinstance(v, dict | list):
                            stack.append(v)
                elif isinstance(item, list):
                    stack.extend(item)
        else:
            urls = _XML_HREF.findall(text) + _XML_LOC.findall(text)
        # only absolute links into this site: ids like "urn:…" and other sites are not links
        return [_Link(u, _line_of(text, u)) for u in urls if self.site_url and u.startswith(self.site_url)]

    # --- resolving --------------------------------------------------------------------
    def _target(self, url: str, base_dir: str) -> tuple[str | None, str] | None:
        """(file inside the site or None if missing, fragment); None when not internal."""
        if url.startswith(SKIP_SCHEMES) or url.startswith("//"):
            return None
        if self.site_url and url.startswith(self.site_url):
            url = self.prefix + url[len(self.site_url):]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return None  # another site
        fragment = unquote(parts.fragment)
        if not parts.path:
            return "", fragment  # same page
        path = unquote(parts.path)
        absolute = posixpath.normpath(path if path.startswith("/") else posixpath.join(base_dir, path))
        if absolute.startswith("//"):
            absolute = absolute[1:]
        if path.endswith("/") and not absolute.endswith("/"):
            absolute += "/"
        if not absolute.startswith(self.prefix.rstrip("/")):
            return None  # outside the site's folder on the host
        rel = absolute[len(self.prefix):] if absolute.startswith(self.prefix) else ""
        candidates = [rel + "index.html"] if (rel == "" or rel.endswith("/")) else [rel, rel + "/index.html"]
        for c in candidates:
            if (self.root / c).is_file():
                return c, fragment
        return None, rel or "/"

    def check(self) -> list[Broken]:
        broken: list[Broken] = []
        files = sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())
        for rel in files:
            if rel.endswith(".html"):
                page = self._page(rel)
                links, base_dir = page.links, page.url_dir
            elif rel.endswith((".xml", ".json")) and not rel.startswith("pagefind/") and not rel.startswith("search/"):
                links, base_dir = self._other_links(rel), self.prefix
            else:
                continue
            for link in links:
                resolved = self._target(link.url.strip(), base_dir)
                if resolved is None:
                    continue
                target, fragment = resolved
                if target is None:
                    broken.append(Broken(rel, link.line, link.url, f"no file '{fragment}' in the built site"))
                    continue
                target = target or rel
                if fragment in SPECIAL_FRAGMENTS or not target.endswith(".html"):
                    continue
                if fragment not in self._page(target).ids:
                    broken.append(Broken(rel, link.line, link.url, f"no element with id '{fragment}' on {target}"))
        return sorted(set(broken))


def check_site(site_dir: Path, site_url: str = "") -> list[Broken]:
    return LinkChecker(site_dir, site_url).check()


def _site_url_from_config(root: Path) -> str:
    from .yamlload import load_file

    try:
        cfg, _ = load_file(root / "mkdocs.yml", root)
    except Exception:  # noqa: BLE001 - mkdocs.yml may use tags safe_load refuses; fall back
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        m = re.search(r"^site_url:\s*(\S+)", text, re.M)
        return m.group(1) if m else ""
    return str(cfg.get("site_url") or "")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m procedures.core.linkcheck", description=__doc__.splitlines()[0])
    p.add_argument("site_dir", nargs="?", default="site", type=Path)
    p.add_argument("--site-url", default=None, help="absolute links starting with this are internal (default: mkdocs.yml site_url)")
    args = p.parse_args(argv)
    site_url = args.site_url if args.site_url is not None else _site_url_from_config(Path.cwd())
    broken = check_site(args.site_dir, site_url)
    for b in broken:
        print(b, file=sys.stderr)
    files = sum(1 for _ in Path(args.site_dir).rglob("*.html"))
    if broken:
        print(f"{len(broken)} broken link(s) in {files} pages.", file=sys.stderr)
        return 1
    print(f"All internal links and fragments resolve in {files} pages.")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
