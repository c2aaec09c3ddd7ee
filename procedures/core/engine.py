"""Choosing the engine that turns the prepared pages into HTML.

The core names no engine: engines are declared by a feature (``Feature.engines``, the
``engines`` package declares MkDocs and Zensical), and ``procedures build --engine NAME``
picks one; without a name, :data:`DEFAULT`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import feature

DEFAULT = "mkdocs"


class EngineMissing(Exception):
    """The chosen engine is unknown or not installed (one line for the editor)."""


def _declared() -> dict[str, feature.Engine]:
    # the features' own mappings, read at each call (a test may replace an entry)
    found: dict[str, feature.Engine] = {}
    for f in feature.enabled():
        found.update(f.engines)
    return found


def get(name: str | None) -> feature.Engine:
    engines = _declared()
    engine = engines.get(name or DEFAULT)
    if engine is None:
        raise EngineMissing(f"unknown engine '{name or DEFAULT}' — choose one of: {', '.join(engines) or 'none declared'}")
    if not engine.installed():
        raise EngineMissing(f"the {engine.name} engine is not installed — {engine.install_hint}")
    return engine


def run(name: str | None, site: Any, root: Path, tmp: Path) -> None:
    """Build the HTML site into ``tmp`` with the named engine (post-build files included)."""
    from .site import resolve

    resolve(get(name).build)(site, root, tmp)
