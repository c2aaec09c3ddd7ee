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

from pydantic import Field, model_validator

from ..models import Key, Model, Text

if TYPE_CHECKING:
    from ..site import Site

# the key every site may use for a contact that serves everyone (national lines)
EVERYWHERE = "all"
EVERYWHERE_NAME = "Everywhere"


class Area(Model):
    key: Key  # e.g. leicester: what data files write in 'area:'
    name: Text  # e.g. Leicester


class WholeArea(Model):
    key: Key  # e.g. llr: the partnership's whole footprint in 'area:' fields
    name: Text  # e.g. Leicester, Leicestershire and Rutland
    short: Text  # e.g. LLR


class Footprint(Model):
    """A grouping of areas used by the governance groups (besides the whole area and each area)."""

    key: Key
    name: Text
    short: Text | None = None
    areas: list[Key] = Field(min_length=2)


class Wording(Model):
    """Sentences the engine writes about the partnership (feeds, e-mails, print footers)."""

    procedures: Text  # "LLR safeguarding children procedures": feed titles, e-mail subjects
    manual: Text  # "Leicester, Leicestershire and Rutland safeguarding children procedures manual"
    partnership_of: Text  # "the Leicester, Leicestershire and Rutland Safeguarding Children Partnerships"
    briefing_footer: Text  # the footer printed on every 7-Minute Briefing PDF


class PartnershipFile(Model):
    name: Text  # "Leicester, Leicestershire and Rutland Safeguarding Children Partnerships"
    short_name: Text  # "LLR"
    whole_area: WholeArea
    areas: list[Area] = Field(min_length=1)
    local_authorities: list[Key] = Field(min_length=1)  # organisation keys in data/partners.yml
    footprints: list[Footprint] = []
    business_office: Key  # contact key in data/contacts.yml: questions, registering for updates
    default_author: Text  # who the feeds name when no owner is known
    wording: Wording
    sample: bool = False  # true on a site made by `procedures init` until its data is real

    @model_validator(mode="after")
    def _unique_keys(self) -> PartnershipFile:
        seen: set[str] = set()
        for key in [self.whole_area.key, *(a.key for a in self.areas), *(f.key for f in self.footprints)]:
            if key in seen or key == EVERYWHERE:
                raise ValueError(f"the area or footprint key '{key}' is used twice (or is the reserved 'all') — give each area its own key")
            seen.add(key)
        known = {a.key for a in self.areas}
        for f in self.footprints:
            bad = [a for a in f.areas if a not in known]
            if bad:
                raise ValueError(f"footprint '{f.key}' names '{bad[0]}', which is not one of the areas — known: {', '.join(sorted(known))}")
        return self

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
        """The keys other files' 'area' fields accept (``procedures.models.DataKey``)."""
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
# Other files' 'area' fields are ``procedures.models.DataKey("area")`` etc.: while a site
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
