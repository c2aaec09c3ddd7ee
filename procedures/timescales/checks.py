"""Cross checks for timescales: unique keys, and ``timescale("key")`` calls in page text
that name a timescale ``data/timescales.yml`` does not have."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.checks import unique
from ..core.pagecalls import calls, suggestion
from . import all_timescales, unknown_message

if TYPE_CHECKING:
    from ..core.site import Site


def check_timescales(site: Site) -> None:
    data = site.data.get("timescales")
    if data is not None:
        unique(site, "timescales", data.timescales, "key", "timescales")
    keys = set(all_timescales(site))
    for call in calls(site, "timescale"):
        if call.key is None:
            site.report.error(call.file, call.line, "write one timescale key in quotes, e.g. {{ timescale(\"icpc\") }}")
        elif data is not None and call.key not in keys:
            site.report.error(call.file, call.line, unknown_message(call.key) + suggestion(call.key, keys))
