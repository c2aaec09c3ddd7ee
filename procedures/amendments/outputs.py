"""What the amendments log writes outside the pages: feeds, redirects, the URL manifest
check and the email digest.

* ``write_outputs`` (POST_BUILD): ``feeds/amendments.xml`` (Atom 1.0) and
  ``feeds/amendments.json`` (JSON Feed 1.1), one entry per release with absolute links
  from ``site_url``; and a static redirect page at every ``previous_url`` in the log
  (``<meta http-equiv="refresh">`` plus a link: no script, so it works under the CSP).
* ``check_url_manifest`` (AFTER_BUILD): every address listed in ``urls.txt`` must still
  exist in the finished build (as a page, a redirect or a feed), otherwise the build fails
  naming each one.
* ``published_urls`` / ``digest`` for the CLI.
"""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.dates import long_date
from ..core.render import render_html
from ..partnership import partnership
from . import log as am

if TYPE_CHECKING:
    from ..core.site import Site

ATOM_NS = "http://www.w3.org/2005/Atom"


def feed_title(site: Site) -> str:
    """'<wording.procedures>: amendments', from data/partnership.yml."""
    p = partnership(site)
    return f"{p.wording.procedures}: amendments" if p else "Amendments"


def feed_subtitle(site: Site) -> str:
    p = partnership(site)
    return f"New, updated, renamed and removed chapters of the {p.wording.manual}." if p else ""


def _abs(base: str, path: str) -> str:
    return base.rstrip("/") + "/" + path.lstrip("/")


def _rfc3339(d: date) -> str:
    return f"{d.isoformat()}T00:00:00Z"


def release_url(base: str, release: am.ReleaseView, latest_year: int | None) -> str:
    page = "amendments/" if release.year == latest_year else f"amendments/{release.year}/"
    return _abs(base, page) + "#" + release.anchor


def release_id(base: str, release: am.ReleaseView) -> str:
    # stable even when the release moves to its year's archive page
    return _abs(base, "amendments/") + "#" + release.anchor


@dataclass
class EntryLink:
    code: str
    title: str
    summary: str
    href: str | None
    replacement: tuple[str, str] | None  # (label, href)


def entry_groups(site: Site, release: am.ReleaseView, base: str) -> list[tuple[str, list[EntryLink]]]:
    out = []
    for _change, title, items in release.groups():
        links = []
        for e in items:
            href = _abs(base, e.chapter.url) if e.chapter else None
            rep = (f"{e.replacement.id} {e.replacement.title}", _abs(base, e.replacement.url)) if e.replacement else None
            links.append(EntryLink(e.code, e.title, e.summary, href, rep))
        out.append((title, links))
    return out


def release_html(site: Site, release: am.ReleaseView, base: str) -> str:
    return render_html("amendments-feed-entry.html", groups=entry_groups(site, release, base))


