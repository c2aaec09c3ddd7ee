"""``procedures init DIR --name "…"``: a new partnership's site, with sample data.

The site it writes passes ``procedures check`` and builds with no change to the engine:
mkdocs.yml, data/ (every data file the engine reads, with a small sample for a
partnership of its own areas), docs/ (a home page, a minimal manual of three chapters,
and the pages the arrangements, thresholds, briefings, amendments, glossary, search and
accessibility features need) and urls.txt. It has no overrides/ or macros/ of its own:
the plugin uses the engine's (procedures.core.plugin.ENGINE_OVERRIDES; macros through the
installed ``macros`` module).

Everything local in the sample is marked as sample: the contact numbers are in Ofcom's
ranges for drama (01632 960xxx, 020 7946 0xxx), never real numbers, and
data/partnership.yml says ``sample: true``.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

NAME_OK = re.compile(r"^[A-Za-z][A-Za-z0-9 ,'&().-]{2,120}$")
KEY_OK = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# Ofcom's numbers for TV and radio drama: never allocated to a real line
SAMPLE_FRONT_DOOR = "01632 960{n:03d}"
SAMPLE_OFFICE = "020 7946 0{n:03d}"
SAMPLE_NOTE = "SAMPLE: a fictional number (Ofcom drama range) written by procedures init — replace it with the service's real number and source before publishing."


class InitError(Exception):
    """One line for the person running the command."""


@dataclass
class SampleArea:
    key: str
    name: str


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def short_name(name: str) -> str:
    letters = "".join(w[0] for w in re.findall(r"[A-Za-z][A-Za-z']*", name) if w[0].isupper())
    return letters or name.split()[0]


def parse_area(spec: str) -> SampleArea:
    key, sep, name = spec.partition("=")
    key, name = key.strip(), name.strip()
    if not sep or not KEY_OK.match(key) or not NAME_OK.match(name):
        raise InitError(f"--area '{spec}': write it as key=Name, e.g. --area west-wealdshire='West Wealdshire' "
                        "(key: lower-case letters, digits and hyphens)")
    return SampleArea(key, name)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def site_files(name: str, areas: list[SampleArea], short: str | None = None, county: str | None = None,
               year: int = 2026) -> dict[str, str]:
    """Every file of the new site, path -> text."""
    if not NAME_OK.match(name):
        raise InitError(f"--name '{name}': use letters, digits, spaces and , ' & ( ) . - only (3 to 120 characters)")
    if len(areas) < 1:
        raise InitError("give at least one --area")
    if len({a.key for a in areas}) != len(areas):
        raise InitError("two --area options have the same key — give each area its own key")
    short = short or short_name(name)
    if not NAME_OK.match(short) and not re.fullmatch(r"[A-Za-z0-9]{2,12}", short):
        raise InitError(f"--short '{short}': use letters and digits only")
    whole_key = "whole-area" if "whole-area" not in {a.key for a in areas} else "all-areas"
    county = county or _and([a.name for a in areas])
    names = _and([a.name for a in areas])
    f: dict[str, str] = {}
    f["mkdocs.yml"] = _mkdocs(name, short, county)
    f["urls.txt"] = ("# Every address this site has published. Checked on each build: an address listed\n"
                     "# here that the build no longer produces fails the build. Fill it after the first\n"
                     "# build with: procedures urls --update\n")
    f.update(_data(name, short, county, areas, whole_key, year))
    f.update(_docs(name, short, county, names, areas, year))
    urls = sorted("/" + re.sub(r"(^|/)index$", "", rel[5:-3]).strip("/") + "/" for rel in f if rel.endswith(".md"))
    f["urls.txt"] += "\n".join(u.replace("//", "/") for u in urls) + "\n"
    f["docs/assets/stylesheets/partnership.css"] = PARTNERSHIP_CSS
    f["docs/assets/images/logo.svg"] = _logo(short, "#fff")
    f["docs/assets/images/favicon.svg"] = _logo(short, "#1d4f2a")
    return f


def create_site(dest: Path, name: str, areas: list[SampleArea], short: str | None = None,
                county: str | None = None) -> list[Path]:
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise InitError(f"{dest}: the folder is not empty — choose a new folder for the new site")
    from ..core.dates import today

    files = site_files(name, areas, short=short, county=county, year=today().year)
    written = []
    for rel, text in files.items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


# --- the command --------------------------------------------------------------------------

DEFAULT_AREAS = ["north=North Example", "south=South Example"]


def _configure(p) -> None:
    p.add_argument("dir", type=Path, help="the new site's folder (must not exist, or be empty)")
    p.add_argument("--name", required=True, help='the partnership, e.g. "Wealdshire Safeguarding Children Partnership"')
    p.add_argument("--short", help="its short name (default: the initials of --name)")
    p.add_argument("--county", help="the place name for all its areas together (default: the areas joined by 'and')")
    p.add_argument("--area", action="append", metavar="KEY=NAME",
                   help=f"a local authority area (repeat for each; default: {' and '.join(DEFAULT_AREAS)})")


def cmd_init(args) -> int:
    try:
        areas = [parse_area(s) for s in (args.area or DEFAULT_AREAS)]
        written = create_site(Path(args.dir), args.name, areas, short=args.short, county=args.county)
    except InitError as exc:
        print(f"procedures init: {exc}", file=sys.stderr)
        return 2
    print(f"Wrote {len(written)} files to {args.dir}: a sample site for {args.name}.")
    print("Every local detail in it is SAMPLE data (fictional numbers, example people): replace it before publishing.")
    print(f"Next: procedures --root {args.dir} check, then procedures --root {args.dir} build.")
    return 0


# added to procedures.core.cli.COMMANDS: name -> (help, configure(parser), handler)
COMMANDS = {
    "init": ("Create a new partnership's site in DIR, with sample data that passes its checks and builds.",
             _configure, cmd_init),
}


# The partnership's own colours, after the engine's stylesheets (SAMPLE colours: each has
# a contrast of at least 7:1 with white; keep any replacement at 4.5:1 or more, WCAG 1.4.3).
PARTNERSHIP_CSS = """/* This partnership's colours (sample values written by procedures init). */
:root,
[data-md-color-scheme="default"] {
  --md-primary-fg-color: #1d4f2a;        /* 9.5:1 on white */
  --md-primary-fg-color--light: #17613a; /* 7.5:1 */
  --md-primary-fg-color--dark: #123a1e;
  --md-accent-fg-color: #6b2d7b;         /* focus and hover, 9.2:1 */
  --md-typeset-a-color: #155a8a;         /* links, 7.3:1 */
}
"""


# --- templates -----------------------------------------------------------------------------

def _logo(short: str, colour: str) -> str:
    label = f"{short} procedures".replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" role="img" aria-label="{label}">'
            f'<path fill="{colour}" d="M12 2 4 5v6c0 5.2 3.4 10 8 11 4.6-1 8-5.8 8-11V5l-8-3Z"/></svg>\n')


def _mkdocs(name: str, short: str, county: str) -> str:
    return f"""# {short} multi-agency safeguarding children procedures (made by `procedures init`).
