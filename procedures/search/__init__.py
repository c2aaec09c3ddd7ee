"""Site search with Pagefind: what each page tells the index, and the indexing step.

How it fits together
--------------------
* Every page gets a ``search_info`` object in its template context (:func:`on_page_context`,
  a ``registry.PAGE_HOOKS`` hook): whether it is indexed, its content type and the
  details a result shows (code, title, section). ``overrides/partials/search-meta.html``
  writes them into ``<head>`` as ``data-pagefind-filter`` / ``data-pagefind-meta`` tags.
* The text Pagefind indexes is the element marked ``data-pagefind-body``. Ordinary pages
  get it from ``overrides/main.html`` (block ``content``); a template that replaces the
  ``content`` block marks its own main element, *only when* ``search_info.index`` is true::

      <article class="chapter"{% if search_info.index %} data-pagefind-body{% endif %}>

* :func:`start_index` and :func:`finish_index` (``registry.AFTER_BUILD``) check that every
  page carries the marker exactly when it should, then run Pagefind over the temporary
  build (alongside the PDF steps) before it is swapped into ``site/``. A mistake fails
  the build with one line per page.

The content type comes from the page's folder (:data:`TYPES`); a page can set its own with
front matter ``search: {type: Briefing}`` or leave the index with ``search: {exclude: true}``
(Material's key, kept so old pages keep working). Drafts are never built; archived
chapters (``page.meta.lifecycle == "archived"``) and the 404 page are never indexed.

Nothing search-related is downloaded until a reader focuses the search box:
``overrides/assets/javascripts/search.js`` imports ``pagefind/pagefind.js`` on first focus.
"""

from __future__ import annotations

import atexit
import bisect
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..audiences import is_staff_page
from ..core.builder import BuildFailed
from ..security.escaping import text_of

if TYPE_CHECKING:
    from ..core.site import Site

# docs/ folder -> content type shown on results and offered as a filter
TYPES: tuple[tuple[str, str], ...] = (
    ("manual/", "Chapter"),
    ("briefings/", "Briefing"),
    ("thresholds/", "Thresholds"),
    ("arrangements/", "Arrangements"),
)
DEFAULT_TYPE = "Page"

# Parts of a page that are on every page of its kind and would only add noise to
# results: heading permalinks ("¶"), the print footer, review dates and page actions.
EXCLUDE_SELECTORS = (
    ".headerlink",
    ".print-footer",
    ".chapter-actions",
    ".review-dates",
    ".banner--overdue",
    "[data-search-ignore]",
)

BUNDLE_DIR = "pagefind"
# files Pagefind writes that this site never loads (its prebuilt UIs, its playground)
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
    "wasm.unknown.pagefind",  # every page is indexed as English (--force-language en)
)
BODY_MARKER = "data-pagefind-body"
# the marker as an attribute of an element (not the words in a page's text or code)
BODY_MARKER_RE = re.compile(r"<[a-zA-Z][^<>]*\s" + BODY_MARKER + r"(?=[\s>=/])")


class SearchIndexError(BuildFailed):
    """The search index could not be built; the message says which page and what to do."""


@dataclass
class SearchInfo:
    index: bool
    type: str
    title: str
    code: str = ""
    section: str = ""
    reason: str = ""  # why a page is left out (for the build check's message)
    # searchable fields that weigh more than body text (search-boot.js ranking.metaWeights):
    # a chapter's code, title, keywords and the acronyms they stand for; its at-a-glance steps
    keywords: str = ""
    glance: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def type_for(src_uri: str, meta: dict[str, Any] | None = None) -> str:
    search = (meta or {}).get("search")
    if isinstance(search, dict) and isinstance(search.get("type"), str) and search["type"].strip():
        return search["type"].strip()
    return next((label for prefix, label in TYPES if src_uri.startswith(prefix)), DEFAULT_TYPE)


# Generated pages that only list other searchable pages: indexing them too would put
# near-identical lists above the pages themselves.
UNINDEXED_FOLDERS: tuple[str, ...] = ("briefings/themes/",)


