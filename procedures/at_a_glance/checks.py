"""Cross check for the at-a-glance box: required on published chapters; every contact
and timescale it names must exist."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..contacts import all_contacts
from ..contacts import unknown_message as unknown_contact
from ..core.pagecalls import suggestion
from ..timescales import all_timescales
from ..timescales import unknown_message as unknown_timescale

if TYPE_CHECKING:
    from ..core.site import Site

MISSING = ("a published chapter needs an 'at_a_glance:' block in its front matter (do_now: the first steps; "
           "call: contact keys; by_when: timescale keys) — add it, as shown under 'At a glance' in the editors' style guide")


def check_at_a_glance(site: Site) -> None:
    rep = site.report
    contacts = set(all_contacts(site)) if site.data.get("contacts") is not None else None
    timescales = set(all_timescales(site)) if site.data.get("timescales") is not None else None
    for ch in sorted(site.chapters, key=lambda c: c.file):
        glance = ch.meta.at_a_glance
        if glance is None:
            if ch.status == "published":
                rep.error(ch.file, ch.lines.line_of(("status",)), MISSING)
            continue
        if contacts is not None:
            for i, key in enumerate(glance.call):
                if key not in contacts:
                    rep.error(ch.file, ch.lines.line_of(("at_a_glance", "call", i)), unknown_contact(key) + suggestion(key, contacts))
        if timescales is not None:
            for i, key in enumerate(glance.by_when):
                if key not in timescales:
                    rep.error(ch.file, ch.lines.line_of(("at_a_glance", "by_when", i)), unknown_timescale(key) + suggestion(key, timescales))
