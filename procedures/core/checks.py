"""Cross-reference checks over the foundation's data files.

Each check reads the validated models (``None`` when a file failed to load, in which
case its own errors are already reported) and names the exact line of every problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .site import Site


def unique(site: Site, name: str, items: Iterable[Any], attr: str, list_key: str) -> set[str]:
    """Report duplicated keys in a list of items; return the set of keys."""
    seen: set[str] = set()
    for i, item in enumerate(items):
        value = getattr(item, attr)
        if value in seen:
            site.report.error(site.data_file(name), site.line(name, (list_key, i, attr)),
                              f"'{value}' appears twice in {list_key} — each {attr} must be unique")
        seen.add(value)
    return seen


def known(keys: Iterable[str]) -> str:
    return ", ".join(sorted(keys))


def check_foundation(site: Site) -> None:
    rep = site.report
    sections = site.data.get("sections")
    if sections:
        unique(site, "sections", sections.sections, "key", "sections")
    contacts = site.data.get("contacts")
    contact_keys: set[str] = set()
    if contacts:
        contact_keys = unique(site, "contacts", contacts.contacts, "key", "contacts")
        for i, key in enumerate(contacts.worried_about_a_child):
            if key not in contact_keys:
                rep.error("data/contacts.yml", site.line("contacts", ("worried_about_a_child", i)),
                          f"'{key}' is not a contact — known: {known(contact_keys)}")
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
    glossary = site.data.get("glossary")
    if glossary:
        seen = unique(site, "glossary", glossary.terms, "term", "terms")
        for i, t in enumerate(glossary.terms):
            for j, ref in enumerate(t.see):
                if ref not in seen:
                    rep.error("data/glossary.yml", site.line("glossary", ("terms", i, "see", j)),
                              f"'see' names '{ref}', which is not a term in the glossary — add it or correct the spelling")
