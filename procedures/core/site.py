"""Load and validate everything: data files, front matter, cross-references.

``load_site(root)`` never stops at the first mistake: it collects every problem in
``site.report``. ``get_site(root)`` caches the result until a file changes, so MkDocs,
the macros module and the CLI share one load per build.
"""

from __future__ import annotations

import importlib
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import feature
from .dates import today as build_today
from .errors import Report
from .models import PageMeta
from .validation import validate
from .yamlload import (
    Lines,
    UnreadableText,
    YamlSyntaxError,
    load_file,
    load_text,
    read_text,
    split_front_matter,
)


@dataclass
class PageSource:
    src_uri: str  # path inside docs/, e.g. "manual/neglect.md"
    path: Path
    meta: dict[str, Any]
    lines: Lines
    body: str
    body_line: int
    model: Any = None  # validated front matter (ChapterMeta, PageMeta, …)
    kind: str = "page"


@dataclass
class Site:
    root: Path
    today: date
    report: Report
    data: dict[str, Any] = field(default_factory=dict)  # "partners" -> PartnersFile
    lines: dict[str, Lines] = field(default_factory=dict)
    pages: dict[str, PageSource] = field(default_factory=dict)
    chapters: list[Any] = field(default_factory=list)  # manual.Chapter, every status
    extra: dict[str, Any] = field(default_factory=dict)  # features keep derived state here

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def line(self, name: str, path: tuple[Any, ...]) -> int | None:
        lines = self.lines.get(name)
        return lines.line_of(path) if lines else None

    def data_file(self, name: str) -> str:
        return f"data/{name}.yml"


def site_url(root) -> str:
    """``site_url`` from mkdocs.yml (read as text: the file may hold tags only MkDocs knows)."""
    text = (Path(root) / "mkdocs.yml").read_text(encoding="utf-8")
    m = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", text, re.M)
    url = m.group(1) if m else ""
    return url if not url or url.endswith("/") else url + "/"


def resolve(spec: str):
    module, _, attr = spec.partition(":")
    mod = importlib.import_module(module)
    return getattr(mod, attr) if attr else mod


def load_data(site: Site) -> None:
    # keys a file declares for the files after it (models.DataKey), e.g. the areas
    keys: dict[str, list[str]] = {}
    for filename, model in feature.DATA_FILES.items():
        name = filename.removesuffix(".yml")
        path = site.data_dir / filename
        if not path.exists():
            site.report.error(f"data/{filename}", None, f"the data file is missing — restore data/{filename} from git")
            continue
        try:
            raw, lines = load_file(path, site.root)
        except YamlSyntaxError as exc:
            site.report.error(f"data/{filename}", exc.line, exc.message)
            continue
        site.lines[name] = lines
        site.data[name] = validate(model, raw, lines, site.report, context={"keys": keys})
        declare = getattr(site.data[name], "validation_keys", None)
        if declare is not None:
            keys.update(declare())
    known = set(feature.DATA_FILES)
    for path in sorted(site.data_dir.glob("*.y*ml")):
        if path.name not in known:
            site.report.error(site.rel(path), None, "no model describes this data file — remove it (a copy or backup?), or ask a developer to declare it in a feature's data_files")


MACRO_OPEN = re.compile(r"\{\{|\{%")

# a page larger than this is refused: it builds for minutes and nobody can read it on a phone
MAX_PAGE_BYTES = 300 * 1024


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


