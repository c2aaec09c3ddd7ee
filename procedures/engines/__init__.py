"""Site engines: what turns the prepared pages into HTML.

``procedures build`` is the same pipeline whatever the engine: validate the site
(procedures/site.py) → let the engine write the HTML into a temporary folder → run the
after-build steps (registry.AFTER_BUILD: search, PDFs, headers, checks) on that folder →
swap it into ``site/``. This package is the one place engines are declared:

- ``mkdocs`` (the default): MkDocs with Material and the ``procedures`` plugin, exactly
  as before (procedures/engines/mkdocs.py).
- ``zensical``: Zensical (the Material team's successor), which reads ``mkdocs.yml`` but
  runs no MkDocs plugin. procedures/engines/plainconfig.py prepares everything the
  plugins did as plain files first — the full navigation with its markers expanded,
  drafts left out (not copied, and listed in ``exclude_docs``), generated pages written
  as real files, page functions (macros) already rendered into the Markdown, the page
  template, title, description and badge in each page's front matter — and
  procedures/engines/zensical.py runs Zensical on them, then writes the feeds,
  redirects and other post-build files itself. What Zensical cannot do yet is listed in
  docs/developers/engines.md.

Nothing outside this package names an engine but the CLI's ``--engine`` choice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Engine:
    name: str
    build: str  # "module:function": build(site, root, tmp) writes the HTML site into tmp
    installed: Callable[[], bool]
    install_hint: str  # one line: how to install it when it is missing


ENGINES: dict[str, Engine] = {
    "mkdocs": Engine("mkdocs", "procedures.engines.mkdocs:build", lambda: find_spec("mkdocs") is not None,
                     "install the project: make build"),
    "zensical": Engine("zensical", "procedures.engines.zensical:build", lambda: find_spec("zensical") is not None,
                       "install the optional extra: pip install -r requirements/zensical.txt "
                       "(or make test-engines), then build again"),
}
DEFAULT = "mkdocs"


class EngineMissing(Exception):
    """The chosen engine is not installed (one line for the editor)."""


def get(name: str | None) -> Engine:
    engine = ENGINES.get(name or DEFAULT)
    if engine is None:
        raise EngineMissing(f"unknown engine '{name}' — choose one of: {', '.join(ENGINES)}")
    if not engine.installed():
        raise EngineMissing(f"the {engine.name} engine is not installed — {engine.install_hint}")
    return engine


def run(name: str | None, site: Any, root: Path, tmp: Path) -> None:
    """Build the HTML site into ``tmp`` with the named engine (post-build files included)."""
    from ..site import resolve

    resolve(get(name).build)(site, root, tmp)
