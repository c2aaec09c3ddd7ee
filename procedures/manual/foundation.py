"""Cross checks over the manual's foundation files: sections, owners and partners.

Each check reads the validated models (``None`` when a file failed to load, in which
case its own errors are already reported) and names the exact line of every problem.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.checks import known, unique

if TYPE_CHECKING:
    from ..core.site import Site


def check_foundation(site: Site) -> None:
    rep = site.report
    sections = site.data.get("sections")
    if sections:
        unique(site, "sections", sections.sections, "key", "sections")
    contacts = site.data.get("contacts")
    contact_keys = {c.key for c in contacts.contacts} if contacts else set()
    owners = site.data.get("owners")
    if owners:
        owner_keys = unique(site, "owners", owners.owners, "key", "owners")
        if owners.default not in owner_keys:
            rep.error("data/owners.yml", site.line("owners", ("default",)),
                      f"default owner '{owners.default}' is not listed under owners — known: {known(owner_keys)}")
        for i, o in enumerate(owners.owners):
            if contacts and o.contact and o.contact not in contact_keys:
                rep.error("data/owners.yml", site.line("owners", ("owners", i, "contact")),
                          f"contact '{o.contact}' is not in data/contacts.yml — known: {known(contact_keys)}")
    partners = site.data.get("partners")
    if partners:
        unique(site, "partners", partners.organisations, "key", "organisations")
        names: dict[str, str] = {}
        for i, org in enumerate(partners.organisations):
            for role in ("lead", "delegate"):
                person = getattr(org, role)
                if person.name in names and names[person.name] != f"{org.key}.{role}":
                    rep.error("data/partners.yml", site.line("partners", ("organisations", i, role, "name")),
                              f"{person.name} is already recorded as {names[person.name]} — one person holds one partner role")
                names[person.name] = f"{org.key}.{role}"
