"""Contacts: every route a page can send a reader to, from ``data/contacts.yml``.

What this feature contributes (registered in :mod:`procedures.registry`):

* data file ``contacts.yml`` — model :class:`.models.ContactsFile`;
* cross check :func:`.checks.check_contacts` — unknown ``contact("key")`` calls in any
  page, contacts not checked for six months (warnings), check dates in the future;
* page functions (:func:`macros`): ``contact(key)`` (one route: name, numbers, hours,
  where the details came from), ``contacts_block()`` (home page and 404),
  ``contacts_list()`` (Local Contacts).

Every template here escapes every value; a route with a number shows the number with
its source and check date, and a route without one shows what to do instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from markupsafe import Markup

from ..core.dates import long_date
from ..core.render import render_html

if TYPE_CHECKING:
    from ..core.site import Site
    from .models import Contact

CONTACTS_FILE = "data/contacts.yml"


def all_contacts(site: Site) -> dict[str, Contact]:
    data = site.data.get("contacts")
    return {c.key: c for c in data.contacts} if data else {}


def worried(site: Site) -> list[Contact]:
    data = site.data.get("contacts")
    contacts = all_contacts(site)
    return [contacts[k] for k in data.worried_about_a_child if k in contacts] if data else []


def tel_href(phone: str) -> str:
    return "tel:" + phone.replace(" ", "")


def provenance(contact: Contact) -> str:
    """Where the details came from, in one short phrase for readers."""
    checked = long_date(contact.checked_on)
    if contact.source_kind == "national":
        return f"National service, checked {checked}"
    if contact.source_kind == "partnership":
        return f"Confirmed by the partnership, checked {checked}"
    who = contact.organisation
    if who:
        return f"From {who}'s website, checked {checked}"
    host = urlparse(contact.source).hostname or contact.source
    return f"From {host.removeprefix('www.')}, checked {checked}"


def view(contact: Contact) -> dict[str, Any]:
    return {
        "c": contact,
        "tel": tel_href(contact.phone) if contact.phone else None,
        "tel_ooh": tel_href(contact.out_of_hours) if contact.out_of_hours else None,
        "checked": long_date(contact.checked_on),
        "provenance": provenance(contact),
        "source_href": contact.source if contact.source_kind == "public" else None,
    }


def render_contact(contact: Contact, compact: bool = False) -> Markup:
    """One route as HTML: name, tel: links, hours, email/web, what to do if there is no
    number and (unless compact) where the details came from."""
    return Markup(render_html("contact.html", v=view(contact), compact=compact))


class UnknownContact(ValueError):
    pass


def unknown_message(key: str) -> str:
    return f"unknown contact '{key}' — use one of the keys in {CONTACTS_FILE}"


def macros(site: Site) -> dict[str, Any]:
    def contact(key: str) -> str:
        """One route, on a line of its own: name, numbers (tel: links), hours and where
        the details came from. An unknown key stops the build (``procedures check``
        names the file and line)."""
        found = all_contacts(site).get(key)
        if found is None:
            raise UnknownContact(unknown_message(key))
        return "\n" + render_contact(found) + "\n"

    def contacts_block(heading_level: int = 2) -> str:
        """The prominent "Worried about a child?" block for the home page and 404."""
        return render_html("contacts-block.html", contacts=[view(c) for c in worried(site)], h=heading_level)

    def contacts_list() -> str:
        """Every contact in data/contacts.yml with where it came from and when it was checked."""
        from ..partnership import area_names

        return render_html("contacts-list.html", contacts=[view(c) for c in all_contacts(site).values()],
                           area_names=area_names(site, everywhere=True))

    return {"contact": contact, "contacts_block": contacts_block, "contacts_list": contacts_list}


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature  # noqa: E402
from .models import ContactsFile  # noqa: E402

FEATURE = Feature(
    __name__,
    data_files={"contacts.yml": ContactsFile},  # every route a page sends readers to
    checks=(
        "procedures.contacts.checks:check_contact_list",  # keys once; the worried-about-a-child list
        "procedures.contacts.checks:check_contacts",  # contact("key") calls, stale check dates
    ),
    macros=("procedures.contacts",),  # contact(key), contacts_block(), contacts_list()
    page_hooks=("procedures.contacts.notfound",),  # the 404 page's "Worried about a child?" block
)