# Content is in docs/ and data/; the engine (templates, logic) is the `procedures` package.
site_name: {q(short + " Safeguarding Children Procedures")}
site_description: {q("Multi-agency safeguarding children procedures for " + county + ".")}
# Replace with the address the site is published at (used for feeds, print footers and sitemaps).
site_url: https://procedures.example.org/
copyright: {q(name)}

strict: true
use_directory_urls: true

theme:
  name: material
  language: en
  font: false
  favicon: assets/images/favicon.svg
  logo: assets/images/logo.svg
  palette:
    scheme: default
    primary: custom
    accent: custom
  features:
    - navigation.sections
    - navigation.prune
    - navigation.indexes
    - navigation.top
    - navigation.footer
    - content.tooltips
    - toc.follow

extra_css:
  - assets/stylesheets/procedures.css
  - assets/stylesheets/search.css
  - assets/stylesheets/arrangements.css
  - assets/stylesheets/accessibility.css
  - assets/stylesheets/briefings.css
  - assets/stylesheets/amendments.css
  - assets/stylesheets/thresholds.css
  - assets/stylesheets/editors.css
  - assets/stylesheets/partnership.css  # this partnership's colours (docs/assets/stylesheets/)
extra_javascript:
  - assets/javascripts/theme.js
  - assets/javascripts/procedures.js
  - assets/javascripts/search-boot.js
  - assets/javascripts/arrangements.js
  - assets/javascripts/accessibility.js
  - assets/javascripts/reviews.js
  - assets/javascripts/briefings.js

extra:
  generator: false
  social: []
  status:
    new: New in the latest update
    updated: Updated in the latest update

plugins:
  - procedures
  - macros:
      modules: [macros]   # the engine's macros (installed with the procedures package)
      on_undefined: strict
      on_error_fail: true
      render_by_default: false
      include_yaml: []

markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
      permalink_title: Link to this section
  - pymdownx.details
  - pymdownx.superfences

validation:
  nav:
    omitted_files: info
    not_found: warn
    absolute_links: warn
  links:
    not_found: warn
    anchors: warn
    absolute_links: warn
    unrecognized_links: warn