def release_text(site: Site, release: am.ReleaseView, base: str) -> str:
    lines = []
    for title, links in entry_groups(site, release, base):
        lines.append(f"{title}:")
        for e in links:
            lines.append(f"- {e.code} {e.title}: {e.summary}")
            if e.replacement:
                lines.append(f"  Use {e.replacement[0]} instead: {e.replacement[1]}")
            elif e.href:
                lines.append(f"  {e.href}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _author(site: Site) -> str:
    from ..manual.chapters import owner_name

    p = partnership(site)
    return owner_name(site, None) or (p.default_author if p else "")


def atom_feed(site: Site, base: str) -> bytes:
    """Atom 1.0 (RFC 4287): one entry per release, newest first, absolute links."""
    ET.register_namespace("", ATOM_NS)

    def el(parent, tag, text=None, **attrs):
        node = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: v for k, v in attrs.items()})
        if text is not None:
            node.text = text
        return node

    rels = am.newest_first(site)
    latest = am.latest_year(site)
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en-GB"})
    el(feed, "title", feed_title(site))
    el(feed, "subtitle", feed_subtitle(site))
    el(feed, "id", _abs(base, am.FEEDS["atom"]))
    el(feed, "updated", _rfc3339(rels[0].date) if rels else _rfc3339(site.today))
    el(feed, "link", rel="self", type="application/atom+xml", href=_abs(base, am.FEEDS["atom"]))
    el(feed, "link", rel="alternate", type="text/html", href=_abs(base, "amendments/"))
    author = el(feed, "author")
    el(author, "name", _author(site))
    for r in rels:
        entry = el(feed, "entry")
        el(entry, "title", r.heading)
        el(entry, "id", release_id(base, r))
        el(entry, "published", _rfc3339(r.date))
        el(entry, "updated", _rfc3339(r.date))
        el(entry, "link", rel="alternate", type="text/html", href=release_url(base, r, latest))
        el(entry, "summary", f"Published {r.date_label}: {r.counts()}.")
        el(entry, "content", release_html(site, r, base), type="html")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def json_feed(site: Site, base: str) -> str:
    """JSON Feed 1.1."""
    latest = am.latest_year(site)
    items = []
    for r in am.newest_first(site):
        items.append({
            "id": release_id(base, r),
            "url": release_url(base, r, latest),
            "title": r.heading,
            "summary": f"Published {r.date_label}: {r.counts()}.",
            "content_html": release_html(site, r, base),
            "content_text": release_text(site, r, base),
            "date_published": _rfc3339(r.date),
        })
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed_title(site),
        "description": feed_subtitle(site),
        "home_page_url": _abs(base, "amendments/"),
        "feed_url": _abs(base, am.FEEDS["json"]),
        "language": "en-GB",
        "authors": [{"name": _author(site)}],
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


# --- redirects --------------------------------------------------------------------------------

def redirect_file(site_dir: Path, old: str) -> Path:
    return site_dir / (old + "index.html" if old.endswith("/") else old)


def relative_url(from_path: str, to_path: str) -> str:
    """Relative URL from the page at site path ``from_path`` to site path ``to_path``."""
    from_dir = from_path if from_path.endswith("/") else posixpath.dirname(from_path) + "/"
    rel = posixpath.relpath("/" + to_path, "/" + from_dir)
    if to_path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel


def redirect_html(old: str, target: am.Target, base: str) -> str:
    href = relative_url(old, target.url)
    return render_html("amendments-redirect.html", t=target, href=href, canonical=_abs(base, target.url) if base else href)


def write_redirects(site: Site, site_dir: Path, base: str) -> list[Path]:
    written = []
    for old, dest in am.redirects(site):
        target = redirect_file(site_dir, old)
        if target.exists():
            raise _failure(f"{am.FILE}: previous_url '{old}' is a page this build has written — a redirect would replace it; correct previous_url")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("<!doctype html>\n" + redirect_html(old, dest, base) + "\n", encoding="utf-8")
        written.append(target)
    return written


def _failure(message: str) -> Exception:
    from mkdocs.exceptions import PluginError

    return PluginError(message)


def write_outputs(site: Site, site_dir: Path, config: Any) -> None:
    """POST_BUILD: feeds and redirect pages."""
    if am.log(site) is None:
        return
    base = (getattr(config, "site_url", None) or (config.get("site_url") if isinstance(config, dict) else None)
            or am.site_url(site.root))
    if not base:
        raise _failure("mkdocs.yml: site_url is not set — the amendments feeds need it for absolute links; set site_url")
    base = base if base.endswith("/") else base + "/"
    feeds = site_dir / "feeds"
    feeds.mkdir(parents=True, exist_ok=True)
    (feeds / "amendments.xml").write_bytes(atom_feed(site, base))
    (feeds / "amendments.json").write_text(json_feed(site, base), encoding="utf-8")
    write_redirects(site, site_dir, base)


# --- the manifest of published URLs -----------------------------------------------------------