# --- synonyms: what readers type for what the pages say ----------------------------------
# The glossary's acronyms and expansions find each other (LADO <-> Local Authority
# Designated Officer), and data/search-terms.yml adds readers' own words ("domestic
# violence" for "domestic abuse"). Both are indexed where the page says the words
# (add_synonyms, in the copy Pagefind reads), and added to a chapter's keywords.

def acronyms(site: Site) -> list[tuple[str, str]]:
    """(acronym, expansion) from data/glossary.yml, for terms with an expansion; one- and
    two-letter terms (CP, LA, DA) are left out: as words they match too much. A note in
    brackets is not part of the expansion: "Section 47 (Children Act 1989)" -> "Section 47"."""
    from .. import glossary

    if site.data.get("glossary") is None:
        return []
    return [(t.term, re.sub(r"\s*\(.*?\)", "", t.expansion).strip())
            for t in glossary.terms(site) if t.expansion and len(t.term) >= 3]


# pattern -> (its words, matched in the same case?): a page whose text does not hold
# every one of them (plain substring tests, much quicker than the pattern) cannot match
_WORDS: dict[re.Pattern, tuple[tuple[str, ...], bool]] = {}
# characters that re.IGNORECASE matches to an ASCII letter although str.lower() does not
# give one (long s, Kelvin sign, dotted and dotless i): with any of them, no shortcut
_FOLDS_TO_ASCII = re.compile("[\u017f\u212a\u0130\u0131]")


def _phrase_re(phrase: str, case: bool = False) -> re.Pattern:
    # words apart by spaces or hyphens; a plural or "-ies" ending matches too
    stem = phrase[:-1] if phrase.endswith("y") and len(phrase) > 3 else phrase
    body = r"[\s-]+".join(re.escape(w) for w in stem.split())
    pattern = re.compile(r"(?<![\w-])" + body + (r"s?" if case else r"\w{0,3}") + r"(?![\w-])", 0 if case else re.I)
    _WORDS[pattern] = (tuple(stem.split()) if case else tuple(w.lower() for w in stem.split()), case)
    return pattern


def _may_match(pattern: re.Pattern, text: str, lowered: str | None) -> bool:
    """False only when ``pattern`` cannot match ``text``: one of its words is not in it."""
    known = _WORDS.get(pattern)
    if known is None:
        return True
    words, case = known
    if case:
        return all(w in text for w in words)
    return lowered is None or all(w in lowered for w in words)


def synonym_rules(site: Site | None) -> list[tuple[re.Pattern, str]]:
    """(where the page says this, also index these words)."""
    if site is None:
        return []
    rules = []
    for acronym, expansion in acronyms(site):
        rules.append((_phrase_re(acronym, case=True), expansion))
        rules.append((_phrase_re(expansion), acronym))
    terms = site.data.get("search-terms")
    for syn in (terms.synonyms if terms is not None else []):
        rules.append((_phrase_re(syn.means), " ".join(syn.words)))
    return rules


def expansions(site: Site, text: str) -> list[str]:
    """The synonyms of the words in ``text`` (acronyms, expansions, readers' words)."""
    out: list[str] = []
    for pattern, words in synonym_rules(site):
        if words not in out and pattern.search(text):
            out.append(words)
    return out


_TAG = re.compile(r"(<[^>]*>)")
_SKIP_TEXT_IN = re.compile(r"<(script|style|title|textarea)\b", re.I)


