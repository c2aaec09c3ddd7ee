"""Contacts: the "Worried about a child?" block and the local contacts list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .dates import long_date
from .render import render_html

if TYPE_CHECKING:
    from .models import Contact
    from .site import Site


def all_contacts(site: Site) -> dict[str, Contact]:
    data = site.data.get("contacts")
    return {c.key: c for c in data.contacts} if data else {}


def worried(site: Site) -> list[Contact]:
    data = site.data.get("contacts")
    contacts = all_contacts(site)
    return [contacts[k] for k in data.worried_about_a_child if k in contacts] if data else []


def tel_href(phone: str) -> str:
    return "tel:" + phone.replace(" ", "")


def view(contact: Contact) -> dict[str, Any]:
    return {
        "c": contact,
        "tel": tel_href(contact.phone) if contact.phone else None,
        "tel_ooh": tel_href(contact.out_of_hours) if contact.out_of_hours else None,
        "verified": long_date(contact.verified_on) if contact.verified_on else None,
    }


def macros(site: Site) -> dict[str, Any]:
    def contacts_block(heading_level: int = 2) -> str:
        """The prominent "Worried about a child?" block for the home page and 404."""
        return render_html("contacts-block.html", contacts=[view(c) for c in worried(site)], h=heading_level)

    def contacts_list() -> str:
        """Every contact in data/contacts.yml, grouped by area, with source and check date."""
        from .partnership import area_names

        return render_html("contacts-list.html", contacts=[view(c) for c in all_contacts(site).values()],
                           area_names=area_names(site, everywhere=True))

    return {"contacts_block": contacts_block, "contacts_list": contacts_list}
