"""Cross checks for the arrangements' data: one line per mistake, all collected.

* rotation: every chair and deputy is a DSP; nobody chairs and deputises in the same
  year; business years in order, none missing, repeated or overlapping;
* governance: every group named in reports_to / feeds_into / scrutinises / chair_of
  exists, every role exists, and nobody reports (indirectly) to themselves;
* partnerships: partners and groups exist, and each partnership includes the police,
  the ICB and the council of every area it covers;
* document: every section page exists and every page in docs/arrangements/ is listed;
* compliance: every Working Together item maps to a section (and heading) that exists.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from ..core.checks import known, unique
from ..core.dates import long_date
from . import anchors as anchors_mod
from .roles import dsps, not_a_dsp, roles
from .years import BusinessYear

if TYPE_CHECKING:
    from ..core.site import Site

FOLDER = "arrangements/"


def check_arrangements(site: Site) -> None:
    check_rotation(site)
    check_governance(site)
    check_partnerships(site)
    check_document(site)
    check_compliance(site)


# --- rotation -------------------------------------------------------------------------

def check_rotation(site: Site) -> None:
    data = site.data.get("rotation")
    if not data or site.data.get("partners") is None:
        return
    f = site.data_file("rotation")
    rep = site.report
    known_dsps = dsps(site)

    for i, row in enumerate(data.years):
        year = row.year
        for field in ("chairs", "deputies"):
            seen: set[str] = set()
            for j, key in enumerate(getattr(row, field)):
                line = site.line("rotation", ("years", i, field, j))
                if key not in known_dsps:
                    rep.error(f, line, not_a_dsp(site, key))
                elif key in seen:
                    rep.error(f, line, f"'{key}' is listed twice as {field[:-1] if field == 'chairs' else 'deputy'} in {year} — list each DSP once")
                seen.add(key)
        for j, key in enumerate(row.deputies):
            if key in row.chairs and key in known_dsps:
                role = known_dsps[key]
                rep.error(f, site.line("rotation", ("years", i, "deputies", j)),
                          f"the {role.label} both chairs and deputises in {year} — the deputy chair must be a different DSP")

    _check_sequence(site, data.years)


def _check_sequence(site: Site, rows) -> None:
    f = site.data_file("rotation")
    rep = site.report

    def line(i: int) -> int | None:
        return site.line("rotation", ("years", i, "year"))

    full_years: dict[str, int] = {}
    prev_i: int | None = None
    for i, row in enumerate(rows):
        if not row.split:
            if row.year in full_years:
                rep.error(f, line(i), f"business year {row.year} is listed twice (also on line {line(full_years[row.year])}) — "
                                      "keep one row per business year")
                continue
            full_years[row.year] = i
        if prev_i is not None:
            prev = rows[prev_i]
            if row.start < prev.start:
                rep.error(f, line(i), f"{row.year} is listed after {prev.year} (line {line(prev_i)}) — "
                                      "list the business years in order, earliest first")
                continue
            if row.start <= prev.end:
                rep.error(f, line(i), f"{row.year} starts on {long_date(row.start)}, before the row for {prev.year} "
                                      f"(line {line(prev_i)}) ends on {long_date(prev.end)} — the periods overlap; "
                                      "make each row start the day after the one above ends")
            elif row.start > prev.end + timedelta(days=1):
                missing = []
                year = BusinessYear.of(prev.end + timedelta(days=1))
                while year.end < row.start:
                    if year.start > prev.end:
                        missing.append(year.label)
                    year = year.next()
                if missing:
                    rep.error(f, line(i), f"no row for {', '.join(missing)} — the rotation jumps from {prev.year} "
                                          f"(line {line(prev_i)}) to {row.year}; add the missing business year")
                else:
                    gap_from, gap_to = prev.end + timedelta(days=1), row.start - timedelta(days=1)
                    rep.error(f, line(i), f"nobody chairs from {long_date(gap_from)} to {long_date(gap_to)}, between "
                                          f"{prev.year} (line {line(prev_i)}) and this row — the periods must follow on without a gap")
        prev_i = i


# --- governance ---------------------------------------------------------------------------

def check_governance(site: Site) -> None:
    data = site.data.get("governance")
    if not data:
        return
    f = site.data_file("governance")
    rep = site.report
    keys = unique(site, "governance", data.groups, "key", "groups")
    partnerships = site.data.get("partnerships")
    partnership_keys = {p.key for p in partnerships.partnerships} if partnerships else None
    all_roles = roles(site) if site.data.get("partners") else None
    for i, g in enumerate(data.groups):
        for field in ("reports_to", "feeds_into", "scrutinises"):
            for j, ref in enumerate(getattr(g, field)):
                line = site.line("governance", ("groups", i, field, j))
                if ref == g.key:
                    rep.error(f, line, f"'{g.key}' cannot be in its own {field} — name another group")
                elif ref not in keys:
                    rep.error(f, line, f"{field} names '{ref}', which is not a group in this file — known: {known(keys)}")
        for field in ("members", "in_attendance"):
            for j, m in enumerate(getattr(g, field)):
                line = site.line("governance", ("groups", i, field, j))
                if m.chair_of and m.chair_of not in keys:
                    rep.error(f, line, f"chair_of names '{m.chair_of}', which is not a group in this file — known: {known(keys)}")
                if m.role and all_roles is not None and m.role not in all_roles:
                    rep.error(f, line, f"'{m.role}' is not a partner role — use one of {known(all_roles)}")
        if g.partnership and partnership_keys is not None and g.partnership not in partnership_keys:
            rep.error(f, site.line("governance", ("groups", i, "partnership")),
                      f"'{g.partnership}' is not a partnership in data/partnerships.yml — known: {known(partnership_keys)}")
    _check_cycles(site, data.groups, keys)


def _check_cycles(site: Site, groups, keys: set[str]) -> None:
    up = {g.key: [r for r in (*g.reports_to, *g.feeds_into) if r in keys and r != g.key] for g in groups}
    index = {g.key: i for i, g in enumerate(groups)}
    reported: set[str] = set()
    for start in up:
        path = [start]
        stack = [(start, iter(up[start]))]
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                stack.pop()
                path.pop()
                continue
            if nxt == start:
                if not reported & set(path):  # one line per tangle of loops: fixing it may fix the rest
                    reported.update(path)
                    site.report.error(site.data_file("governance"), site.line("governance", ("groups", index[start], "key")),
                                      f"'{start}' reports to itself through {' → '.join([*path[1:], start])} — "
                                      "a group cannot be above itself in the chart")
                continue
            if nxt in path:
                continue
            path.append(nxt)
            stack.append((nxt, iter(up[nxt])))


# --- partnerships -------------------------------------------------------------------------

def check_partnerships(site: Site) -> None:
    data = site.data.get("partnerships")
    if not data:
        return
    f = site.data_file("partnerships")
    rep = site.report
    unique(site, "partnerships", data.partnerships, "key", "partnerships")
    partners = site.data.get("partners")
    orgs = {o.key: o for o in partners.organisations} if partners else None
    governance = site.data.get("governance")
    groups = {g.key: g for g in governance.groups} if governance else None

    def check_via(agencies, path):
        for j, a in enumerate(agencies):
            if a.via and groups is not None and a.via not in groups:
                rep.error(f, site.line("partnerships", (*path, j, "via")),
                          f"via names '{a.via}', which is not a group in data/governance.yml — known: {known(groups)}")

    for i, p in enumerate(data.partnerships):
        if groups is not None:
            if p.group not in groups:
                rep.error(f, site.line("partnerships", ("partnerships", i, "group")),
                          f"'{p.group}' is not a group in data/governance.yml — known: {known(groups)}")
            elif groups[p.group].partnership != p.key:
                rep.error(f, site.line("partnerships", ("partnerships", i, "group")),
                          f"the group '{p.group}' in data/governance.yml does not say 'partnership: {p.key}' — add it there")
        if orgs is not None:
            for j, key in enumerate(p.safeguarding_partners):
                if key not in orgs:
                    rep.error(f, site.line("partnerships", ("partnerships", i, "safeguarding_partners", j)),
                              f"'{key}' is not an organisation in data/partners.yml — known: {known(orgs)}")
            listed = {orgs[k] for k in p.safeguarding_partners if k in orgs}
            needed = [o for o in orgs.values() if o.type in ("police", "icb") or (o.type == "local-authority" and o.area in p.areas)]
            for o in needed:
                if o not in listed:
                    rep.error(f, site.line("partnerships", ("partnerships", i, "safeguarding_partners")),
                              f"{p.short} must list '{o.key}' ({o.name}) among its safeguarding partners — "
                              "the police, the ICB and the council of every area covered are statutory partners")
        check_via(p.relevant_agencies, ("partnerships", i, "relevant_agencies"))
    check_via(data.relevant_to_all, ("relevant_to_all",))


# --- the document's pages -------------------------------------------------------------------

def check_document(site: Site) -> None:
    data = site.data.get("arrangements")
    if not data:
        return
    f = site.data_file("arrangements")
    rep = site.report
    seen: set[str] = set()
    for i, name in enumerate(data.sections):
        line = site.line("arrangements", ("sections", i))
        if name in seen:
            rep.error(f, line, f"'{name}' is listed twice in sections — list each page once")
        seen.add(name)
        if name in ("index.md", data.document_page):
            rep.error(f, line, f"'{name}' is not a section: the overview and the one-page version are built around the sections")
        elif FOLDER + name not in site.pages:
            rep.error(f, line, f"docs/{FOLDER}{name} does not exist — create it, or correct the name")
    if FOLDER + data.document_page not in site.pages:
        rep.error(f, site.line("arrangements", ("document_page",)),
                  f"docs/{FOLDER}{data.document_page} does not exist — it holds the one-page version the PDF is made from")
    for src in sorted(site.pages):
        if src.startswith(FOLDER) and src.count("/") == 1:
            name = src[len(FOLDER):]
            if name not in seen and name not in ("index.md", data.document_page):
                rep.error(f"docs/{src}", None, f"this page is not listed under 'sections' in data/arrangements.yml — add '{name}' "
                                               "there so it appears in the navigation, the one-page version and the PDF")
    for name in data.sections:
        page = site.pages.get(FOLDER + name)
        if page is not None:
            anchors_mod.check_macro_lines(site, page)


# --- compliance ---------------------------------------------------------------------------------

def check_compliance(site: Site) -> None:
    data = site.data.get("arrangements-compliance")
    if not data:
        return
    f = site.data_file("arrangements-compliance")
    rep = site.report
    unique(site, "arrangements-compliance", data.items, "key", "items")
    doc = site.data.get("arrangements")
    sections = set(doc.sections) if doc else None
    for i, item in enumerate(data.items):
        if not item.covered_by:
            rep.error(f, site.line("arrangements-compliance", ("items", i, "key")),
                      f"'{item.key}' maps to no section of the arrangements — add 'covered_by:' with the page (and heading) "
                      "that covers it; if nothing does yet, the arrangements need a section for it")
            continue
        for j, target in enumerate(item.covered_by):
            line = site.line("arrangements-compliance", ("items", i, "covered_by", j))
            page_name, _, anchor = target.partition("#")
            if sections is not None and page_name not in sections:
                rep.error(f, line, f"'{page_name}' is not a section of the arrangements — known: {known(sections)}")
                continue
            page = site.pages.get(FOLDER + page_name)
            if anchor and page is not None:
                ids = anchors_mod.page_anchors(site, page)
                if anchor not in ids:
                    rep.error(f, line, f"'{page_name}' has no heading '#{anchor}' — known: {known(ids)}")