def add_synonyms(html: str, rules: list[tuple[re.Pattern, str]]) -> str:
    """Index the synonyms of words in the page text (:func:`synonym_rules`) beside them,
    as an attribute Pagefind indexes (``data-pagefind-index-attrs``) on an empty element:
    readers see nothing, and the words count where they stand, as often as they occur."""
    m = BODY_MARKER_RE.search(html)
    if m is None or not rules:
        return html
    head, body = html[: m.start()], html[m.start():]
    parts = _TAG.split(body)
    texts: list[int] = []  # the parts that are text to index
    skipping = None
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            if skipping and part.lower().startswith(f"</{skipping}"):
                skipping = None
            elif (found := _SKIP_TEXT_IN.match(part)) is not None:
                skipping = found.group(1).lower()
            continue
        if not skipping and part.strip():
            texts.append(i)
    # Each rule is run once over the page's text, not on each piece of it: the pieces are
    # joined by a NUL character, which no pattern can match or cross (a word's edge, like
    # a piece's own start and end), so the matches are exactly those in the pieces one by
    # one. A rule is run only if all its words are somewhere in the text (a substring
    # test): a page matches a few of the hundred or so.
    if _SEP in body:
        return _add_synonyms_piecewise(head, parts, texts, rules)
    joined = _SEP.join(parts[i] for i in texts)
    lowered = None if _FOLDS_TO_ASCII.search(joined) else joined.lower()
    starts, at = [], 0
    for i in texts:
        starts.append(at)
        at += len(parts[i]) + 1
    marks: dict[int, list[tuple[int, str]]] = {}
    for pattern, other in rules:
        if not _may_match(pattern, joined, lowered):
            continue
        for hit in _hits(pattern, joined, lowered):
            k = bisect.bisect_right(starts, hit.start()) - 1  # the piece it is in
            marks.setdefault(texts[k], []).append((hit.end() - starts[k], other))
    if not marks:
        return html
    for i, found in marks.items():
        parts[i] = _marked(parts[i], found)
    return head + "".join(parts)


_SEP = "\x00"


def _hits(pattern: re.Pattern, text: str, lowered: str | None):
    """``pattern.finditer(text)``, quicker: a rule's match starts with its first word, so
    the pattern is tried only where that word is (``str.find``, in ``lowered`` for a rule
    that ignores case: the same length as ``text``, as no character but one it has no
    shortcut for changes length in lower case)."""
    known = _WORDS.get(pattern)
    if known is None or (not known[1] and lowered is None):
        yield from pattern.finditer(text)
        return
    words, case = known
    where = text if case else lowered
    first, end = words[0], 0
    at = where.find(first)
    while at != -1:
        if at >= end and (hit := pattern.match(text, at)) is not None:
            yield hit
            end = hit.end()
        at = where.find(first, at + 1)


def _marked(part: str, marks: list[tuple[int, str]]) -> str:
    for end, other in sorted(marks, reverse=True):
        value = other.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        part = f'{part[:end]}<span data-pagefind-index-attrs="data-also" data-also="{value}"></span>{part[end:]}'
    return part


def _add_synonyms_piecewise(head: str, parts: list[str], texts: list[int], rules) -> str:
    """Every rule on every piece (a page holding a NUL character, which the quick way
    uses to join the pieces)."""
    for i in texts:
        found = [(hit.end(), other) for pattern, other in rules for hit in pattern.finditer(parts[i])]
        if found:
            parts[i] = _marked(parts[i], found)
    return head + "".join(parts)


def _section_title(page) -> str:
    """The top-level nav section a page sits in (e.g. '7-Minute Briefings')."""
    ancestors = list(getattr(page, "ancestors", None) or [])
    top = ancestors[-1] if ancestors else None
    return text_of(getattr(top, "title", "")) if top is not None else ""


def page_info(site: Site, page) -> SearchInfo:
    from ..manual import chapters as manual

    src = page.file.src_uri
    meta = page.meta or {}
    title = text_of(meta.get("title") or page.title)  # titles are escaped already (security/escaping.py)
    search = meta.get("search") if isinstance(meta.get("search"), dict) else {}
    kind = type_for(src, meta)
    info = SearchInfo(index=True, type=kind, title=title, section=_section_title(page))
    chapter = manual.chapter_for(site, src)
    if chapter is not None:
        info.code = chapter.id
        info.title = chapter.title
        sec = next((s for s in manual.sections(site) if s.key == chapter.meta.section), None)
        info.section = f"{sec.key} {sec.title}" if sec else info.section
        words = [chapter.id, chapter.title, *chapter.meta.keywords]
        info.keywords = " · ".join(words + expansions(site, " ".join(words)))
        glance = getattr(chapter.meta, "at_a_glance", None)
        if glance is not None:
            info.glance = " ".join(str(step) for step in glance.do_now)
    if search.get("exclude"):
        info.index, info.reason = False, "front matter search: exclude"
    elif src.startswith(UNINDEXED_FOLDERS):
        info.index, info.reason = False, "theme pages list briefings that are searchable themselves"
    elif is_staff_page(src):
        info.index, info.reason = False, "editor and developer pages are not in practitioners' search"
    elif meta.get("lifecycle") in ("archived", "draft") or meta.get("status") in ("archived", "draft"):
        info.index, info.reason = False, f"{meta.get('lifecycle') or meta.get('status')} page"
    return info