nav:
  - Home: index.md
  - Procedures manual:
      - manual/index.md
      - "!chapters"
  - Safeguarding arrangements:
      - arrangements/index.md
      - "!arrangements"
  - Thresholds:
      - thresholds/index.md
      - Levels of need:
          - "!threshold-levels"
      - Matrix of levels and domains: thresholds/matrix.md
      - Indicator finder: thresholds/finder.md
      - Quick sheet (A4): thresholds/quick-sheet.md
  - 7-Minute Briefings:
      - briefings/index.md
      - "!briefings"
      - Team action-plan template: briefings/action-plan/index.md
  - Amendments:
      - amendments/index.md
      - Register for updates: amendments/register.md
  - Glossary: glossary.md
  - Accessibility statement: accessibility.md
"""


def _data(name: str, short: str, county: str, areas: list[SampleArea], whole: str, year: int) -> dict[str, str]:
    f: dict[str, str] = {}
    la = [a.key for a in areas]
    area_lines = "".join(f"  - key: {a.key}\n    name: {q(a.name)}\n" for a in areas)
    f["data/partnership.yml"] = f"""# The partnership this site belongs to (see procedures/partnership/). Made by
# `procedures init` with SAMPLE data: set 'sample: false' once every file in data/ is real.
name: {q(name)}
short_name: {q(short)}
whole_area:
  key: {whole}
  name: {q(county)}
  short: {q(short)}
areas:
{area_lines}local_authorities: [{", ".join(la)}]
business_office: business-office
default_author: {q(short + " Policy and Procedures Group")}
wording:
  procedures: {q(short + " safeguarding children procedures")}
  manual: {q(county + " safeguarding children procedures manual")}
  partnership_of: {q("the " + name)}
  briefing_footer: {q("7-Minute Briefing · " + name)}
sample: true
"""
    f["data/sections.yml"] = """# Sections of the procedures manual, in the order they appear in the contents.
sections:
  - key: "1"
    title: Core procedures for all children
    summary: What every practitioner does when they are worried about a child.
  - key: "2"
    title: Local resources and contacts
    summary: Who to contact, and where each contact detail came from.
"""
    f["data/owners.yml"] = f"""# Groups that own chapters and briefings. Front matter `owner:` names one by key.
default: procedures-group
owners:
  - key: procedures-group
    name: {q(short + " Policy and Procedures Group")}
    contact: business-office
"""
    sample_person = "Sample entry written by procedures init: replace it with the post holder named in the published arrangements."
    orgs = [("police", f"{county} Police", "Police", "police", whole, "Chief Constable", "Detective Superintendent, Safeguarding"),
            ("icb", f"{county} Integrated Care Board", "ICB", "icb", whole, "Chief Executive", "Chief Nursing Officer")]
    orgs += [(a.key, f"{a.name} Council", a.name, "local-authority", a.key, "Chief Executive", "Director of Children's Services")
             for a in areas]
    people = iter(["Alex Sample", "Bo Example", "Cameron Sample", "Dana Example", "Eli Sample", "Fran Example",
                   "Gene Sample", "Hal Example", "Ira Sample", "Jo Example"] + [f"Sample Person {n}" for n in range(1, 40)])
    body = "".join(f"""  - key: {k}
    name: {q(n)}
    short: {q(s)}
    type: {t}
    area: {ar}
    lead:
      name: {next(people)}
      title: {lt}
      unconfirmed: {q(sample_person)}
    delegate:
      name: {next(people)}
      title: {q(dt)}
      unconfirmed: {q(sample_person)}
    source: Sample data (procedures init)

""" for k, n, s, t, ar, lt, dt in orgs)
    f["data/partners.yml"] = f"""# The statutory safeguarding partners: the police, the integrated care board and each
# local authority, with the lead (LSP) and delegated (DSP) safeguarding partner. SAMPLE.
organisations:
{body}"""
    checked = date.today().isoformat()
    doors = "".join(f"""  - key: {a.key}-front-door
    name: {q(a.name + " children's social care front door")}
    area: {a.key}
    purpose: Referrals and advice when you are worried about a child who lives in {a.name}.
    phone: "{SAMPLE_FRONT_DOOR.format(n=n + 1)}"
    source: sample data (procedures init)
    source_kind: partnership
    checked_on: {checked}
    note: {q(SAMPLE_NOTE)}

""" for n, a in enumerate(areas))
    f["data/contacts.yml"] = f"""# Contacts shown on the site. Every local number here is SAMPLE data in Ofcom's
# drama ranges (01632 960xxx, 020 7946 0xxx): replace each with the service's real
# number and the public page it came from before publishing.
worried_about_a_child: [emergency, {", ".join(a.key + "-front-door" for a in areas)}]
contacts:
  - key: emergency
    name: Police and ambulance in an emergency
    area: all
    purpose: A child is in immediate danger or needs urgent medical help.
    phone: "999"
    source: national emergency number
    source_kind: national
    checked_on: {checked}

