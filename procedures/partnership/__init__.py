"""The partnership a site belongs to: names, areas, footprints and wording, from data.

The engine names no partnership. Everything that differs between one safeguarding
partnership's site and another's — its name, the local authority areas it covers, the
groupings of areas its governance uses, the wording of feed titles and print footers, the
contact for the business office — lives in ``data/partnership.yml`` and is read here.

What this package contributes (registered in :mod:`procedures.registry`):

- data file ``partnership.yml`` -> :class:`PartnershipFile` (loaded FIRST: the files after
  it validate their ``area`` fields against its areas, see ``validation_keys``)
- cross check ``check_partnership`` (footprints name real areas, the business office is a contact)
- ``procedures init DIR --name "…"`` (:mod:`.init`): a new partnership's site with sample data
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field

from ..core.models import Key, Model, Text

if TYPE_CHECKING:
    from ..core.site import Site

# the key every site may use for a contact that serves everyone (national lines)
EVERYWHERE = "all"
EVERYWHERE_NAME = "Everywhere"


class Area(Model):
    key: Key  # e.g. west-wealdshire: what data files write in 'area:'
    name: Text  # e.g. West Wealdshire


class WholeArea(Model):
    key: Key  # e.g. wealdshire: the partnership's whole footprint in 'area:' fields
    name: Text  # e.g. Wealdshire (all the areas together)
    short: Text  # e.g. WSCP


class Footprint(Model):
    """A grouping of areas used by the governance groups (besides the whole area and each area)."""

    key: Key
    name: Text
    short: Text | None = None
    areas: list[Key] = Field(min_length=2)


class Wording(Model):
    """Sentences the engine writes about the partnership (feeds, e-mails, print footers)."""

    procedures: Text  # "WSCP safeguarding children procedures": feed titles, e-mail subjects
    manual: Text  # "Wealdshire safeguarding children procedures manual"
    partnership_of: Text  # "the Wealdshire Safeguarding Children Partnership"
    briefing_footer: Text  # the footer printed on every 7-Minute Briefing PDF


class PartnershipFile(Model):
    name: Text  # "Wealdshire Safeguarding Children Partnership"
    short_name: Text  # "WSCP"
    whole_area: WholeArea
    areas: list[Area] = Field(min_length=1)
    local_authorities: list[Key] = Field(min_length=1)  # organisation keys in data/partners.yml
    footprints: list[Footprint] = []
    business_office: Key  # contact key in data/contacts.yml: questions, registering for updates
    default_author: Text  # who the feeds name when no owner is known
    wording: Wording
    sample: bool = False  # true on a site made by `procedures init` until its data is real

    # --- lookups -----------------------------------------------------------------------
    def area_names(self, *, whole: bool = True, everywhere: bool = False) -> dict[str, str]:
        """Area key -> name, in the order of the file (the whole area last)."""
        out = {a.key: a.name for a in self.areas}
        if whole:
            out[self.whole_area.key] = self.whole_area.name
        if everywhere:
            out[EVERYWHERE] = EVERYWHERE_NAME
        return out

    def validation_keys(self) -> dict[str, list[str]]:
        """The keys other files' 'area' fields accept (``procedures.core.models.DataKey``)."""
        areas = [a.key for a in self.areas]
        whole = self.whole_area.key
        return {
            "area": areas,
            "local-area": [*areas, whole],
            "contact-area": [EVERYWHERE, *areas, whole],
            "footprint": [whole, *areas, *(f.key for f in self.footprints)],
        }

    def footprint_names(self) -> dict[str, tuple[str, str]]:
        """Footprint key -> (name, short name): the whole area, each area, each grouping."""
        out = {self.whole_area.key: (self.whole_area.name, self.whole_area.short)}
        out |= {a.key: (a.name, a.name) for a in self.areas}
        out |= {f.key: (f.name, f.short or f.name) for f in self.footprints}
        return out


# --- area fields in other data files -----------------------------------------------------
# Other files' 'area' fields are ``procedures.core.models.DataKey("area")`` etc.: while a site
# loads, the keys they accept come from ``validation_keys`` below (data/partnership.yml
# loads first). "area": the areas; "local-area": those and the whole area;
# "contact-area": those and 'all'; "footprint": any footprint of the governance groups.

# --- access from features -----------------------------------------------------------------

def partnership(site: Site) -> PartnershipFile | None:
    """The partnership's data; None only when data/partnership.yml failed to load."""
    return site.data.get("partnership")


def area_names(site: Site, **kw: Any) -> dict[str, str]:
    p = partnership(site)
    return p.area_names(**kw) if p else {}


def check_partnership(site: Site) -> None:
    """Cross-file rules: the local authorities and the business office exist."""
    p = partnership(site)
    if p is None:
        return
    f = site.data_file("partnership")
    seen: dict[str, tuple] = {}
    keyed = [(("whole_area", "key"), p.whole_area.key)]
    keyed += [(("areas", i, "key"), a.key) for i, a in enumerate(p.areas)]
    keyed += [(("footprints", i, "key"), fp.key) for i, fp in enumerate(p.footprints)]
    for path, key in keyed:
        line = site.line("partnership", path)
        if key == EVERYWHERE:
            site.report.error(f, line, f"'{EVERYWHERE}' is reserved for contacts that serve everyone — give this area another key")
        elif key in seen:
            site.report.error(f, line, f"the key '{key}' is used twice (also on line {site.line('partnership', seen[key])}) — "
                                       "give each area and footprint its own key")
        seen.setdefault(key, path)
    known = [a.key for a in p.areas]
    for i, fp in enumerate(p.footprints):
        for j, key in enumerate(fp.areas):
            if key not in known:
                site.report.error(f, site.line("partnership", ("footprints", i, "areas", j)),
                                  f"footprint '{fp.key}' names '{key}', which is not one of the areas — known: {', '.join(known)}")
    partners = site.data.get("partners")
    if partners is not None:
        orgs = {o.key: o for o in partners.organisations}
        for i, key in enumerate(p.local_authorities):
            if key not in orgs:
                site.report.error(f, site.line("partnership", ("local_authorities", i)),
                                  f"'{key}' is not an organisation in data/partners.yml — known: {', '.join(sorted(orgs))}")
    contacts = site.data.get("contacts")
    if contacts is not None and p.business_office not in {c.key for c in contacts.contacts}:
        site.report.error(f, site.line("partnership", ("business_office",)),
                          f"'{p.business_office}' is not a contact in data/contacts.yml — name the business office's contact key")


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature  # noqa: E402

FEATURE = Feature(
    __name__,
    # FIRST (registry): the files after it validate their 'area' fields against its areas
    data_files={"partnership.yml": PartnershipFile},
    checks=("procedures.partnership:check_partnership",),  # local authorities and business office exist
    cli_commands=("procedures.partnership.init:COMMANDS",),  # procedures init DIR --name …
)
