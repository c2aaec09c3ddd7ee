"""Build the site strictly into a temporary folder, then swap it into place.

A failed build (bad data, a broken link, a macro error, a failing post-build step)
leaves the previous ``site/`` untouched: nothing half-written is ever published.

One build at a time per folder: a lock file (``.site-build.lock`` beside ``site/``) makes
a second build refuse with one line while the first runs. Holding the lock, a build first
removes what a killed build left behind (``.site-build-*``, ``..site-build-*-search-snapshot``,
``site.old``). ``procedures build`` runs this in a supervised child process
(``procedures/core/procs.py``), so a signal also stops Pagefind and Chromium.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import feature
from .site import get_site, resolve
from .threads import in_own_thread


class BuildFailed(Exception):
    pass


def os_error_line(exc: OSError, out: Path) -> str:
    """One line for a disk or permission problem while writing the site (never a traceback)."""
    where = exc.filename or out.parent
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{where}: the disk is full — free some space (or build elsewhere with --out) and build again"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"{where}: cannot write here ({exc.strerror}) — the folder is read-only or belongs to someone else: "
                "check its permissions, or build elsewhere with --out")
    return f"{where}: the site could not be written ({exc.strerror or exc}) — check the disk and the folder, then build again"


def mkdocs_build(config_file: Path, site_dir: Path, strict: bool = True) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    cfg = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
    try:
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except (Abort, MkDocsException) as exc:
        raise BuildFailed(str(exc) or exc.__class__.__name__) from exc


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is now (not the one there was when it was made)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):
        pass


LOCK_NAME = ".site-build.lock"


def litter(out: Path) -> list[Path]:
    """Temporary folders of builds into ``out``'s folder (a killed build leaves them)."""
    parent = out.parent
    found = [*parent.glob(".site-build-*"), *parent.glob("..site-build-*-search-snapshot"),
             parent / (out.name + ".old")]
    return [p for p in found if p.exists()]


def remove_litter(out: Path) -> None:
    """Remove what killed builds left, unless a build is running there now."""
    try:
        with build_lock(out):
            pass
    except BuildFailed:
        return  # a build is running: its own start removes any litter


@contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold the build lock of ``out``'s folder (refuse with one line if another build
    holds it); clear the litter of killed builds first."""
    out.parent.mkdir(parents=True, exist_ok=True)
    path = out.parent / LOCK_NAME
    fh = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole build
    try:
        try:
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - Windows: no lock, as before
            pass
        except OSError:
            fh.seek(0)
            holder = fh.read().strip() or "unknown"
            raise BuildFailed(f"Another build into {out.parent} is running (process {holder}) — "
                              "wait for it to finish, then build again") from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        for path_left in litter(out):
            shutil.rmtree(path_left, ignore_errors=True)
        yield
    finally:
        fh.close()  # releases the lock


def _log_to_stderr() -> None:
    """MkDocs logs its warnings; show them (one line each) as the mkdocs CLI would."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_procedures", False) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        handler._procedures = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.INFO if os.environ.get("PROCEDURES_VERBOSE") == "1" else logging.WARNING)


def build_site(root: Path, out: Path | None = None, progress: Callable[[str], None] = print,
               after_build: bool = True, engine: str | None = None) -> Path:
    """Build strictly; ``after_build=False`` skips whole-site steps (search index, PDFs) for quick test builds.
    ``engine``: "mkdocs" (default) or "zensical" (declared by the engines feature, procedures/engines/)."""
    from . import engine as engines

    try:
        engines.get(engine)
    except engines.EngineMissing as exc:
        raise BuildFailed(str(exc)) from None
    root = root.resolve()
    out = (out or root / "site").resolve()
    site = get_site(root)
    if not site.extra.get("links_checked"):
        # what `procedures check` says about links and images, in the same words, before MkDocs
        # says it in its own (without a line number)
        from .links import check_links

        check_links(site)
        site.extra["links_checked"] = True
    if site.report.errors:
        raise BuildFailed("\n".join(str(p) for p in site.report.errors))
    for spec in feature.PREFLIGHT if after_build else []:
        problem = resolve(spec)(site)  # before minutes of building, not after (e.g. no Chromium for the PDFs)
        if problem:
            raise BuildFailed(problem)
    with build_lock(out):
        return _build(site, root, out, progress, after_build, engine)


def _build(site, root: Path, out: Path, progress: Callable[[str], None], after_build: bool,
           engine: str | None = None) -> Path:
    from . import engine as engines

    tmp = out.parent / f".site-build-{int(time.time() * 1000)}"
    _log_to_stderr()
    started = time.perf_counter()
    try:
        progress(f"Building the site into a temporary folder ({tmp.name}) …")
        engines.run(engine, site, root, tmp)  # MkDocs unless --engine says otherwise
        progress(f"{engines.get(engine).name.capitalize()} build done in {time.perf_counter() - started:.1f} s")
        for spec in feature.AFTER_BUILD if after_build else []:
            progress(f"Running {spec} …")
            step_started = time.perf_counter()
            step = resolve(spec)
            # own thread: steps may use Playwright or asyncio, which refuse a running loop
            in_own_thread(lambda step=step: step(site, tmp), name=spec)
            progress(f"  {spec} done in {time.perf_counter() - step_started:.1f} s")
    except SystemExit as exc:  # mkdocs-macros exits on a failing macro (on_error_fail)
        _discard(tmp)
        raise BuildFailed(f"a page macro failed (exit {exc.code}); see the message above") from exc
    except OSError as exc:  # disk full, read-only folder: one line, the old site stays
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildFailed(os_error_line(exc, out)) from None
    except BaseException:
        _discard(tmp)
        raise
    old = out.parent / (out.name + ".old")
    try:
        shutil.rmtree(old, ignore_errors=True)
        if out.exists():
            out.rename(old)
        try:
            tmp.rename(out)
        except OSError:
            if old.exists() and not out.exists():
                old.rename(out)  # put the previous site back
            raise
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildFailed(os_error_line(exc, out)) from None
    shutil.rmtree(old, ignore_errors=True)
    progress(f"Built {out} in {time.perf_counter() - started:.1f} s")
    return out


def _discard(tmp: Path) -> None:
    """A failed build: stop what the after-build steps started (the search indexer), remove the folders."""
    for spec in feature.ON_BUILD_FAILED:
        resolve(spec)(tmp)
    shutil.rmtree(tmp, ignore_errors=True)
