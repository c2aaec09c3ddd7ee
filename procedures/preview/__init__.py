"""Fast editor preview: ``procedures serve`` rebuilds only the page that changed.

``mkdocs serve`` rebuilds the whole site on every save (about 13 s at 400 chapters), and
its ``--dirty`` mode is wrong: pages it skips have no title, so the navigation of the page
it does rebuild says "None", and anything that reads other pages sees them empty. This
module makes dirty rebuilds correct, for the preview only (``procedures build`` and
``make build`` always build everything, strictly, into a temporary folder first):

* every page MkDocs renders is remembered (title, meta, HTML, table of contents, anchors);
* on a rebuild, pages MkDocs skipped get those back before any template runs, so the
  rebuilt page's navigation, previous/next links and badges are exactly right;
* a change that can affect other pages — any front matter, a data file, mkdocs.yml, a
  template — rebuilds everything (the output folder is emptied first), so the preview
  never mixes old and new navigation. Editing the text of a page, the usual case,
  rebuilds just that page.

The preview's output lives in a temporary folder that ``mkdocs serve`` creates: nothing
here ever writes to ``site/``. After each build the search index is rebuilt in the
background, so search works in the preview too (a second or two behind the edits).

Active only when ``PROCEDURES_FAST_PREVIEW=1`` (``procedures serve`` sets it and runs
``mkdocs serve --dirty``); otherwise every hook here does nothing.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import threading
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache

log = logging.getLogger("mkdocs.plugins.procedures.preview")
# The background search indexer must never log under "mkdocs": in strict mode MkDocs
# counts every warning logged during a build, and would abort the preview build.
index_log = logging.getLogger("procedures.preview.search")

ENV = "PROCEDURES_FAST_PREVIEW"
_DIRTY_WARNING = "A 'dirty' build is being performed"


class _State:
    signature: str | None = None
    pages: dict[str, dict[str, Any]] = {}
    full: bool = True
    restored: int = 0
    index_timer: threading.Timer | None = None
    index_lock = threading.Lock()
    building: bool = False


STATE = _State()


def active() -> bool:
    return os.environ.get(ENV, "") == "1"


def in_preview() -> bool:
    """``procedures serve`` (fast or full rebuilds): nothing is printed to PDF there, so
    PDF links say the PDF is made when the site is published instead of leading nowhere."""
    return os.environ.get("PROCEDURES_PREVIEW", "") == "1"


class _DropDirtyWarning(logging.Filter):
    """MkDocs warns on every dirty build; this module makes them correct, and in strict
    mode the warning alone would abort every preview build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_DIRTY_WARNING)


def _install_filter() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DropDirtyWarning) for f in logger.filters):
        logger.addFilter(_DropDirtyWarning())


