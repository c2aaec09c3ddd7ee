"""Build the site strictly into a temporary folder, then swap it into place.

A failed build (bad data, a broken link, a macro error, a failing post-build step)
leaves the previous ``site/`` untouched: nothing half-written is ever published.
"""

from __future__ import annotations

import errno
import logging
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from . import registry
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


def _log_to_stderr() -> None:
    """MkDocs logs its warnings; show them (one line each) as the mkdocs CLI would."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_procedures", False) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        handler._procedures = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


def build_site(root: Path, out: Path | None = None, progress: Callable[[str], None] = print,
               after_build: bool = True) -> Path:
    """Build strictly; ``after_build=False`` skips whole-site steps (search index, PDFs) for quick test builds."""
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
    tmp = out.parent / f".site-build-{int(time.time() * 1000)}"
    _log_to_stderr()
    started = time.perf_counter()
    try:
        progress(f"Building the site into a temporary folder ({tmp.name}) …")
        mkdocs_build(root / "mkdocs.yml", tmp)
        progress(f"MkDocs build done in {time.perf_counter() - started:.1f} s")
        for spec in registry.AFTER_BUILD if after_build else []:
            progress(f"Running {spec} …")
            step_started = time.perf_counter()
            step = resolve(spec)
            # own thread: steps may use Playwright or asyncio, which refuse a running loop
            in_own_thread(lambda step=step: step(site, tmp), name=spec)
            progress(f"  {spec} done in {time.perf_counter() - step_started:.1f} s")
    except SystemExit as exc:  # mkdocs-macros exits on a failing macro (on_error_fail)
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildFailed(f"a page macro failed (exit {exc.code}); see the message above") from exc
    except OSError as exc:  # disk full, read-only folder: one line, the old site stays
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildFailed(os_error_line(exc, out)) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
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