def _headings(items) -> list[str]:
    out = []
    for item in items:
        out.append(str(getattr(item, "title", "")))
        out += _headings(getattr(item, "children", None) or [])
    return out


def on_page_context(site: Site, page, context: dict[str, Any], config) -> dict[str, Any]:
    info = page_info(site, page)
    context["search_info"] = info
    site.extra.setdefault("search_pages", {})[page.file.dest_uri] = info
    if info.index:
        site.extra.setdefault("search_headings", {})[page.file.dest_uri] = _headings(getattr(page, "toc", None) or [])
    return context


# --- the index ---------------------------------------------------------------------------

def check_markers(site: Site | None, site_dir: Path) -> list[str]:
    """One line per built page whose ``data-pagefind-body`` marker disagrees with
    :func:`page_info` (a template that forgot it, or indexes a page it must not)."""
    pages: dict[str, SearchInfo] = (site.extra.get("search_pages") if site else None) or {}
    problems = []
    for dest, info in sorted(pages.items()):
        path = site_dir / dest
        if not path.exists():
            continue
        marked = BODY_MARKER_RE.search(path.read_text(encoding="utf-8", errors="replace")) is not None
        if info.index and not marked:
            problems.append(
                f"{dest}: this page should be searchable but its template has no data-pagefind-body — "
                "mark the element that holds the page text (see procedures/search/)"
            )
        elif marked and not info.index:
            problems.append(
                f"{dest}: this page must not be searchable ({info.reason}) but its template marks "
                "data-pagefind-body — add {% if search_info.index %} around the attribute"
            )
    return problems


def pagefind_binary() -> str:
    """The Pagefind executable that ``pagefind[bin]`` installs (or one on PATH)."""
    try:
        from pagefind_bin import get_executable

        return str(get_executable())
    except Exception:  # noqa: BLE001 - fall back to PATH, then explain
        found = shutil.which("pagefind") or shutil.which("pagefind_extended")
        if found:
            return found
        raise SearchIndexError("Pagefind is not installed — run make serve or make build (it brings pagefind[bin])") from None


def _command(site_dir: Path, bundle: Path) -> list[str]:
    cmd = [pagefind_binary(), "--site", str(site_dir), "--output-path", str(bundle), "--force-language", "en", "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        cmd += ["--exclude-selectors", selector]
    return cmd


def _finish(returncode: int, output: str, bundle: Path) -> int:
    if returncode != 0:
        detail = output.strip().splitlines()
        raise SearchIndexError(f"Pagefind could not index the site: {detail[-1] if detail else 'exit ' + str(returncode)}")
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
    shutil.rmtree(bundle / "playground", ignore_errors=True)
    # the bundle's entry file counts the pages actually indexed (those with data-pagefind-body)
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(lang.get("page_count", 0)) for lang in entry.get("languages", {}).values())


def run_pagefind(site_dir: Path, output: Path | None = None, background: bool = False) -> int:
    """Index ``site_dir`` with the Pagefind CLI into ``output`` (default: ``site_dir``/pagefind);
    return the number of pages indexed.

    The CLI is used rather than Pagefind's Python service: it indexes the folder in one
    process on every core, which is what makes indexing fast. ``background`` (the preview's
    index after each save): at low priority, where the system has ``nice``, so that it
    never slows down the next save's rebuild."""
    bundle = Path(output) if output else site_dir / BUNDLE_DIR
    cmd = _command(site_dir, bundle)
    nice = shutil.which("nice") if background else None
    if nice:
        cmd = [nice, "-n", "10", *cmd]
    res = subprocess.run(cmd, capture_output=True, text=True)
    return _finish(res.returncode, res.stderr or res.stdout, bundle)


