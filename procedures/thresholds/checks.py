"""Cross checks over ``data/thresholds.yml``: every problem on its own line.

Rejected: duplicate level, domain or sub-domain keys; level numbers that are not
1, 2, 3 … in order; a level without a response or without a contact route for each
area; a route to a contact that ``data/contacts.yml`` does not have; an indicator
whose level, domain or sub-domain does not exist (or whose sub-domain belongs to
another domain); two indicators with the same text; a level with no page.
Warned: a level with no indicator in one of the domains.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..partnership import area_names
from .view import level_page, normalise

if TYPE_CHECKING:
    from ..core.site import Site

FILE = "data/thresholds.yml"
NAME = "thresholds"


def _known(keys) -> str:
    return ", ".join(keys) if keys else "(none)"


def check_thresholds(site: Site) -> None:
    data = site.data.get(NAME)
    if data is None:
        return
    rep = site.report

    def line(*path):
        return site.line(NAME, path)

    # --- levels ----------------------------------------------------------------------
    level_keys: list[str] = []
    numbers: dict[int, str] = {}
    for i, lv in enumerate(data.levels):
        if lv.key in level_keys:
            rep.error(FILE, line("levels", i, "key"), f"level '{lv.key}' is listed twice — each level key must be unique")
        else:
            level_keys.append(lv.key)
        if lv.number in numbers:
            rep.error(FILE, line("levels", i, "number"),
                      f"level number {lv.number} is already used by level '{numbers[lv.number]}' — number the levels 1, 2, 3 …")
        numbers.setdefault(lv.number, lv.key)
    found = [lv.number for lv in data.levels]
    if len(numbers) == len(found) and found != list(range(1, len(found) + 1)):
        rep.error(FILE, line("levels"),
                  f"number the levels 1 to {len(found)} in the order they are listed (found {', '.join(map(str, found))})")

    contacts = site.data.get("contacts")
    contact_keys = [c.key for c in contacts.contacts] if contacts else None
    AREA_NAMES = area_names(site, whole=False)  # noqa: N806 - the partnership's areas, in order
    for i, lv in enumerate(data.levels):
        if lv.response is None:
            rep.error(FILE, line("levels", i, "key"),
                      f"level '{lv.key}' has no response — add 'response:' with summary, who, assessment and actions")
        seen_areas: set[str] = set()
        for j, route in enumerate(lv.routes):
            if route.area in seen_areas:
                rep.error(FILE, line("levels", i, "routes", j, "area"),
                          f"level '{lv.key}' has two routes for {AREA_NAMES.get(route.area, route.area)} — keep one")
            seen_areas.add(route.area)
            if contact_keys is not None and route.contact not in contact_keys:
                rep.error(FILE, line("levels", i, "routes", j, "contact"),
                          f"contact '{route.contact}' is not in data/contacts.yml — known: {_known(sorted(contact_keys))}")
        missing = [a for a in AREA_NAMES if a not in seen_areas]
        if missing:
            where = line("levels", i, "routes") if lv.routes else line("levels", i, "key")
            rep.error(FILE, where,
                      f"level '{lv.key}' has no contact route for {', '.join(AREA_NAMES[a] for a in missing)} — add a route (area, contact, when) for every area")
        page = site.docs_dir / level_page(lv.key)
        if not page.exists():
            rep.error(FILE, line("levels", i, "key"),
                      f"level '{lv.key}' has no page — create docs/{level_page(lv.key)} (copy another level's page and change the key in it)")

    # --- domains and sub-domains -----------------------------------------------------
    domains: dict[str, list[str]] = {}
    sub_owner: dict[str, str] = {}
    for i, d in enumerate(data.domains):
        if d.key in domains:
            rep.error(FILE, line("domains", i, "key"), f"domain '{d.key}' is listed twice — each domain key must be unique")
            continue
        domains[d.key] = []
        for j, s in enumerate(d.subdomains):
            if s.key in sub_owner:
                rep.error(FILE, line("domains", i, "subdomains", j, "key"),
                          f"sub-domain '{s.key}' is already used in domain '{sub_owner[s.key]}' — each sub-domain key must be unique")
                continue
            sub_owner[s.key] = d.key
            domains[d.key].append(s.key)

    # --- indicators ------------------------------------------------------------------
    texts: dict[str, int | None] = {}
    cells: set[tuple[str, str]] = set()
    for i, ind in enumerate(data.indicators):
        if ind.level not in level_keys:
            rep.error(FILE, line("indicators", i, "level"),
                      f"level '{ind.level}' does not exist — known levels: {_known(level_keys)}")
        if ind.domain not in domains:
            rep.error(FILE, line("indicators", i, "domain"),
                      f"domain '{ind.domain}' does not exist — known domains: {_known(list(domains))}")
        elif ind.subdomain not in domains[ind.domain]:
            owner = sub_owner.get(ind.subdomain)
            hint = f" (it belongs to domain '{owner}')" if owner else ""
            rep.error(FILE, line("indicators", i, "subdomain"),
                      f"sub-domain '{ind.subdomain}' is not part of domain '{ind.domain}'{hint} — known: {_known(domains[ind.domain])}")
        if len(set(ind.ages)) != len(ind.ages):
            rep.error(FILE, line("indicators", i, "ages"), "an age band is listed twice — list each band once")
        key = normalise(ind.text)
        if key in texts:
            first = texts[key]
            rep.error(FILE, line("indicators", i, "text"),
                      f"this indicator has the same text as the one on line {first} — each indicator must be different; remove or reword one")
        else:
            texts[key] = line("indicators", i, "text")
        cells.add((ind.level, ind.domain))

    for i, lv in enumerate(data.levels):
        for d in data.domains:
            if (lv.key, d.key) not in cells:
                rep.warning(FILE, line("levels", i, "key"),
                            f"level '{lv.key}' has no indicator for the domain '{d.name}' — the matrix will show an empty cell")
