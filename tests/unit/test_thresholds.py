"""The thresholds document as data: the model, the cross checks and the page macros.

Bad inputs are made on a throw-away copy of the project (``project_copy``); each test
asserts the exact one-line message, with the file and the line the mistake is on.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from procedures.core.render import md_escape
from procedures.core.site import load_site
from procedures.thresholds import pages
from procedures.thresholds.export import write_json
from procedures.thresholds.view import indicator_id, level_label, normalise, thresholds

REPO = Path(__file__).resolve().parents[2]
DATA = "data/thresholds.yml"


# --- helpers ---------------------------------------------------------------------------

def edit(project: Path, old: str, new: str, nth: int = 1) -> None:
    """Replace the ``nth`` occurrence of ``old`` in data/thresholds.yml."""
    path = project / DATA
    text = path.read_text(encoding="utf-8")
    start = -1
    for _ in range(nth):
        start = text.find(old, start + 1)
        assert start >= 0, f"test setup: occurrence {nth} of {old!r} not found"
    path.write_text(text[:start] + new + text[start + len(old):], encoding="utf-8")


def line_of(project: Path, needle: str, nth: int = 1, rel: str = DATA) -> int:
    seen = 0
    for i, line in enumerate((project / rel).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == nth:
                return i
    raise AssertionError(f"test setup: {needle!r} not found {nth} time(s)")


def errors(project: Path) -> list[str]:
    return [str(p) for p in load_site(project).report.errors]


@pytest.fixture(scope="module")
def real_site():
    return load_site(REPO)


# --- the real data -----------------------------------------------------------------------

def test_real_data_loads_without_any_thresholds_problem(real_site):
    mine = [str(p) for p in real_site.report.problems if p.file == DATA]
    assert mine == []
    assert real_site.data["thresholds"] is not None


def test_real_data_covers_every_level_domain_and_subdomain(real_site):
    th = thresholds(real_site)
    assert [lv.number for lv in th.levels] == [1, 2, 3, 4]
    assert len(th.indicators) >= 150
    assert {d.key for d in th.domains} == {"child", "parenting", "family"}
    subdomains = {(d.key, s.key) for d in th.domains for s in d.subdomains}
    assert len(subdomains) == 19
    for lv in th.levels:
        for d_key, s_key in subdomains:
            assert th.at(level=lv.key, domain=d_key, subdomain=s_key), f"no indicator for {lv.key} / {d_key} / {s_key}"
    # every age band is used somewhere, and every level has a response and a route per area
    assert {a for i in th.indicators for a in i.ages} == {"pre-birth", "0-4", "5-11", "12-17"}
    for lv in th.levels:
        assert lv.response is not None and lv.response.actions
        assert sorted(r.area for r in lv.routes) == ["leicester", "leicestershire", "rutland"]


def test_level_names_are_flagged_unconfirmed_in_the_data(real_site):
    # the seeds give no local level names (seed-facts E): every descriptive name is flagged
    th = thresholds(real_site)
    assert all(lv.unconfirmed for lv in th.levels)
    assert th.any_unconfirmed
    assert "awaiting confirmation" in th.data.document.names_note


def test_routes_name_only_contacts_in_contacts_file(real_site):
    th = thresholds(real_site)
    keys = {c.key for c in real_site.data["contacts"].contacts}
    assert {r.contact for lv in th.levels for r in lv.routes} <= keys


def test_indicator_ids_are_stable_and_unique(real_site):
    th = thresholds(real_site)
    ids = [th.id_of(i) for i in th.indicators]
    assert len(set(ids)) == len(ids)
    assert indicator_id("A Sentence.") == indicator_id("a  sentence") == "ind-" + indicator_id("a sentence")[4:]
    assert normalise("  The Child’s  needs. ") == "the child's needs"


# --- bad inputs: one line each, with file and line -----------------------------------------

def test_unknown_level(project_copy):
    edit(project_copy, "    level: early-help\n", "    level: early-hlep\n")
    line = line_of(project_copy, "level: early-hlep")
    assert f"{DATA}:{line}: level 'early-hlep' does not exist — known levels: universal, early-help, targeted, specialist" in errors(project_copy)


def test_unknown_domain(project_copy):
    edit(project_copy, "    domain: parenting\n", "    domain: parentting\n")
    line = line_of(project_copy, "domain: parentting")
    assert f"{DATA}:{line}: domain 'parentting' does not exist — known domains: child, parenting, family" in errors(project_copy)


def test_unknown_subdomain(project_copy):
    edit(project_copy, "    subdomain: housing\n", "    subdomain: housng\n")
    line = line_of(project_copy, "subdomain: housng")
    assert (f"{DATA}:{line}: sub-domain 'housng' is not part of domain 'family' — known: family-history, wider-family, "
            "housing, employment, income, social-integration, community-resources") in errors(project_copy)


def test_subdomain_of_another_domain(project_copy):
    # the first indicator is child / health: give it a family sub-domain
    edit(project_copy, "    subdomain: health\n", "    subdomain: housing\n")
    line = line_of(project_copy, "subdomain: housing")
    assert (f"{DATA}:{line}: sub-domain 'housing' is not part of domain 'child' (it belongs to domain 'family') — known: "
            "health, education, emotional-behavioural, identity, family-social, self-care") in errors(project_copy)


def test_duplicate_indicator_text(project_copy):
    first = "Growth and development are within the expected range for the child's age."
    second = "Is registered with a GP and dentist, and has routine health checks, screening and immunisations."
    # same words, different case and no final stop: still a duplicate
    edit(project_copy, f"text: {second}", "text: growth and development are within the expected range for the child's age")
    first_line = line_of(project_copy, f"text: {first}")
    dup_line = line_of(project_copy, "text: growth and development are within")
    assert (f"{DATA}:{dup_line}: this indicator has the same text as the one on line {first_line} — each indicator "
            "must be different; remove or reword one") in errors(project_copy)


def test_level_without_response(project_copy):
    text = (project_copy / DATA).read_text(encoding="utf-8")
    start = text.index("  - key: early-help")
    resp = text.index("    response:\n", start)
    routes = text.index("    routes:\n", resp)
    (project_copy / DATA).write_text(text[:resp] + text[routes:], encoding="utf-8")
    line = line_of(project_copy, "  - key: early-help")
    assert (f"{DATA}:{line}: level 'early-help' has no response — add 'response:' with summary, who, assessment "
            "and actions") in errors(project_copy)


def test_unknown_contact_key(project_copy):
    edit(project_copy, "contact: rutland-childrens-duty", "contact: rutland-duty-team", nth=2)
    line = line_of(project_copy, "contact: rutland-duty-team")
    errs = errors(project_copy)
    match = [e for e in errs if e.startswith(f"{DATA}:{line}: contact 'rutland-duty-team' is not in data/contacts.yml — known: ")]
    assert len(match) == 1, errs
    assert "leicester-front-door" in match[0] and "rutland-childrens-duty" in match[0]


def test_missing_route_for_an_area(project_copy):
    text = (project_copy / DATA).read_text(encoding="utf-8")
    start = text.index("      - area: rutland\n")
    end = text.index("\n\n", start)
    (project_copy / DATA).write_text(text[:start] + text[end + 1:], encoding="utf-8")
    line = line_of(project_copy, "    routes:")
    assert (f"{DATA}:{line}: level 'universal' has no contact route for Rutland — add a route (area, contact, when) "
            "for every area") in errors(project_copy)


def test_unknown_age_band(project_copy):
    edit(project_copy, "    ages: [0-4]\n", "    ages: [0-5]\n")
    line = line_of(project_copy, "ages: [0-5]")
    errs = errors(project_copy)
    assert any(e.startswith(f"{DATA}:{line}: 'ages' must be one of ") and "(found '0-5')" in e for e in errs), errs


def test_unknown_key_on_an_indicator(project_copy):
    edit(project_copy, "    subdomain: health\n", "    subdomain: health\n    severity: high\n")
    line = line_of(project_copy, "severity: high")
    assert (f"{DATA}:{line}: unknown key 'severity' — allowed keys: text, level, domain, subdomain, ages") in errors(project_copy)


def test_duplicate_level_number(project_copy):
    edit(project_copy, "    number: 3\n", "    number: 2\n")
    line = line_of(project_copy, "number: 2", nth=2)
    assert (f"{DATA}:{line}: level number 2 is already used by level 'early-help' — number the levels 1, 2, 3 …") in errors(project_copy)


def test_level_without_page(project_copy):
    (project_copy / "docs/thresholds/levels/targeted.md").unlink()
    line = line_of(project_copy, "  - key: targeted")
    assert (f"{DATA}:{line}: level 'targeted' has no page — create docs/thresholds/levels/targeted.md (copy another "
            "level's page and change the key in it)") in errors(project_copy)


def test_every_mistake_is_reported_together(project_copy):
    edit(project_copy, "    level: early-help\n", "    level: nope\n")
    edit(project_copy, "    domain: family\n", "    domain: env\n")
    edit(project_copy, "contact: leicester-front-door", "contact: leicester-door", nth=3)
    errs = [e for e in errors(project_copy) if e.startswith(DATA)]
    assert len(errs) == 3, errs
    assert any("level 'nope'" in e for e in errs)
    assert any("domain 'env'" in e for e in errs)
    assert any("contact 'leicester-door'" in e for e in errs)


def test_an_empty_domain_cell_is_a_warning_not_an_error(project_copy):
    # give every universal income indicator another level: the build still works, with a warning
    site = load_site(project_copy)
    th = thresholds(site)
    n = len(th.at(level="universal", domain="family"))
    for _ in range(n):
        edit(project_copy, "    level: universal\n    domain: family\n", "    level: early-help\n    domain: family\n")
    site = load_site(project_copy)
    assert not [p for p in site.report.errors if p.file == DATA]
    line = line_of(project_copy, "  - key: universal")
    assert (f"{DATA}:{line}: warning: level 'universal' has no indicator for the domain 'Family and environmental factors' "
            "— the matrix will show an empty cell") in site.report.lines()


# --- page macros and the JSON export ---------------------------------------------------------

def test_nav_entries_name_each_level_page_in_order(real_site):
    assert pages.nav_entries(real_site) == [
        {"Level 1: Universal": "thresholds/levels/universal.md"},
        {"Level 2: Early help": "thresholds/levels/early-help.md"},
        {"Level 3: Targeted / complex": "thresholds/levels/targeted.md"},
        {"Level 4: Specialist / statutory": "thresholds/levels/specialist.md"},
    ]


def test_every_macro_that_shows_level_names_shows_the_note(real_site):
    m = pages.macros(real_site)
    outputs = {
        "levels": m["thresholds_levels"](),
        "level": m["threshold_level"]("targeted"),
        "matrix": m["thresholds_matrix"](),
        "finder": m["thresholds_finder"](),
        "sheet": m["thresholds_quick_sheet"](),
    }
    for name, out in outputs.items():
        # a level page's own name is its title (from the nav); its step links name the next level
        expected = "Level 4: Specialist / statutory" if name == "level" else "Level 3: Targeted / complex"
        assert expected in out, name
        # the full note is said once, on the overview and on the stand-alone quick sheet;
        # the other pages link to it
        if name in ("levels", "sheet"):
            assert 'data-thresholds-names-note="full"' in out, name
            # in full on the overview; in one sentence on the quick sheet (one A4 page)
            assert ("awaiting confirmation" if name == "levels" else "has not yet confirmed its own") in out, name
            assert 'id="about-the-level-names"' in out, name
        else:
            assert 'data-thresholds-names-note="pointer"' in out, name
            assert "awaiting confirmation" not in out and 'id="about-the-level-names"' not in out, name
    # the pointer's link lands on the overview (thresholds/index.md) from each page's own address
    assert 'href="../../#about-the-level-names"' in outputs["level"]
    assert 'href="../#about-the-level-names"' in outputs["matrix"]
    assert 'href="../#about-the-level-names"' in outputs["finder"]


def test_no_note_once_every_name_is_confirmed(project_copy):
    path = project_copy / DATA
    text = re.sub(r"^    unconfirmed: .*\n", "", path.read_text(encoding="utf-8"), flags=re.M)
    path.write_text(text, encoding="utf-8")
    site = load_site(project_copy)
    assert not site.report.errors
    m = pages.macros(site)
    assert "data-thresholds-names-note" not in m["threshold_level"]("universal")
    assert "data-thresholds-names-note" not in m["thresholds_finder"]()
    assert "data-thresholds-names-note" not in m["thresholds_levels"]()
    assert "data-thresholds-names-note" not in m["thresholds_quick_sheet"]()


def test_level_page_lists_exactly_its_own_indicators(real_site):
    th = thresholds(real_site)
    out = pages.macros(real_site)["threshold_level"]("specialist")
    bullets = {re.sub(r" \*\(ages: [^)]*\)\*$", "", b) for b in re.findall(r"^- (.+)$", out, flags=re.M)}
    for ind in th.indicators:
        assert (md_escape(ind.text) in bullets) == (ind.level == "specialist"), ind.text


def test_unknown_level_in_a_page_macro_is_a_clear_error(real_site):
    with pytest.raises(ValueError, match=r"threshold_level\('urgent'\): no such level .* known: universal, early-help"):
        pages.macros(real_site)["threshold_level"]("urgent")


def test_text_from_data_is_escaped_in_html_and_markdown(project_copy):
    edit(project_copy, "text: Growth and development are within", "text: <script>alert(1)</script> *Growth* and development are within")
    site = load_site(project_copy)
    assert not site.report.errors
    m = pages.macros(site)
    finder = m["thresholds_finder"]()
    assert "<script>alert(1)</script>" not in finder and "&lt;script&gt;alert(1)&lt;/script&gt;" in finder
    level = m["threshold_level"]("universal")
    assert "<script>" not in level and "&lt;script&gt;" in level and r"\*Growth\*" in level


def test_json_export_matches_the_data(real_site, tmp_path):
    out = write_json(real_site, tmp_path)
    assert out == tmp_path / "thresholds" / "indicators.json"
    data = json.loads(out.read_text(encoding="utf-8"))
    th = thresholds(real_site)
    assert data["built"] == real_site.today.isoformat()
    assert [lv["key"] for lv in data["levels"]] == [lv.key for lv in th.levels]
    assert [lv["label"] for lv in data["levels"]] == [level_label(lv) for lv in th.levels]
    assert data["names_unconfirmed"] is True and "awaiting confirmation" in data["names_note"]
    assert len(data["indicators"]) == len(th.indicators)
    first = data["indicators"][0]
    assert first == {"id": th.id_of(th.indicators[0]), "text": th.indicators[0].text, "level": "universal",
                     "domain": "child", "subdomain": "health", "ages": []}
    assert {a["key"] for a in data["age_bands"]} == {"pre-birth", "0-4", "5-11", "12-17"}