def structure_signature(site, root: Path) -> str:
    """Changes to anything here can alter pages other than the one edited."""
    h = hashlib.sha256()
    for src, page in sorted(site.pages.items()):
        h.update(src.encode())
        h.update(repr(sorted(page.meta.items(), key=lambda kv: str(kv[0]))).encode())
    for path in [root / "mkdocs.yml", *sorted((root / "data").glob("*"))]:
        if path.is_file():
            h.update(path.as_posix().encode())
            h.update(path.read_bytes())
    for folder in ("overrides", "macros"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                st = path.stat()
                h.update(f"{path.as_posix()}:{st.st_mtime_ns}:{st.st_size}".encode())
    return h.hexdigest()


# --- MkDocs events (called through registry.PAGE_HOOKS by the procedures plugin) --------


def on_pre_build(site, config) -> None:
    if not active() or site is None:
        return
    _install_filter()
    STATE.building = True
    if STATE.index_timer is not None:
        STATE.index_timer.cancel()
    signature = structure_signature(site, site.root)
    STATE.full = signature != STATE.signature
    STATE.restored = 0
    if STATE.full:
        # start from an empty folder: every page is rebuilt, nothing stale is served
        from mkdocs.utils import clean_directory

        clean_directory(config.site_dir)
        STATE.pages = {}
        STATE.signature = signature


def on_page_content(site, page, html: str, config) -> str:
    if active():
        STATE.pages[page.file.src_uri] = {
            "title": page.title,
            "meta": dict(page.meta),
            "markdown": page.markdown,
            "content": html,
            "toc": page.toc,
            "anchors": getattr(page, "present_anchor_ids", None),
        }
    return html


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled theme templates kept between preview builds (MkDocs makes a new Jinja
    environment for every build; compiling Material's templates again took a third of
    an incremental rebuild). Jinja checks each template's source checksum, so an edited
    template is compiled afresh."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _MemoryBytecodeCache()


def on_env(site, env, config, files):
    """Give the pages MkDocs skipped (unchanged since the last build) what it would have
    read, so templates see every page's title and meta."""
    if not active():
        return env
    env.bytecode_cache = _TEMPLATES
    from mkdocs.commands.build import _populate_page

    for file in files.documentation_pages():
        page = file.page
        if page is None or page.markdown is not None:
            continue
        saved = STATE.pages.get(file.src_uri)
        if saved is None:
            _populate_page(page, config, files, dirty=False)  # never seen: read it now
            continue
        page.markdown = saved["markdown"]
        page.meta = dict(saved["meta"])
        page.content = saved["content"]
        page.toc = saved["toc"]
        page.title = saved["title"]
        page.present_anchor_ids = saved["anchors"]
        STATE.restored += 1
    return env


def on_post_build(site, config) -> None:
    if not active():
        return
    kind = "full rebuild" if STATE.full else f"rebuilt the changed page(s); {STATE.restored} unchanged"
    log.info(f"Preview: {kind}")
    STATE.building = False
    _schedule_index(Path(config.site_dir))


def on_shutdown(site) -> None:
    """The preview is stopping (Ctrl+C, SIGTERM): no new search index, and wait for one
    under way to finish, before MkDocs removes the preview folder it would write into."""
    if not active():
        return
    STATE.building = True  # an index that finishes now is thrown away, not swapped in
    if STATE.index_timer is not None:
        STATE.index_timer.cancel()
    if STATE.index_lock.acquire(timeout=60):
        STATE.index_lock.release()


def on_serve(site, server, config, builder):
    """Watch the data files too: a changed data file rebuilds the preview."""
    if site is not None:
        for folder in ("data",):
            path = site.root / folder
            if path.is_dir():
                server.watch(str(path))
    return server


# --- search in the preview ----------------------------------------------------------------


def _schedule_index(site_dir: Path, delay: float = 1.5) -> None:
    """Rebuild the search index in the background once edits pause."""
    if STATE.index_timer is not None:
        STATE.index_timer.cancel()
    STATE.index_timer = threading.Timer(delay, _index, args=(site_dir,))
    STATE.index_timer.daemon = True
    STATE.index_timer.start()


def _index(site_dir: Path) -> None:
    from ..search import BUNDLE_DIR, SearchIndexError, run_pagefind

    if STATE.building:
        return None  # the build under way schedules a fresh index when it ends
    if not STATE.index_lock.acquire(blocking=False):
        return _schedule_index(site_dir)
    work = site_dir.parent / f".{site_dir.name}-pagefind"
    try:
        if not site_dir.is_dir():
            return
        shutil.rmtree(work, ignore_errors=True)
        try:
            run_pagefind(site_dir, work, background=True)  # beside the preview, then swapped in
        except SearchIndexError as exc:
            index_log.info(f"Preview search index not built this time: {exc}")
            return
        if STATE.building:  # a rebuild started meanwhile (it may have emptied the folder)
            return
        target = site_dir / BUNDLE_DIR
        old = site_dir.parent / f".{site_dir.name}-pagefind-old"
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        work.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:  # the preview folder went away (server stopped): nothing to do
        index_log.debug(f"preview search index skipped: {exc}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        STATE.index_lock.release()


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature  # noqa: E402

FEATURE = Feature(
    __name__,
    page_hooks=("procedures.preview",),  # fast preview: dirty rebuilds made correct (procedures serve only)
)
