"""The "At a glance" box at the top of every published chapter.

What this feature contributes (registered in :mod:`procedures.registry`):

* the front matter block ``at_a_glance`` (model :class:`procedures.manual.models.AtAGlance`:
  ``do_now``, ``call``, ``by_when``), required on published chapters;
* cross check :func:`.checks.check_at_a_glance` — a published chapter without the box,
  and ``call``/``by_when`` keys that ``data/contacts.yml`` or ``data/timescales.yml``
  do not have;
* :func:`render` — the box's HTML, placed by ``chapter-head.html`` under the title and
  above the scope, inside the searchable article, so it is on a phone's first screen,
  printed and found by search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..contacts import all_contacts, render_contact
from ..core.render import render_html
from ..timescales import all_timescales, render_timescale

if TYPE_CHECKING:
    from ..core.site import Site

LOCAL_CONTACTS = "manual/local-contacts.md"  # where every route's source is listed


def render(site: Site, chapter: Any, contacts_href: str | None) -> Markup:
    """The box for ``chapter`` (a manual chapter: not imported, the manual imports this
    package), or nothing when it has none (drafts, archived)."""
    glance = chapter.meta.at_a_glance
    if glance is None:
        return Markup("")
    contacts = all_contacts(site)
    timescales = all_timescales(site)
    return Markup(render_html(
        "at-a-glance.html",
        g=glance,
        contacts=[render_contact(contacts[k], compact=True) for k in glance.call if k in contacts],
        timescales=[{"t": timescales[k], "phrase": render_timescale(timescales[k])} for k in glance.by_when if k in timescales],
        contacts_href=contacts_href,
    ))


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature  # noqa: E402

FEATURE = Feature(
    __name__,
    checks=("procedures.at_a_glance.checks:check_at_a_glance",),  # required on published chapters; keys exist
)
