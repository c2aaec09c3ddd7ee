"""The governance structure chart, generated from ``data/governance.yml``.

The chart is plain HTML laid out in tiers (who is above whom follows ``reports_to`` and
``feeds_into``), styled by ``arrangements.css``; nothing is fetched from another host.
Because the picture conveys relationships by position, it is exposed to assistive
technology as one image with a caption, and a table ("Who reports to whom") states
every relationship in words; each group's own section follows from the same data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .roles import roles

if TYPE_CHECKING:
    from ..core.site import Site
    from .models import Group, Member



def _footprint(site: Site, key: str, short: bool = False) -> str:
    """A group's footprint in words, from data/partnership.yml (the whole area, an area, a grouping)."""
    from ..partnership import partnership

    p = partnership(site)
    names = p.footprint_names() if p else {}
    return names[key][1 if short else 0] if key in names else key


@dataclass
class Node:
    group: Group
    tier: int = 0
    dotted: bool = False  # linked upwards only by a dotted line
    parents: list[Group] = field(default_factory=list)
    feeds: list[Group] = field(default_factory=list)
    scrutinises: list[Group] = field(default_factory=list)


def groups(site: Site) -> list[Group]:
    data = site.data.get("governance")
    return list(data.groups) if data else []


def by_key(site: Site) -> dict[str, Group]:
    return {g.key: g for g in groups(site)}


def nodes(site: Site) -> tuple[list[list[Node]], list[Node]]:
    """(tiers of the main chart, side boxes for independent scrutiny)."""
    index = by_key(site)
    main: dict[str, Node] = {}
    side: list[Node] = []
    for g in groups(site):
        node = Node(
            g,
            parents=[index[k] for k in g.reports_to if k in index],
            feeds=[index[k] for k in g.feeds_into if k in index],
            scrutinises=[index[k] for k in g.scrutinises if k in index],
        )
        node.dotted = not node.parents and bool(node.feeds)
        (side.append(node) if node.scrutinises and not node.parents and not node.feeds else main.__setitem__(g.key, node))

    tiers_of: dict[str, int] = {}

    def tier(key: str, trail: frozenset[str] = frozenset()) -> int:
        if key in tiers_of:
            return tiers_of[key]
        if key in trail or key not in main:  # a loop (reported by the checks) or a side box
            return 0
        ups = [p.key for p in (*main[key].parents, *main[key].feeds)]
        value = 1 + max((tier(k, trail | {key}) for k in ups), default=-1)
        tiers_of[key] = value
        return value

    for key, node in main.items():
        node.tier = tier(key)
    depth = max((n.tier for n in main.values()), default=-1) + 1
    tiers: list[list[Node]] = [[] for _ in range(depth)]
    for node in main.values():
        tiers[node.tier].append(node)
    return [t for t in tiers if t], side


def member_text(site: Site, m: Member) -> str:
    if m.role:
        role = roles(site).get(m.role)
        text = f"{role.label} ({role.title})" if role else m.role
    elif m.chair_of:
        g = by_key(site).get(m.chair_of)
        text = f"Chair of the {g.name}" if g else m.chair_of
    else:
        text = m.name or ""
    return f"{text}, {m.note}" if m.note else text


def _names(gs: list[Group]) -> list[dict[str, str]]:
    return [{"key": g.key, "name": g.name, "short": g.short or g.name} for g in gs]


def chart_context(site: Site) -> dict[str, Any]:
    tiers, side = nodes(site)

    def box(n: Node) -> dict[str, Any]:
        g = n.group
        return {
            "key": g.key,
            "name": g.name,
            "short": g.short,
            "footprint": _footprint(site, g.footprint, short=True),
            "parents": _names(n.parents),
            "feeds": _names(n.feeds),
            "scrutinises": _names(n.scrutinises),
            "dotted": n.dotted,
        }

    rows = []
    for tier in tiers:
        for n in tier:
            rows.append(box(n) | {"frequency": n.group.frequency})
    for n in side:
        rows.append(box(n) | {"frequency": n.group.frequency})
    data = site.data.get("governance")
    return {
        "tiers": [{"boxes": [box(n) for n in t], "dotted": all(n.dotted for n in t)} for t in tiers],
        "side": [box(n) for n in side],
        "rows": rows,
        "note": data.chart_note if data else "",
        "partnership_of": p.wording.partnership_of if (p := site.data.get("partnership")) else "the partnership",
    }


def groups_context(site: Site) -> list[dict[str, Any]]:
    partnerships = site.data.get("partnerships")
    pship = {p.key: p for p in partnerships.partnerships} if partnerships else {}
    index = by_key(site)
    out = []
    for g in groups(site):
        out.append({
            "g": g,
            "footprint": _footprint(site, g.footprint),
            "members": [member_text(site, m) for m in g.members],
            "in_attendance": [member_text(site, m) for m in g.in_attendance],
            "reports_to": _names([index[k] for k in g.reports_to if k in index]),
            "feeds_into": _names([index[k] for k in g.feeds_into if k in index]),
            "scrutinises": _names([index[k] for k in g.scrutinises if k in index]),
            "reported_by": _names([h for h in groups(site) if g.key in h.reports_to]),
            "fed_by": _names([h for h in groups(site) if g.key in h.feeds_into]),
            "partnership": pship.get(g.partnership) if g.partnership else None,
        })
    return out