{doors}  - key: business-office
    name: {q(short + " safeguarding partnership business office")}
    area: {whole}
    purpose: Questions about these procedures, reporting a problem with a page, and joining the mailing list.
    phone: "{SAMPLE_OFFICE.format(n=1)}"
    email: business.office@example.org
    source: sample data (procedures init)
    source_kind: partnership
    checked_on: {checked}
    note: {q(SAMPLE_NOTE)}
"""
    f["data/search-terms.yml"] = """# Search synonyms: words a practitioner may type for what the site calls something else
# (see the editor guide). Add a line when a search in someone's own words found nothing.
synonyms: []
"""
    f["data/case-reviews.yml"] = """# Local child safeguarding practice reviews, published for at least 12 months; then the
# page links to the NSPCC national case review repository instead (see the editor guide).
repository_url: https://learning.nspcc.org.uk/case-reviews/national-case-review-repository
repository_checked_on: 2026-12-06

reviews: []
"""
    f["data/timescales.yml"] = """# Statutory timescales, each held once: chapters show them with {{ timescale("key") }}
# and the at-a-glance box lists them under "By when". These are national (England);
# check each against the current guidance and add the ones your chapters need.
timescales:
  - key: referral-decision
    what: Children's social care decides what response a referral needs and tells the referrer
    phrase: within one working day of the referral being received
    amount: 1
    unit: working days
    source: Working Together to Safeguard Children 2023 (updated December 2023 and February 2024)
    ref: Chapter 3, responding to referrals
  - key: icpc
    what: Initial child protection conference held
    phrase: within 15 working days of the strategy discussion at which section 47 enquiries were started
    amount: 15
    unit: working days
    source: Working Together to Safeguard Children 2023 (updated December 2023 and February 2024)
    ref: Chapter 3, initial child protection conferences
"""
    f["data/glossary.yml"] = """# Acronyms and terms. Terms with an `expansion` become tooltips wherever they appear.
terms:
  - term: DSP
    expansion: Delegated Safeguarding Partner
    definition: The senior person a lead safeguarding partner appoints to act for their organisation in the local safeguarding arrangements.
  - term: LSP
    expansion: Lead Safeguarding Partner
    definition: The head of a statutory safeguarding partner (local authority, integrated care board or police) who is responsible for the local safeguarding arrangements.
"""
    f["data/accessibility-results.yml"] = f"""# Written by the browser tests (make accessibility-results): do not edit by hand.
# This site was made by `procedures init` and has not been tested yet.
tested_on: {year}-01-01
standard: WCAG 2.2 level AA
command: make accessibility-results
tools:
- name: axe-core
  version: not yet run
pages_tested: 0
checks:
- key: axe
  description: Automated checks with axe-core on every page
  result: not run
  detail: Not yet run for this site — run make accessibility-results.
"""
    f["data/briefing-themes.yml"] = """# Key learning themes for 7-Minute Briefings (docs/briefings/*.md pick from this list).
themes:
  - key: professional-curiosity
    title: Professional curiosity
    description: Looking beyond what is presented, checking what you are told and asking again when something does not fit.
"""
    f["data/amendments.yml"] = f"""# The amendments log: what changed in the manual, and when (see procedures amend --help).
next_update: May {year + 1}
next_update_unconfirmed: Sample date written by procedures init; the partnership has not set the next update.
releases:
  - date: {year}-01-01
    title: First edition (sample)
    entries:
      - chapter: "1.1"
        change: new
        summary: First published.
      - chapter: "1.2"
        change: new
        summary: First published.
      - chapter: "2.1"
        change: new
        summary: First published.
"""
    dsps = [f"{k}-dsp" for k, *_ in orgs]
    f["data/rotation.yml"] = f"""# The partnership chair and deputy chair by business year (1 April to 31 March),
# as DSP roles (<organisation key>-dsp). SAMPLE.
source: Sample data (procedures init)
years:
  - year: "{year - 1}/{str(year)[2:]}"
    chairs: [{dsps[2]}]
    deputies: [police-dsp]
  - year: "{year}/{str(year + 1)[2:]}"
    chairs: [police-dsp]
    deputies: [icb-dsp]
  - year: "{year + 1}/{str(year + 2)[2:]}"
    chairs: [icb-dsp]
    deputies: [{dsps[-1]}]
"""
    members = "".join(f"      - role: {d}\n" for d in dsps)
    pkey = re.sub(r"[^a-z0-9]+", "-", short.lower()).strip("-") or "partnership"
    f["data/governance.yml"] = f"""# The governance of the partnership (SAMPLE): the structure chart and each group's
