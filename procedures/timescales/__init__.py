"""Statutory timescales, each held once in ``data/timescales.yml``.

What this feature contributes (registered in :mod:`procedures.registry`):

* data file ``timescales.yml`` — model :class:`.models.TimescalesFile`;
* cross check :func:`.checks.check_timescales` — duplicate keys, and
  ``timescale("key")`` calls in page text naming a timescale that does not exist;
* page function (:func:`macros`): ``timescale(key)`` — the phrase, inline, in a
  ``<span class="timescale" data-timescale="key">`` so tests can compare it with the data.

The at-a-glance box (:mod:`procedures.at_a_glance`) lists timescales with
:func:`render_timescale` too, so a page and its box always say the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..core.render import render_html

if TYPE_CHECKING:
    from ..core.site import Site
    from .models import Timescale

TIMESCALES_FILE = "data/timescales.yml"


def all_timescales(site: Site) -> dict[str, Timescale]:
    data = site.data.get("timescales")
    return {t.key: t for t in data.timescales} if data else {}


def unknown_message(key: str) -> str:
    return f"unknown timescale '{key}' — use one of the keys in {TIMESCALES_FILE}"


def render_timescale(t: Timescale) -> Markup:
    """The phrase, escaped, in a span that names its key."""
    return Markup(render_html("timescale.html", t=t))


class UnknownTimescale(ValueError):
    pass


def macros(site: Site) -> dict[str, Any]:
    def timescale(key: str) -> str:
        """A statutory timescale's phrase, inline, e.g. "within 15 working days of …".
        An unknown key stops the build (``procedures check`` names the file and line)."""
        found = all_timescales(site).get(key)
        if found is None:
            raise UnknownTimescale(unknown_message(key))
        return render_timescale(found)

    return {"timescale": timescale}


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature  # noqa: E402
from .models import TimescalesFile  # noqa: E402

FEATURE = Feature(
    __name__,
    data_files={"timescales.yml": TimescalesFile},  # statutory timescales, each once
    checks=("procedures.timescales.checks:check_timescales",),  # timescale("key") calls, duplicate keys
    macros=("procedures.timescales",),  # timescale(key)
)
