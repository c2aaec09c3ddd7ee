"""Partner roles and the labels derived from data.

Each organisation in ``data/partners.yml`` has two roles: its Lead Safeguarding Partner
(key ``<organisation>-lsp``) and its Delegated Safeguarding Partner (``<organisation>-dsp``).
The rotation and the governance refer to roles, not to people, so when a post changes
hands only ``data/partners.yml`` is edited and every table follows.

Labels such as "Police DSP, A. Name" or "Interim County DSP, B. Name"
are always built here from the organisation's ``short`` name and the person's ``interim``
flag, so a label can never name the wrong agency.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.site import Site
    from ..manual.models import Organisation, Person

KINDS = {"lsp": ("lead", "LSP", "Lead Safeguarding Partner"), "dsp": ("delegate", "DSP", "Delegated Safeguarding Partner")}


@dataclass(frozen=True)
class Role:
    key: str  # "police-dsp"
    kind: str  # "lsp" | "dsp"
    organisation: Organisation
    person: Person

    @property
    def abbr(self) -> str:
        return KINDS[self.kind][1]

    @property
    def role_name(self) -> str:
        """'Interim County DSP' — the agency label and the role, from data."""
        interim = "Interim " if self.person.interim else ""
        return f"{interim}{self.organisation.short} {self.abbr}"

    @property
    def label(self) -> str:
        """'Interim County DSP, B. Name' — the form the published table uses."""
        return f"{self.role_name}, {self.person.name}"

    @property
    def title(self) -> str:
        """'Director of Children's Services (interim), County Council'."""
        interim = " (interim)" if self.person.interim else ""
        return f"{self.person.title}{interim}, {self.organisation.name}"


def roles(site: Site) -> dict[str, Role]:
    partners = site.data.get("partners")
    out: dict[str, Role] = {}
    if not partners:
        return out
    for org in partners.organisations:
        for kind, (attr, _abbr, _name) in KINDS.items():
            key = f"{org.key}-{kind}"
            out[key] = Role(key, kind, org, getattr(org, attr))
    return out


def dsps(site: Site) -> dict[str, Role]:
    return {k: r for k, r in roles(site).items() if r.kind == "dsp"}


def lsps(site: Site) -> dict[str, Role]:
    return {k: r for k, r in roles(site).items() if r.kind == "lsp"}


def not_a_dsp(site: Site, value: str) -> str:
    """Why ``value`` cannot chair: the one-line explanation, with what to write instead."""
    all_roles = roles(site)
    known = ", ".join(sorted(dsps(site)))
    if value in all_roles:
        role = all_roles[value]
        return (f"'{value}' is the {role.label} (a {KINDS[role.kind][2]}), not a delegated safeguarding partner — "
                f"the chair and deputy chair are DSPs: use one of {known}")
    for key, role in dsps(site).items():
        if value.strip().lower() == role.person.name.lower():
            return f"write the role '{key}', not the name '{value}' — the rotation follows the post when people change"
    for role in all_roles.values():
        if value.strip().lower() == role.person.name.lower():
            return (f"'{value}' is the {role.label}, not a delegated safeguarding partner — "
                    f"the chair and deputy chair are DSPs: use one of {known}")
    return f"'{value}' is not a delegated safeguarding partner — use one of {known} (the DSP of each organisation in data/partners.yml)"