# description are generated from this file.
source: Sample data (procedures init)
chart_note: This chart is drawn from the sample data written by procedures init.
groups:
  - key: safeguarding-partners
    name: Meeting of Safeguarding Partners
    short: MSP
    footprint: {whole}
    remit:
      - Agree the shared priorities, governance and funding of the local arrangements
    members:
{members}    source: Sample data (procedures init)

  - key: {pkey}
    name: {q(name)}
    short: {q(short)}
    footprint: {whole}
    partnership: {pkey}
    remit:
      - Coordinate the work of the agencies that keep children in the area safe
    reports_to: [safeguarding-partners]
    source: Sample data (procedures init)
"""
    f["data/partnerships.yml"] = f"""# The safeguarding children partnership(s), their partners and relevant agencies. SAMPLE.
source: Sample data (procedures init)
partnerships:
  - key: {pkey}
    name: {q(name)}
    short: {q(short)}
    areas: [{", ".join(la)}]
    group: {pkey}
    safeguarding_partners: [{", ".join(la)}, police, icb]
    relevant_agencies:
      - Schools and colleges
      - NHS trusts
      - Probation Service
"""
    f["data/arrangements.yml"] = f"""# The published multi-agency safeguarding arrangements: the document's pages in order.
title: {q("Safeguarding arrangements for " + county)}
subtitle: Multi-agency safeguarding arrangements (sample)
edition: Sample edition written by procedures init
source: Sample data (procedures init)
document_page: document.md
pdf:
  file: arrangements.pdf
  title: {q("Safeguarding arrangements for " + county)}
sections:
  - partners-and-chair.md
  - structure-and-governance.md
  - membership.md
  - compliance.md
"""
    f["data/arrangements-compliance.yml"] = """# What Working Together to Safeguard Children 2023 says the published arrangements
# must include, and the section of these pages that covers each item. SAMPLE: list
# every item of paragraphs 40 and 103-104 for a real site.
guidance: Working Together to Safeguard Children 2023, paragraphs 40 and 103-104
items:
  - key: partners-named
    requirement: must
    text: Name the lead safeguarding partners and the delegated safeguarding partners
    covered_by:
      - partners-and-chair.md#lead-safeguarding-partners
      - partners-and-chair.md#delegated-safeguarding-partners
  - key: governance
    requirement: must
    text: Set out how the safeguarding partners will work together, and the structure that supports them
    covered_by:
      - structure-and-governance.md
"""
    routes = lambda level, when: "".join(  # noqa: E731
        f"      - area: {a.key}\n        contact: {a.key}-front-door\n        when: {q(when)}\n" for a in areas)
    f["data/thresholds.yml"] = f"""# The thresholds document: levels of need, the response at each, who to contact, and
# the indicators. SAMPLE: a short illustration written by procedures init.
document:
  title: {q("Thresholds for access to services in " + county)}
  names_note: These level names are sample names written by procedures init.
  source: Sample data (procedures init), following Working Together to Safeguard Children 2023, chapter 3