def published_urls(site_dir: Path) -> list[str]:
    """Every address a reader may have bookmarked: HTML pages (404 excluded) and feeds."""
    urls = set()
    for p in site_dir.rglob("*.html"):
        rel = p.relative_to(site_dir).as_posix()
        if rel == "404.html" or rel.startswith(("assets/", "search/", "pagefind/")):
            continue
        if rel == "index.html":
            urls.add("/")
        elif rel.endswith("/index.html"):
            urls.add("/" + rel.removesuffix("index.html"))
        else:
            urls.add("/" + rel)
    feeds = site_dir / "feeds"
    if feeds.is_dir():
        for p in feeds.iterdir():
            if p.is_file():
                urls.add("/" + p.relative_to(site_dir).as_posix())
    return sorted(urls)


def url_exists(site_dir: Path, url: str) -> bool:
    path = url.lstrip("/")
    if not path:
        return (site_dir / "index.html").is_file()
    if path.endswith("/"):
        return (site_dir / path / "index.html").is_file()
    return (site_dir / path).is_file()


def missing_urls(root: Path, site_dir: Path) -> list[tuple[int, str]]:
    manifest = root / am.URL_MANIFEST
    if not manifest.exists():
        return []
    return [(n, url) for n, url in am.read_manifest(manifest) if not url_exists(site_dir, url)]


def check_url_manifest(site: Site, site_dir: Path) -> None:
    """AFTER_BUILD: fail when an address in urls.txt has disappeared without a redirect."""
    from ..core.builder import BuildFailed

    gone = missing_urls(site.root, Path(site_dir))
    if gone:
        lines = [f"{am.URL_MANIFEST}:{n}: {am.gone_message(url)}" for n, url in gone]
        raise BuildFailed("\n".join(lines))


HEADER = """# Every address this site has published. Checked on each build: an address listed
# here that the build no longer produces fails the build, so a renamed or removed page
# always gets a redirect (a 'renamed' or 'removed' entry with previous_url in
# data/amendments.yml). Refresh with: procedures urls --update
"""


def write_manifest(path: Path, urls: list[str]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(HEADER + "\n".join(urls) + "\n", encoding="utf-8")
    tmp.replace(path)


# --- the email digest ----------------------------------------------------------------------------

def digest(site: Site, since: date, base: str, until: date | None = None) -> tuple[str, str] | None:
    """(html, text) of every release from ``since`` to ``until`` (default today), or None."""
    until = until or site.today
    rels = [r for r in am.newest_first(site) if since <= r.date <= until]
    if not rels:
        return None
    from ..contacts import all_contacts

    data = am.log(site)
    p = partnership(site)
    contact = all_contacts(site).get(p.business_office) if p else None
    latest = am.latest_year(site)
    ctx = {
        "title": f"Changes to the {p.wording.procedures if p else 'procedures'}",
        "since": long_date(since),
        "until": long_date(until),
        "releases": [{"r": r, "url": release_url(base, r, latest), "groups": entry_groups(site, r, base)} for r in rels],
        "next_update": data.next_update if data else None,
        "next_unconfirmed": bool(data and data.next_update_unconfirmed),
        "amendments_url": _abs(base, "amendments/"),
        "register_url": _abs(base, "amendments/register/"),
        "feed_url": _abs(base, am.FEEDS["atom"]),
        "contact": contact,
    }
    html = "<!doctype html>\n" + render_html("amendments-digest.html", **ctx) + "\n"
    text = [ctx["title"], f"From {ctx['since']} to {ctx['until']}", ""]
    for item in ctx["releases"]:
        r = item["r"]
        text += [f"{r.heading} (published {r.date_label})", item["url"], "", release_text(site, r, base)]
    if ctx["next_update"]:
        text.append(f"Next update due: {ctx['next_update']}" + (" (to be confirmed)" if ctx["next_unconfirmed"] else ""))
    text.append(f"All amendments: {ctx['amendments_url']}")
    text.append(f"Register for updates, or follow the feed: {ctx['register_url']}")
    if contact and contact.email:
        text.append(f"To stop receiving these emails, write to {contact.email}.")
    return html, "\n".join(text).rstrip() + "\n"