def load_pages(site: Site) -> None:
    handlers = {prefix: resolve(spec) for prefix, spec in feature.CONTENT_TYPES.items()}
    for path in sorted(site.docs_dir.rglob("*.md")):
        src_uri = path.relative_to(site.docs_dir).as_posix()
        rel = site.rel(path)
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            site.report.error(rel, None, f"the page is {_size(size)}; a page may be at most {_size(MAX_PAGE_BYTES)} — "
                                         "split it into shorter chapters (a page this long takes minutes to build "
                                         "and is very hard to read on a phone)")
            _remember_unreadable_id(site, path.read_bytes()[:4096].decode("utf-8", "replace"))
            continue
        try:
            text = read_text(path)
        except UnreadableText as exc:
            site.report.error(rel, exc.line, exc.message)
            _remember_unreadable_id(site, path.read_bytes().decode("utf-8", "replace"))
            continue
        fm, body, body_line = split_front_matter(text)
        meta: dict[str, Any] = {}
        lines = Lines(file=rel, offset=1)
        if fm is None and re.match(r"---[ \t]*\r?\n", text):
            site.report.error(rel, 1, "the front matter starts with '---' but is never closed — add a line with just '---' after the last key")
            _remember_unreadable_id(site, text)
            continue
        if fm is not None:
            try:
                meta, lines = load_text(fm, rel, offset=1)
                meta = meta or {}
            except YamlSyntaxError as exc:
                site.report.error(rel, exc.line, f"front matter: {exc.message}")
                _remember_unreadable_id(site, fm)
                continue
            if not isinstance(meta, dict):
                site.report.error(rel, 2, "front matter must be 'key: value' lines between the two '---' lines")
                continue
        page = PageSource(src_uri, path, meta, lines, body, body_line)
        handler = next((h for prefix, h in handlers.items() if src_uri.startswith(prefix) and not src_uri.endswith("index.md")), None)
        if handler is None:
            page.model = validate(PageMeta, meta, lines, site.report)
        else:
            handler(site, page)
        site.pages[src_uri] = page
        _check_macro_syntax(site, page)


def _remember_unreadable_id(site: Site, front_matter: str) -> None:
    """A page whose front matter cannot be read still owns its id: references to it
    from other pages should not add a second, misleading error."""
    m = re.search(r"^id:[ \t]*[\"'\u201c\u2018]?([\w.-]+)", front_matter, re.M)
    if m:
        site.extra.setdefault("invalid_chapter_ids", set()).add(m.group(1))


def _check_macro_syntax(site: Site, page: PageSource) -> None:
    if page.meta.get("render_macros") or not MACRO_OPEN.search(page.body):
        return  # the usual case, decided without going through the page line by line
    rel = site.rel(page.path)
    for offset, line in enumerate(page.body.splitlines()):
        if MACRO_OPEN.search(line):
            site.report.error(
                rel,
                page.body_line + offset,
                "'{{' or '{%' in prose would be read as a template instruction — write it another way, or ask a developer to add a macro",
            )
            return


def run_checks(site: Site) -> None:
    for spec in feature.CROSS_CHECKS:
        resolve(spec)(site)


def load_site(root: Path | str, today: date | None = None) -> Site:
    root = Path(root).resolve()
    site = Site(root=root, today=today or build_today(), report=Report(root=root))
    load_data(site)
    load_pages(site)
    # every check tolerates missing data (a file that failed to load is None), so one
    # broken file does not hide the problems in the others
    run_checks(site)
    return site


_CACHE: dict[Path, tuple[tuple, Site]] = {}


def _signature(root: Path) -> tuple:
    sig = [os.environ.get("SOURCE_DATE_EPOCH", "")]
    for name in ("urls.txt", "mkdocs.yml"):  # checked against the data too (the URL manifest)
        p = root / name
        if p.exists():
            st = p.stat()
            sig.append((p.as_posix(), st.st_mtime_ns, st.st_size))
    for folder in ("data", "docs"):
        base = root / folder
        if base.exists():
            for p in sorted(base.rglob("*")):
                if p.suffix in {".yml", ".yaml", ".md"}:
                    st = p.stat()
                    sig.append((p.as_posix(), st.st_mtime_ns, st.st_size))
    return tuple(sig)


def get_site(root: Path | str) -> Site:
    root = Path(root).resolve()
    sig = _signature(root)
    cached = _CACHE.get(root)
    if cached and cached[0] == sig:
        return cached[1]
    site = load_site(root)
    _CACHE[root] = (sig, site)
    return site
