"""What the 404 page needs from procedures: the "Worried about a child?" contacts.

MkDocs renders ``404.html`` as a static template (there is no page and no macros), so
this module's ``on_template_context`` (a page hook of the contacts feature) adds this context; ``overrides/404.html`` prints it.
The block is the same one the home page shows, rendered (and escaped) by
:mod:`procedures.contacts`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from . import macros as contacts_macros

if TYPE_CHECKING:
    from ..core.site import Site


def context(site: Site) -> dict[str, Any]:
    block = contacts_macros(site)["contacts_block"](heading_level=2)
    return {"worried_block": Markup(block)}


def on_template_context(site: Site, ctx: dict[str, Any], template_name: str, config) -> dict[str, Any]:
    """Page hook (the contacts FEATURE lists this module): the 404 page's contacts."""
    if template_name == "404.html":
        ctx.update(context(site))
    return ctx
