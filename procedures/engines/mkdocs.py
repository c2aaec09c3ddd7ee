"""The default engine: MkDocs with Material and the ``procedures`` plugin (procedures/core/plugin.py),
which validates, expands the navigation, leaves drafts out, renders the page functions
(mkdocs-macros) and writes the post-build files (registry.POST_BUILD) itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def build(site: Any, root: Path, tmp: Path) -> None:
    from ..core.builder import mkdocs_build

    mkdocs_build(root / "mkdocs.yml", tmp)