def _check_count(site: Site | None, site_dir: Path, count: int) -> None:
    pages = (site.extra.get("search_pages") if site else None) or {}
    expected = sum(1 for dest, info in pages.items() if info.index and (site_dir / dest).exists())
    if pages and count != expected:
        raise SearchIndexError(
            f"Pagefind indexed {count} pages but {expected} should be searchable — "
            "a template may mark data-pagefind-body on a page MkDocs did not render through the plugin"
        )


def index_site(site: Site | None, site_dir: Path) -> int:
    """Check the markers, build the index, check the page count (all at once)."""
    site_dir = Path(site_dir)
    problems = check_markers(site, site_dir)
    if problems:
        raise SearchIndexError("\n".join(problems))
    snap = _snapshot(site_dir, site)
    try:
        count = run_pagefind(snap, site_dir / BUNDLE_DIR)
    finally:
        shutil.rmtree(snap, ignore_errors=True)
    _check_count(site, site_dir, count)
    write_vocabulary(site, site_dir)
    return count


# The full build splits index_site in two AFTER_BUILD steps so that Pagefind runs while
# the PDFs are printed: start_index checks the markers, copies the pages' HTML as it is
# now (later steps may rewrite pages: the briefing PDF step adds file sizes to links, and
# a page read while it is being rewritten would be lost) and starts Pagefind on that copy;
# finish_index waits for it and checks the count. Steps between the two must not change
# the text readers search for.
_RUNNING: dict[str, tuple[subprocess.Popen, Path, Path]] = {}


def _snapshot(site_dir: Path, site: Site | None = None) -> Path:
    """A copy of the HTML pages of ``site_dir`` that search indexes, beside it, as Pagefind
    should read them: with the glossary's acronyms beside their expansions and the other
    way round (:func:`add_synonyms`). The published pages are not changed.

    When the build says which pages are searchable (``search_pages``), only those are
    copied: Pagefind indexes only pages marked ``data-pagefind-body``, and
    :func:`check_markers` and the page count make sure those are exactly the searchable
    ones, so the print pages, earlier editions and other unmarked pages would only be
    read to be passed over (at 400 chapters Pagefind took 7.1 s with them, 5.4 s without,
    with the same index chunks and fragments). Without that list, every page is copied."""
    snap = site_dir.parent / f".{site_dir.name}-search-snapshot"
    shutil.rmtree(snap, ignore_errors=True)
    pages: dict[str, SearchInfo] = (site.extra.get("search_pages") if site else None) or {}
    rules = synonym_rules(site)
    wanted = ([dest for dest, info in pages.items() if info.index] if pages
              else [path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html")])
    snap.mkdir(parents=True, exist_ok=True)
    for rel in wanted:
        path, target = site_dir / rel, snap / rel
        if not path.is_file():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if pages and rules:  # a searchable page: its synonyms beside its words
            target.write_text(add_synonyms(path.read_text(encoding="utf-8", errors="replace"), rules),
                              encoding="utf-8")
        else:
            shutil.copyfile(path, target)
    return snap


VOCABULARY = "search/words.json"
_WORD = re.compile(r"[a-z][a-z'-]{3,}")


def _norm(text: str) -> str:
    """search.js ``norm``: lower case, apostrophes dropped, runs of anything but letters,
    digits and full stops made one space."""
    text = re.sub(r"[\u2018\u2019']", "", str(text or "").lower())
    return re.sub(r"[^a-z0-9.]+", " ", text).strip()


def _singular(text: str) -> str:
    return " ".join(re.sub(r"s$", "", w) for w in text.split(" "))


def exact_keys(pages: dict[str, SearchInfo]) -> list[str]:
    """What search.js ``exactness`` can match among the indexed pages: ``code:`` each code,
    ``title:`` each title (as compared there), ``acr:`` each capitalised word of three or
    more letters or digits in a title (what the initials of a query of three words or more
    are looked for). When the query matches none of them no result can move up, so
    search.js shows the results without first fetching the details of the first eight."""
    keys: set[str] = set()
    for info in pages.values():
        if not info.index:
            continue
        if info.code:
            keys.add("code:" + _norm(info.code))
        if info.title:
            keys.add("title:" + _singular(_norm(info.title)))
            keys.update("acr:" + w for w in re.findall(r"\w+", info.title, flags=re.ASCII) if re.fullmatch(r"[A-Z0-9]{3,}", w))
    return sorted(keys)


def write_vocabulary(site: Site | None, site_dir: Path) -> None:
    """``search/words.json``: the words of titles, headings, keywords, at-a-glance steps and
    the glossary, which search.js uses to correct a misspelt word (only a word that is not
    one of these, and only to one of these), and the :func:`exact_keys`."""
    if site is None:
        return
    text: list[str] = []
    for info in (site.extra.get("search_pages") or {}).values():
        if info.index:
            text += [info.title, info.keywords, info.glance, info.section]
    for dest, headings in (site.extra.get("search_headings") or {}).items():
        if dest in (site.extra.get("search_pages") or {}):
            text += headings
    text += [f"{a} {e}" for a, e in acronyms(site)]
    words = sorted({w.strip("'-") for w in _WORD.findall(" ".join(text).lower())})
    exact = exact_keys(site.extra.get("search_pages") or {})
    out = site_dir / VOCABULARY
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"words": words, "exact": exact}, separators=(",", ":")), encoding="utf-8")


