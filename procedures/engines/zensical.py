"""The Zensical engine (``procedures build --engine zensical``).

Zensical reads ``mkdocs.yml`` but runs no MkDocs plugin: on the project's own config it
would publish drafts, show "!chapters" as items titled "none" and write none of the
feeds, redirects, search index, headers or PDFs — and exit 0. So it is never given that
config. The site is prepared first as plain files (procedures/engines/plainconfig.py,
after the whole site has been validated by the build), Zensical renders those, and the
post-build files (registry.POST_BUILD: feeds, redirects, reviews.json, sitemaps, offline
copy) are written here; the after-build steps (search, PDFs, headers, checks) then run
on the output as for MkDocs (procedures/core/builder.py).
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from .plainconfig import PrepareFailed, prepare


def stage_for(tmp: Path) -> Path:
    # beside the temporary build (".site-build-…"), so a killed build's litter is removed
    return tmp.parent / f"{tmp.name}-zensical"


def command(config_file: Path) -> list[str]:
    # not --strict: Zensical 0.0.73's link check also reads Markdown link syntax inside raw
    # <pre><code> blocks (the error catalogue's examples: 5 false "page does not exist");
    # links and anchors are checked by procedures itself before any engine runs
    return [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config_file)]


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def warnings(output: str) -> list[str]:
    return [line.strip() for line in ANSI.sub("", output).splitlines() if line.strip().startswith("Warning:")]


def gzip_sitemap(site_dir: Path) -> None:
    """sitemap.xml.gz beside sitemap.xml, as MkDocs writes it (Zensical writes only the .xml)."""
    xml, gz = site_dir / "sitemap.xml", site_dir / "sitemap.xml.gz"
    if xml.is_file() and not gz.exists():
        gz.write_bytes(gzip.compress(xml.read_bytes(), mtime=0))


def build(site: Any, root: Path, tmp: Path) -> None:
    from ..core.builder import BuildFailed

    stage = stage_for(tmp)
    shutil.rmtree(stage, ignore_errors=True)
    try:
        try:
            prepared = prepare(site, root, stage, site_dir=tmp, templates=False)
        except PrepareFailed as exc:
            raise BuildFailed(str(exc)) from None
        env = dict(os.environ)
        proc = subprocess.run(command(stage / "mkdocs.yml"), cwd=stage, env=env, capture_output=True, text=True)
        output = (proc.stdout + proc.stderr).strip()
        if os.environ.get("PROCEDURES_VERBOSE") == "1" and output:
            print(output, file=sys.stderr)
        if proc.returncode != 0:
            tail = "\n".join(output.splitlines()[-20:])
            raise BuildFailed(f"Zensical stopped (exit {proc.returncode}):\n{tail}")
        found = warnings(output)
        if found:
            print(f"Zensical: {len(found)} warning(s) (not fatal: see docs/developers/engines.md; --verbose shows them)",
                  file=sys.stderr)
        built = stage / "site"
        if not (built / "index.html").exists():
            raise BuildFailed(f"Zensical wrote no {built.name}/index.html — run with --verbose to see its output")
        shutil.rmtree(tmp, ignore_errors=True)
        built.rename(tmp)
        gzip_sitemap(tmp)
        cfg = prepared.config
        try:
            cfg.plugins.on_post_build(config=cfg)  # feeds, redirects, sitemaps, offline copy
        finally:
            cfg.plugins.on_shutdown()
    finally:
        if os.environ.get("PROCEDURES_KEEP_STAGE") != "1":  # for a developer comparing engines
            shutil.rmtree(stage, ignore_errors=True)
