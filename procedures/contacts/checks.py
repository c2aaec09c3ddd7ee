"""Cross checks for contacts: stale and future check dates, and ``contact("key")`` calls
in page text that name a contact ``data/contacts.yml`` does not have."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.checks import known, unique
from ..core.dates import add_months
from ..core.pagecalls import calls, suggestion
from . import CONTACTS_FILE, all_contacts, unknown_message

if TYPE_CHECKING:
    from ..core.site import Site

STALE_MONTHS = 6  # a contact not checked for this long is listed by `procedures check`


def check_contacts(site: Site) -> None:
    rep = site.report
    data = site.data.get("contacts")
    if data is not None:
        stale_before = add_months(site.today, -STALE_MONTHS)
        for i, c in enumerate(data.contacts):
            line = site.line("contacts", ("contacts", i, "checked_on"))
            if c.checked_on > site.today:
                rep.warning(CONTACTS_FILE, line, f"contact '{c.key}' says it was checked on {c.checked_on}, which is after today — write the date the details were actually checked")
            elif c.checked_on < stale_before:
                rep.warning(CONTACTS_FILE, line, f"contact '{c.key}' was last checked on {c.checked_on}, more than {STALE_MONTHS} months ago — check it against its source and update checked_on")
    keys = set(all_contacts(site))
    for call in calls(site, "contact"):
        if call.key is None:
            rep.error(call.file, call.line, "write one contact key in quotes, e.g. {{ contact(\"lado\") }}")
        elif data is not None and call.key not in keys:
            rep.error(call.file, call.line, unknown_message(call.key) + suggestion(call.key, keys))
        elif not call.alone:
            rep.error(call.file, call.line, f"put {{{{ contact(\"{call.key}\") }}}} on a line of its own — it shows a block with the name, numbers and hours")


def check_contact_list(site: Site) -> None:
    """Each contact key once; the home page's "worried about a child" list names real contacts."""
    contacts = site.data.get("contacts")
    if not contacts:
        return
    contact_keys = unique(site, "contacts", contacts.contacts, "key", "contacts")
    for i, key in enumerate(contacts.worried_about_a_child):
        if key not in contact_keys:
            site.report.error("data/contacts.yml", site.line("contacts", ("worried_about_a_child", i)),
                              f"'{key}' is not a contact — known: {known(contact_keys)}")