levels:
  - key: universal
    number: 1
    name: Universal
    summary: The child's needs are met by the services every child uses.
    situation: The child is healthy, learning and safe at home, and the family copes with everyday pressures.
    signs:
      - Needs are met by parents and universal services
    response:
      summary: Universal services keep supporting the child and family as part of their everyday work.
      who: [Schools, GPs, health visitors]
      assessment: [none]
      actions:
        - Keep offering the usual support and notice any change
    routes:
{routes("universal", "Advice if you are unsure whether a need is growing")}
  - key: early-help
    number: 2
    name: Early help
    summary: The child has additional needs that one or more services can meet with the family's agreement.
    situation: The child or family needs extra help that no single universal service can give alone.
    signs:
      - Needs that are not being met by universal services alone
    response:
      summary: Agree an early help assessment with the family and a lead practitioner.
      who: [Lead practitioner, services around the family]
      assessment: [early-help-assessment]
      actions:
        - Talk with the family and ask for their agreement
        - Complete an early help assessment and agree a plan
    routes:
{routes("early-help", "Advice on early help and how to start an assessment")}
  - key: specialist
    number: 3
    name: Specialist
    summary: The child may be in need, or suffering or likely to suffer significant harm.
    situation: The child's needs or the risks to them call for an assessment by children's social care.
    signs:
      - Concerns that the child is suffering or likely to suffer significant harm
    response:
      summary: Refer to children's social care; where there is reasonable cause to suspect significant harm, child protection enquiries follow.
      who: [Children's social care, police, health]
      assessment: [child-in-need, child-protection]
      actions:
        - If a child is in immediate danger, call 999
        - Refer to children's social care the same day
    routes:
{routes("specialist", "Make a referral the same day")}
domains:
  - key: child-development
    name: Child's developmental needs
    description: The child's health, education, emotional development and safety.
    subdomains:
      - key: health
        name: Health
indicators:
  - text: Has regular health checks and is registered with a GP
    level: universal
    domain: child-development
    subdomain: health
  - text: Misses health appointments and the family would welcome help to attend
    level: early-help
    domain: child-development
    subdomain: health
  - text: Has an injury that has not been explained, or whose explanation does not fit
    level: specialist
    domain: child-development
    subdomain: health
"""
    return f


def _page(front: dict[str, object], body: str) -> str:
    lines = ["---"]
    for k, v in front.items():
        if isinstance(v, bool):
            lines.append(f"{k}: {'true' if v else 'false'}")
        elif isinstance(v, str):
            lines.append(f"{k}: {q(v)}")
        else:
            lines.append(f"{k}: {json.dumps(v, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + body.strip() + "\n"


def _chapter(cid: str, title: str, section: str, summary: str, scope: str, year: int, do_now: list[str],
             call: list[str], body: str, related: list[str], keywords: list[str]) -> str:
    glance = "at_a_glance:\n  do_now:\n" + "".join(f"    - {q(s)}\n" for s in do_now)
    glance += f"  call: [{', '.join(call)}]\n  by_when: []\n"
    return f"""---
id: "{cid}"
title: {q(title)}
section: "{section}"
summary: {q(summary)}
scope: {q(scope)}
owner: procedures-group
last_reviewed: {year}-01-01
next_review: {year + 1}-12-31
status: published
related: [{", ".join(f'"{r}"' for r in related)}]
guidance:
  - title: Working Together to Safeguard Children 2023
    ref: Chapter 2
keywords: [{", ".join(keywords)}]
{glance}render_macros: true
---

{body.strip()}
"""


def _docs(name: str, short: str, county: str, names: str, areas: list[SampleArea], year: int) -> dict[str, str]:
    f: dict[str, str] = {}
    doors = [f"{a.key}-front-door" for a in areas]
    macro = lambda call: "{{ " + call + " }}"  # noqa: E731
    f["docs/index.md"] = _page({"title": "Home", "description": f"Multi-agency safeguarding children procedures for {county}.",
                                "render_macros": True, "hide": ["navigation", "toc"]}, f"""
# Safeguarding children in {county}

{macro("contacts_block()")}

These are the multi-agency safeguarding children procedures of {"the " + name}, for everyone who works with children and families in {names}.

!!! warning "Sample site"
    This site was made by `procedures init`. Its contacts, people and dates are sample data: the telephone numbers are fictional. Replace them before anyone relies on this site.

## Find what you need

- [Procedures manual](manual/index.md): what to do when you are worried about a child.
- [Safeguarding arrangements](arrangements/index.md): who the safeguarding partners are and how they work together.
- [Thresholds](thresholds/index.md): levels of need, and who to contact for help.
- [7-Minute Briefings](briefings/index.md): short learning for team discussion.
- [Amendments](amendments/index.md): what has changed in the manual.
- [Glossary](glossary.md): acronyms and terms.
""")
    f["docs/search.md"] = _page({"title": "Search", "description": "Search every chapter, briefing, thresholds page and the safeguarding arrangements.",
                                 "render_macros": True, "search": {"exclude": True}, "hide": ["toc"]}, f"""
# Search

Search the procedures manual, the briefings, the thresholds and the safeguarding arrangements.

{macro("search_page()")}
""")
    f["docs/glossary.md"] = _page({"title": "Glossary", "description": f"Acronyms and terms used in safeguarding children in {county}.",
                                   "render_macros": True}, f"# Glossary\n\n{macro('glossary()')}\n")
    f["docs/accessibility.md"] = _page({"title": "Accessibility statement", "description": "How accessible this website is, how it is tested and how to report a problem.",
                                        "render_macros": True}, f"""
# Accessibility statement

This statement applies to the {short} safeguarding children procedures website, run by {"the " + name}. This site was made from sample data and has not been tested yet; the results of the last recorded test run are below.

## Feedback and contact information

To ask for information in another format or to report a problem, contact the business office:

{macro("accessibility_contact()")}

## Test results

{macro("accessibility_results()")}
""")
    f["docs/manual/index.md"] = _page({"title": "Procedures manual", "description": f"Contents of the {short} safeguarding children procedures manual.",
                                       "render_macros": True}, f"# Procedures manual\n\n{macro('contents()')}\n")
    f["docs/manual/recognising-abuse-and-neglect.md"] = _chapter(
        "1.1", "Recognising Abuse and Neglect", "1",
        "The four categories of abuse and neglect, the signs that should make you think about harm, and what to do next.",
        f"Everyone who works or volunteers with children in {county}.", year,
        ["If a child is in immediate danger, call 999.", "Write down what you saw and heard, in the words used.",
         "Talk to your designated safeguarding lead the same day."],
        ["emergency", *doors], """
## 1. Why this matters

Abuse and neglect are often noticed first by someone who sees the child every day. Working Together to Safeguard Children 2023 expects every practitioner to be alert to the signs and to act on them, even when they are not sure.

## 2. The four categories

The national guidance describes four categories: physical abuse, emotional abuse, sexual abuse and neglect. A child may suffer more than one at the same time, and harm can happen online as well as in person.

## 3. What to do

Listen to the child, do not promise to keep a secret, and record what you saw and heard. Share your concern with your designated safeguarding lead, and make a referral to children's social care if you think the child may be in need or at risk of significant harm: see [Making a referral](referrals-to-childrens-social-care.md).
""", ["1.2"], ["abuse", "neglect", "signs"])
    f["docs/manual/referrals-to-childrens-social-care.md"] = _chapter(
        "1.2", "Making a Referral to Children's Social Care", "1",
        "When and how to refer a child to children's social care, and what happens after the referral.",
        f"Everyone who works or volunteers with children in {county}.", year,
        ["If a child is in immediate danger, call 999.", "Phone the front door for the area where the child lives.",
         "Confirm the referral in writing as the front door asks."],
        ["emergency", *doors], """
## 1. When to refer

Refer to children's social care when you think a child may be a child in need, or that they may be suffering, or likely to suffer, significant harm (sections 17 and 47 of the Children Act 1989).

## 2. How to refer

Contact the children's social care front door for the area where the child lives. Give your name and role, what you are worried about and why, and what the child and the family have said. Tell the family that you are making the referral unless doing so would put the child at greater risk.

## 3. What happens next

Children's social care decide what to do within one working day and tell you what they have decided. If you do not hear, or you disagree with the decision, follow up and escalate your concern.
""", ["1.1", "2.1"], ["referral", "front door", "section 47"])
    f["docs/manual/local-contacts.md"] = _chapter(
        "2.1", "Local Contacts", "2",
        "Who to contact when you are worried about a child, and where each contact detail came from.",
        f"All practitioners and volunteers in {county}.", year,
        ["If a child is in immediate danger, call 999.", "Otherwise contact the front door for the area where the child lives."],
        ["emergency", *doors], f"""
## 1. Contacts

Use these contacts when you are worried about a child or need advice. Contact the service for the area where the child lives, not where you work. If a child is in immediate danger, call 999 first and then tell children's social care.

The numbers below are SAMPLE data written by `procedures init`: they are fictional and must be replaced before the site is published. Each entry says where its details came from and when they were last checked.

{macro("contacts_list()")}
""", ["1.2"], ["contacts", "telephone"])
    # --- arrangements ----------------------------------------------------------------------
    f["docs/arrangements/index.md"] = _page({"title": "Safeguarding arrangements", "description": f"How the safeguarding partners in {county} work together to safeguard children.",
                                             "render_macros": True}, f"""
# Safeguarding arrangements

Working Together to Safeguard Children 2023 requires the safeguarding partners in every area to publish how they will work together to safeguard and promote the welfare of children. These pages are the sample arrangements for {county}.

{macro("arrangements_current_chair()")}

## Read the arrangements

{macro("arrangements_contents()")}

You can also read [the whole document on one page](document.md).

{macro("arrangements_pdf_link()")}
""")
    f["docs/arrangements/document.md"] = _page({"title": "Safeguarding arrangements (one-page version)", "description": "The whole of the arrangements on one page, for printing.",
                                                "render_macros": True, "search": {"exclude": True}}, macro("arrangements_document()"))
    f["docs/arrangements/partners-and-chair.md"] = _page({"title": "Safeguarding partners and chair", "description": "The lead and delegated safeguarding partners, and the partnership chair for each business year.",
                                                          "render_macros": True}, f"""
# Safeguarding partners and chair

## Lead safeguarding partners

{macro("arrangements_lsps()")}

## Delegated safeguarding partners

{macro("arrangements_dsps()")}

## Partnership chair and deputy chair

{macro("arrangements_current_chair()")}

{macro("arrangements_rotation()")}
""")
    f["docs/arrangements/structure-and-governance.md"] = _page({"title": "Structure and governance", "description": "The structure chart and the remit of every group.",
                                                                "render_macros": True}, f"""
# Structure and governance

## Structure chart

{macro("arrangements_governance_chart()")}

## The groups

{macro("arrangements_groups()")}
""")
    f["docs/arrangements/membership.md"] = _page({"title": "Membership and relevant agencies", "description": "The safeguarding partners, relevant agencies and attendees of the partnership.",
                                                  "render_macros": True}, f"""
# Membership and relevant agencies

Relevant agencies are the organisations whose involvement the safeguarding partners consider necessary to safeguard and promote the welfare of local children.

{macro("arrangements_membership()")}
""")
    f["docs/arrangements/compliance.md"] = _page({"title": "Working Together 2023 checklist", "description": "What the published arrangements must include, and the section that covers each item.",
                                                  "render_macros": True}, f"# Working Together 2023 checklist\n\n{macro('arrangements_compliance()')}\n")
    # --- thresholds ------------------------------------------------------------------------
    f["docs/thresholds/index.md"] = _page({"title": "Thresholds for access to services", "description": f"The levels of need for children and families in {county}, and who to contact.",
                                           "render_macros": True}, f"""
# Thresholds for access to services

Most children's needs are met by the services every child uses. When a child needs more help, the levels below describe the response, and who to contact in each area.

{macro("thresholds_levels()")}

## Step up and step down

A child's needs change. When the help a child receives is no longer enough, the lead practitioner talks with the family and steps the case up to the next level; when things improve, the case steps down, and the services involved agree who carries on supporting the family.
""")
    for key in ("universal", "early-help", "specialist"):
        f[f"docs/thresholds/levels/{key}.md"] = _page({"description": "What the child's situation looks like at this level of need, the response and who to contact.",
                                                       "render_macros": True}, macro(f'threshold_level("{key}")'))
    f["docs/thresholds/matrix.md"] = _page({"title": "Matrix of levels and domains", "description": "Every thresholds indicator, by domain and level of need.",
                                            "render_macros": True, "hide": ["toc"]}, f"# Matrix of levels and domains\n\n{macro('thresholds_matrix()')}\n")
    f["docs/thresholds/finder.md"] = _page({"title": "Indicator finder", "description": "Search the thresholds indicators by keyword, level of need, domain and age.",
                                            "render_macros": True, "template": "thresholds-finder.html", "hide": ["toc"]},
                                           f"# Indicator finder\n\n{macro('thresholds_finder()')}\n")
    f["docs/thresholds/quick-sheet.md"] = _page({"title": "Thresholds quick sheet", "description": "A one-page A4 summary of the levels of need and who to contact.",
                                                 "render_macros": True, "template": "thresholds-sheet.html", "hide": ["navigation", "toc"]},
                                                f"# Thresholds quick sheet\n\n{macro('thresholds_quick_sheet()')}\n")
    # --- briefings, amendments ----------------------------------------------------------------
    f["docs/briefings/index.md"] = _page({"title": "7-Minute Briefings", "description": "Short learning from reviews and audits, for team discussion.",
                                          "render_macros": True}, f"# 7-Minute Briefings\n\n{macro('briefings_index()')}\n")
    f["docs/briefings/professional-curiosity.md"] = f"""---
title: Professional curiosity
summary: A sample briefing written by procedures init — looking beyond what is presented and checking what you are told.
published: {year}-01-01
themes: [professional-curiosity]
source:
  kind: national-review
  title: Working Together to Safeguard Children 2023
  reference: Chapter 1, principles of working with children and families (sample briefing written by procedures init)
related: ["1.1"]
status: published
---

## Background

This is a SAMPLE briefing written by `procedures init` to show the layout. Replace it with the partnership's own learning. Professional curiosity means trying to understand what daily life is like for a child, rather than accepting the first explanation.

## Why it matters

- Children and parents may find it hard to say what is wrong.
- A plausible explanation can stop us asking the next question.

## What we found

National reviews keep finding that practitioners saw part of the picture but did not check what they were told or share what they knew.

## Key learning

- Ask open questions, and ask again when something does not fit.
- Check what you are told with other agencies.

## What good practice looks like

The practitioner notices a change, asks the child and the family about it, checks with colleagues in other agencies and records what they found and what they did.

## Reflective questions

- When did you last check something a family told you?
- What stops you asking the next question?

## Further reading and resources

- Working Together to Safeguard Children 2023, chapter 1.
"""
    f["docs/briefings/action-plan/index.md"] = _page({"title": "Team action-plan template", "description": "A form for recording what your team took from a 7-Minute Briefing.",
                                                      "render_macros": True}, f"# Team action-plan template\n\n{macro('briefing_action_plan()')}\n")
    f["docs/amendments/index.md"] = _page({"title": "Amendments", "description": f"Every change to the {short} safeguarding children procedures manual, newest first.",
                                           "render_macros": True}, f"""
# Amendments

To hear about changes as they happen, [register for updates](register.md).

{macro("amendments_latest()")}
""")
    f["docs/amendments/register.md"] = _page({"title": "Register for updates", "description": "Follow the amendments feed or ask to be emailed when the procedures change.",
                                              "render_macros": True}, f"""
# Register for updates

{macro("amendments_feeds()")}

{macro("register_by_email()")}
""")
    return f
