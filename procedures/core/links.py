"""A fast check of the links between pages, with the line of every broken one.

MkDocs validates links too, but only during a full build and without line numbers.
This check reads the Markdown of every page in ``docs/`` and, for each link to another
``.md`` page (or to a heading with ``#anchor``), says exactly where it is and how to fix
it. Links to other kinds of file, to other sites and links produced by page macros are
left to the strict MkDocs build.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from markdown.extensions.toc import slugify

if TYPE_CHECKING:
    from .site import PageSource, Site

TEMPLATES = Path(__file__).parents[1] / "templates"

FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# [text](target "title") and ![alt](target); the text may hold one level of brackets
INLINE_LINK = re.compile(r"(!?)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
ATTR_ID = re.compile(r"\{:?[^}]*?#([\w:-]+)[^}]*\}")
HTML_ID = re.compile(r"\bid=[\"']([^\"']+)[\"']")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class Link:
    target: str  # as written
    line: int  # line in the file
    image: bool = False  # ![alt](target)


def _strip_code_spans(line: str) -> str:
    return CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def links_in(page: PageSource) -> list[Link]:
    """Every link written in the page body, outside code blocks and code spans."""
    out: list[Link] = []
    in_fence = False
    for offset, raw in enumerate(page.body.splitlines()):
        if FENCE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        line = _strip_code_spans(raw)
        for m in INLINE_LINK.finditer(line):
            out.append(Link(m.group(2), page.body_line + offset, image=bool(m.group(1))))
        m = REF_DEF.match(line)
        if m:
            out.append(Link(m.group(1), page.body_line + offset))
    return out


def _heading_text(text: str) -> str:
    text = ATTR_ID.sub("", text)
    text = re.sub(r"\{[^}]*\}\s*$", "", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their text
    text = re.sub(r"<[^>]+>", "", text)
    return text.replace("`", "").replace("**", "").replace("__", "").strip("*_ ")


def anchors_in(page: PageSource) -> dict[str, None]:
    """The ids Python-Markdown's toc (and attr_list) give the page's headings and blocks,
    in page order (a dict used as an ordered set)."""
    ids: dict[str, None] = {}
    in_fence = False
    for raw in page.body.splitlines():
        if FENCE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        ids.update(dict.fromkeys(HTML_ID.findall(raw)))
        m = HEADING.match(raw)
        if m:
            explicit = ATTR_ID.search(m.group(2))
            if explicit:
                ids[explicit.group(1)] = None
                continue
            base = slugify(_heading_text(m.group(2)), "-")
            slug, n = base, 1
            while slug in ids:  # the toc extension makes repeated headings unique
                slug = f"{base}_{n}"
                n += 1
            ids[slug] = None
        else:
            ids.update(dict.fromkeys(ATTR_ID.findall(raw)))
    return ids


@lru_cache(maxsize=1)
def template_ids() -> frozenset[str]:
    """Ids the chapter template adds around every chapter (related, references …)."""
    ids: set[str] = set()
    for path in TEMPLATES.glob("chapter-*.html"):
        ids.update(i for i in HTML_ID.findall(path.read_text(encoding="utf-8")) if "{" not in i)
    return frozenset(ids)


INDEX_NAMES = ("index.md", "README.md", "readme.md")


def dest_of(src_uri: str) -> str:
    """The file MkDocs writes for a source in docs/ (use_directory_urls: true)."""
    if not src_uri.endswith(".md"):
        return src_uri
    folder, name = posixpath.split(src_uri)
    if name in INDEX_NAMES:
        return posixpath.join(folder, "index.html")
    return posixpath.join(folder, name[:-3], "index.html")


def _suggest(word: str, choices: list[str]) -> str | None:
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return found[0] if found else None


def _is_draft(page: PageSource) -> bool:
    return getattr(page.model, "status", None) == "draft" or page.meta.get("status") == "draft"


def _site_base(site: Site) -> str:
    from .site import site_url

    return site_url(site.root)


def published_addresses(site: Site) -> dict[str, str | None]:
    """Every site path (no leading '/') a reader can reach -> its source in docs/ (None for
    generated pages, feeds and redirects): pages and files in docs/, and every address the
    features publish besides (``Feature.addresses``: urls.txt, redirects)."""
    from . import feature
    from .site import resolve

    found: dict[str, str | None] = {}
    for spec in feature.ADDRESSES:
        found.update(dict.fromkeys(resolve(spec)(site)))
    for path in site.docs_dir.rglob("*"):
        if path.is_file():
            src = path.relative_to(site.docs_dir).as_posix()
            dest = dest_of(src)
            found[dest.removesuffix("index.html") if dest.endswith("index.html") else dest] = src
    return found


def _check_absolute(site: Site, rel: str, page_dir: str, link: Link, known: dict[str, str | None], base: str) -> None:
    """A link to this site written as an address (/manual/x/ or https://<site>/manual/x/)."""
    target = link.target
    if target.startswith("/") and not target.startswith("//"):
        path = target[1:]
    elif base and target.startswith(base):
        path = target[len(base):]
    else:
        return
    path = unquote(path.split("#", 1)[0].split("?", 1)[0])
    candidates = {path}
    if path and not path.endswith("/") and "." not in posixpath.basename(path):
        candidates.add(path + "/")  # /manual/neglect is served as /manual/neglect/
    if path.endswith("index.html"):
        candidates.add(path.removesuffix("index.html"))
    if candidates & known.keys():
        return
    hint = _suggest(path, sorted(k for k, src in known.items() if src and src.endswith(".md")))
    fix = (f"did you mean '/{hint}'? Better, link to its file: [text]({posixpath.relpath(known[hint], page_dir or '.')})"
           if hint else "link to the page's .md file instead, so the check can follow it")
    site.report.error(rel, link.line, f"the link '{target}' goes to an address this site does not publish — {fix}")


def _check_image(site: Site, rel: str, page_dir: str, link: Link) -> None:
    target = unquote(link.target.split("#", 1)[0].split("?", 1)[0])
    if not target or SCHEME.match(target) or target.startswith("//"):
        return  # other hosts and data: addresses are the raw-HTML policy's business
    dest = posixpath.normpath(target[1:] if target.startswith("/") else posixpath.join(page_dir, target))
    if (site.docs_dir / dest).is_file() or (site.root / "overrides" / dest).is_file():
        return
    site.report.error(rel, link.line, f"the image '{link.target}' is not there (looked for docs/{dest}) — add the "
                                      "image file there, or correct the file name (capitals count)")


def check_links(site: Site) -> int:
    """Report every broken link between pages; return how many links were checked."""
    checked = 0
    pages = site.pages
    known: dict[str, str | None] | None = None
    # the ids of each page that links point into, worked out once per page, not once per
    # link (a chapter is linked to from many others)
    page_ids: dict[Path, list[str]] = {}
    base = _site_base(site)
    for src_uri, page in sorted(pages.items()):
        rel = site.rel(page.path)
        page_dir = posixpath.dirname(src_uri)
        for link in links_in(page):
            target = link.target
            if link.image:
                checked += 1
                _check_image(site, rel, page_dir, link)
                continue
            if (target.startswith("/") and not target.startswith("//")) or target.startswith(("http://", "https://")):
                if known is None:
                    known = published_addresses(site)
                checked += target.startswith("/")
                _check_absolute(site, rel, page_dir, link, known, base)
                continue
            if SCHEME.match(target) or target.startswith(("/", "//")):
                continue
            path, _, anchor = target.partition("#")
            path = unquote(path)
            if path and not path.endswith(".md"):
                continue  # images, PDFs, feeds, folders: the MkDocs build checks those
            checked += 1
            if path:
                dest = posixpath.normpath(posixpath.join(page_dir, path))
                target_page = pages.get(dest)
                if target_page is None and (site.docs_dir / dest).is_file():
                    continue  # the page exists but its front matter has its own error
                if target_page is None:
                    choices = [posixpath.relpath(p, page_dir or ".") for p in pages]
                    hint = _suggest(path, choices)
                    fix = f"did you mean '{hint}'?" if hint else "check the page's file name in docs/ and correct the link"
                    site.report.error(rel, link.line, f"the link '{target}' goes to a page that does not exist (docs/{dest}) — {fix}")
                    continue
                if _is_draft(target_page) and not _is_draft(page):
                    site.report.error(rel, link.line, f"the link '{target}' goes to a draft chapter, which is not published — remove the link until that chapter is published")
                    continue
            else:
                target_page = page
            if not anchor or target_page.meta.get("render_macros"):
                continue  # headings made by page macros are checked by the MkDocs build
            ids = page_ids.get(target_page.path)
            if ids is None:
                ids = list(anchors_in(target_page))
                if getattr(target_page, "kind", "page") != "page":
                    ids += sorted(template_ids())
                page_ids[target_page.path] = ids
            if anchor not in ids:
                hint = _suggest(anchor, ids)
                some = ", ".join(f"#{i}" for i in ids[:5]) + (", …" if len(ids) > 5 else "")
                fix = (f"did you mean '#{hint}'?" if hint else
                       f"link to one of its headings ({some}) or to the page without the '#…' part" if ids else
                       "that page has no headings to link to: remove the '#…' part")
                site.report.error(rel, link.line, f"the link '{target}' goes to a heading '#{anchor}' that is not on that page — {fix}")
    return checked


def check_project(root: Path | str, progress: Callable[[str], None] | None = None) -> tuple[Site, int]:
    """Everything ``procedures check`` checks: data, front matter, cross-references,
    review dates (warnings) and the links between pages. Returns (site, links checked)."""
    say = progress or (lambda msg: None)
    say("Checking data files, front matter and cross-references …")
    from .site import load_site

    site = load_site(root)
    say(f"Checking the links between {len(site.pages)} pages …")
    links = check_links(site)
    return site, links
