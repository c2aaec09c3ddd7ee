"""What the 404 page needs from procedures: the "Worried about a child?" contacts.

MkDocs renders ``404.html`` as a static template (there is no page and no macros), so
the plugin's ``on_template_context`` adds this context; ``overrides/404.html`` prints it.
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