def start_index(site: Site | None, site_dir: Path) -> None:
    site_dir = Path(site_dir)
    problems = check_markers(site, site_dir)
    if problems:
        raise SearchIndexError("\n".join(problems))
    bundle = site_dir / BUNDLE_DIR
    snap = _snapshot(site_dir, site)
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by finish_index
    proc = subprocess.Popen(_command(snap, bundle), stdout=log, stderr=subprocess.STDOUT)
    proc.log = log  # type: ignore[attr-defined]
    stale = _RUNNING.pop(str(site_dir), None)
    if stale:
        stale[0].kill()
        shutil.rmtree(stale[2], ignore_errors=True)
    _RUNNING[str(site_dir)] = (proc, bundle, snap)
    atexit.register(_kill, proc, snap)


def cancel_index(site_dir: Path) -> None:
    """The build failed after start_index: stop Pagefind and remove its snapshot now."""
    running = _RUNNING.pop(str(Path(site_dir)), None)
    if running is not None:
        _kill(running[0], running[2])
        running[0].log.close()  # type: ignore[attr-defined]


def _kill(proc: subprocess.Popen, snap: Path) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    shutil.rmtree(snap, ignore_errors=True)


def finish_index(site: Site | None, site_dir: Path) -> int:
    site_dir = Path(site_dir)
    running = _RUNNING.pop(str(site_dir), None)
    if running is None:  # start_index was not run: do it all now
        return index_site(site, site_dir)
    proc, bundle, snap = running
    returncode = proc.wait()
    shutil.rmtree(snap, ignore_errors=True)
    proc.log.seek(0)  # type: ignore[attr-defined]
    output = proc.log.read().decode("utf-8", "replace")  # type: ignore[attr-defined]
    proc.log.close()  # type: ignore[attr-defined]
    count = _finish(returncode, output, bundle)
    _check_count(site, site_dir, count)
    write_vocabulary(site, site_dir)
    return count


def macros(site: Site) -> dict[str, Any]:
    from ..core.render import render_html

    def search_page() -> str:
        """The search results page: a form, the content-type filters and the results."""
        return render_html("search-page.html")

    return {"search_page": search_page}


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature, Step  # noqa: E402
from .models import SearchTermsFile  # noqa: E402

FEATURE = Feature(
    __name__,
    data_files={"search-terms.yml": SearchTermsFile},  # search synonyms
    macros=("procedures.search",),  # search_page()
    page_hooks=("procedures.search",),  # search_info for templates: indexed?, type, code, title, section
    after_build=(
        "procedures.search:start_index",  # checks data-pagefind-body, starts Pagefind (runs beside the PDFs)
        Step("procedures.search:finish_index", "late"),  # waits for Pagefind, checks the number of pages indexed
    ),
    on_build_failed=("procedures.search:cancel_index",),  # a failed build stops Pagefind
)
