"""The accessibility statement's figures, from the last recorded run of the browser tests.

``data/accessibility-results.yml`` is written by the quality suite in tests/browser
(``make accessibility-results``), never by hand: when it was tested, which pages, with
which tools, and what each check found. The statement page prints it with
``{{ accessibility_results() }}`` so it only claims what the tests measured.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, NonNegativeInt

from ..contacts import all_contacts
from ..contacts import view as contact_view
from ..core.dates import long_date
from ..core.models import Key, Model, Text
from ..core.render import render_html

if TYPE_CHECKING:
    from ..core.site import Site

DATA = "accessibility-results"
# The regulations expect the statement to be reviewed regularly; GOV.UK advises at least yearly.
STALE_AFTER = timedelta(days=365)
CONTACT = "business-office"  # the contact in data/contacts.yml that handles accessibility requests


class Tool(Model):
    name: Text
    version: Text


class TemplatePage(Model):
    name: Text
    url: Text  # from the site root, e.g. "/manual/neglect/"


class Check(Model):
    key: Key
    description: Text
    result: Literal["passed", "failed", "not run"]
    detail: Text


class AccessibilityResults(Model):
    tested_on: date
    standard: Text
    command: Text  # how to reproduce the run
    tools: list[Tool] = Field(min_length=1)
    pages_tested: NonNegativeInt  # every page of the built site, in the full pass
    template_pages: list[TemplatePage] = []
    not_yet_tested: list[TemplatePage] = []  # templates whose page did not exist at the time
    checks: list[Check] = Field(min_length=1)


def results(site: Site) -> AccessibilityResults | None:
    return site.data.get(DATA)


def check_accessibility(site: Site) -> None:
    contacts = site.data.get("contacts")
    if contacts is not None and CONTACT not in {c.key for c in contacts.contacts}:
        site.report.error("data/contacts.yml", None,
                          f"the accessibility statement needs a contact with key '{CONTACT}' — add it back to data/contacts.yml")
    data = results(site)
    if data is None:
        return
    file = f"data/{DATA}.yml"
    if data.tested_on > site.today:
        site.report.error(file, site.line(DATA, ("tested_on",)),
                          f"tested_on {data.tested_on} is after today — this file is written by `make accessibility-results`, do not edit it by hand")
    elif site.today - data.tested_on > STALE_AFTER:
        site.report.warning(file, site.line(DATA, ("tested_on",)),
                            f"the accessibility results are from {data.tested_on}, over a year ago — run `make accessibility-results` and commit the file")
    keys = [c.key for c in data.checks]
    for i, key in enumerate(keys):
        if key in keys[:i]:
            site.report.error(file, site.line(DATA, ("checks", i, "key")), f"check '{key}' is listed twice — run `make accessibility-results` again")


def view(data: AccessibilityResults, page_url: str = "accessibility/") -> dict[str, Any]:
    up = "../" * page_url.count("/")  # from the statement page back to the site root
    return {
        "r": data,
        "pages": [{"name": t.name, "href": (up + t.url.lstrip("/")) or "./"} for t in data.template_pages],
        "tested_on": long_date(data.tested_on),
        "failed": [c for c in data.checks if c.result == "failed"],
        "not_run": [c for c in data.checks if c.result == "not run"],
    }


def macros(site: Site) -> dict[str, Any]:
    def accessibility_results() -> str:
        """When and how the site was last tested, and what each check found."""
        data = results(site)
        if data is None:
            return render_html("accessibility-results.html", r=None)
        return render_html("accessibility-results.html", **view(data))

    def accessibility_tested_on() -> str:
        """The date of the last recorded test run, e.g. '26 November 2026'."""
        data = results(site)
        return long_date(data.tested_on) if data else "not yet recorded"

    def accessibility_contact() -> str:
        """Who to ask for another format or to report a problem (data/contacts.yml)."""
        contact = all_contacts(site).get(CONTACT)
        return render_html("accessibility-contact.html", v=contact_view(contact) if contact else None)

    return {"accessibility_results": accessibility_results, "accessibility_tested_on": accessibility_tested_on,
            "accessibility_contact": accessibility_contact}


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature  # noqa: E402

FEATURE = Feature(
    __name__,
    data_files={"accessibility-results.yml": AccessibilityResults},  # written by the browser tests
    checks=("procedures.accessibility:check_accessibility",),
    macros=("procedures.accessibility",),  # accessibility_results(), accessibility_contact()
)
