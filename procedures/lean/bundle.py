"""Writing a joined file (stylesheet or script) that lean made during the build.

Its own module so that ``lean`` and ``lean.js`` can both use it without importing
each other in a circle.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.site import Site


def write_bundle(site: Site | None, site_dir: Path, key: str) -> Path | None:
    """Write the joined file ``site.extra[key]`` = (name, bytes) that the pages link to."""
    bundle = site.extra.get(key) if site is not None else None
    if not bundle:
        return None
    name, data = bundle
    target = Path(site_dir) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target
