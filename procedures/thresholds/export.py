"""Files the thresholds feature writes after MkDocs has built the site."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .pages import INDICATORS_JSON, finder_data
from .view import thresholds

if TYPE_CHECKING:
    from ..core.site import Site


def write_json(site: Site, site_dir: Path, config: Any = None) -> Path | None:
    """Write ``thresholds/indicators.json``: the data the indicator finder filters."""
    if thresholds(site) is None:
        return None
    out = Path(site_dir) / INDICATORS_JSON
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(finder_data(site), ensure_ascii=False, indent=None, separators=(",", ":"))
    out.write_text(text + "\n", encoding="utf-8")
    return out
