"""Bad input in the arrangements' data: each mistake gives one line naming the file, the
line and what to do; nothing is published (the build stops before MkDocs runs)."""

from __future__ import annotations

import re

import pytest

from procedures.core.builder import BuildFailed, build_site
from tests.helpers import edit, errors, line_of

DSPS = "icb-dsp, leicester-dsp, leicestershire-dsp, police-dsp, rutland-dsp"
ROW_2026 = '  - year: "2026/27"\n    chairs: [police-dsp]\n    deputies: [leicestershire-dsp]\n'

# (file, text to replace, replacement, text on the line the error names, message)
# a message ending in "…" is compared as a prefix (the rest lists every known key)
CASES = {
    "chair is an LSP": (
        "data/rotation.yml", "    chairs: [police-dsp]\n", "    chairs: [police-lsp]\n", "chairs: [police-lsp]",
        f"'police-lsp' is the Police LSP, David Sandall (a Lead Safeguarding Partner), not a delegated safeguarding "
        f"partner — the chair and deputy chair are DSPs: use one of {DSPS}"),
    "deputy is not a partner role": (
        "data/rotation.yml", "    deputies: [rutland-dsp]\n", "    deputies: [rutland]\n", "deputies: [rutland]",
        f"'rutland' is not a delegated safeguarding partner — use one of {DSPS} (the DSP of each organisation in data/partners.yml)"),
    "chair written as a name": (
        "data/rotation.yml", "    chairs: [icb-dsp]\n", "    chairs: [Chris West]\n", "chairs: [Chris West]",
        "write the role 'icb-dsp', not the name 'Chris West' — the rotation follows the post when people change"),
    "an LSP named as deputy": (
        "data/rotation.yml", "    deputies: [rutland-dsp]\n", "    deputies: [Toby Sanders]\n", "deputies: [Toby Sanders]",
        f"'Toby Sanders' is the ICB LSP, Toby Sanders, not a delegated safeguarding partner — the chair and deputy "
        f"chair are DSPs: use one of {DSPS}"),
    "same DSP chairs and deputises": (
        "data/rotation.yml", "    deputies: [rutland-dsp]\n", "    deputies: [icb-dsp]  # edited\n", "# edited",
        "the ICB DSP, Chris West both chairs and deputises in 2028/29 — the deputy chair must be a different DSP"),
    "joint chair listed twice": (
        "data/rotation.yml", "    chairs: [rutland-dsp, leicester-dsp]\n", "    chairs: [rutland-dsp, rutland-dsp]\n",
        "chairs: [rutland-dsp, rutland-dsp]",
        "'rutland-dsp' is listed twice as chair in 2027/28 — list each DSP once"),
    "business year label": (
        "data/rotation.yml", '  - year: "2024/25"\n', '  - year: "2024/26"\n', '"2024/26"',
        "'2024/26' is not a business year — a business year runs from 1 April to 31 March and is written like "
        "2024/25: did you mean 2024/25?"),
    "split date outside its year": (
        "data/rotation.yml", ROW_2026, ROW_2026.replace("    chairs:", "    starts: 2027-05-01\n    chairs:"), '"2026/27"',
        "'starts: 2027-05-01' is outside business year 2026/27 (2026-04-01 to 2027-03-31) — use a date inside the "
        "year, or remove 'starts'"),
    "unknown key in a row": (
        "data/rotation.yml", "    deputies: [leicestershire-dsp]\n", "    deputy: [leicestershire-dsp]\n",
        "deputy: [leicestershire-dsp]",
        "unknown key 'deputy' — allowed keys: year, starts, ends, chairs, deputies, as_published, unconfirmed"),
    "governance: reports_to an unknown group": (
        "data/governance.yml", "    reports_to: [lrscp, lscp]\n", "    reports_to: [lrscp, lscb]\n", "reports_to: [lrscp, lscb]",
        "reports_to names 'lscb', which is not a group in this file — known: …"),
    "governance: unknown role": (
        "data/governance.yml", "      - role: police-lsp\n", "      - role: police-lps\n", "role: police-lps",
        "'police-lps' is not a partner role — use one of icb-dsp, icb-lsp, leicester-dsp, leicester-lsp, "
        "leicestershire-dsp, leicestershire-lsp, police-dsp, police-lsp, rutland-dsp, rutland-lsp"),
    "governance: member with two kinds": (
        "data/governance.yml", "      - chair_of: education-group\n    in_attendance:\n",
        "      - chair_of: education-group\n        name: Chair of education\n    in_attendance:\n", "name: Chair of education",
        None),
    "partnership without a statutory partner": (
        "data/partnerships.yml", "    safeguarding_partners: [leicester, police, icb]\n",
        "    safeguarding_partners: [leicester, police]\n", "safeguarding_partners: [leicester, police]",
        "LSCP must list 'icb' (Leicester, Leicestershire and Rutland Integrated Care Board) among its safeguarding "
        "partners — the police, the ICB and the council of every area covered are statutory partners"),
    "partnership names an unknown organisation": (
        "data/partnerships.yml", "[leicestershire, rutland, police, icb]", "[leicestershire, rutland, police, icb, nhs]",
        "rutland, police, icb, nhs]",
        "'nhs' is not an organisation in data/partners.yml — known: icb, leicester, leicestershire, police, rutland"),
    "compliance item maps to nothing": (
        "data/arrangements-compliance.yml", "    covered_by:\n      - funding.md\n", "    covered_by: []\n", "key: funding",
        "'funding' maps to no section of the arrangements — add 'covered_by:' with the page (and heading) that "
        "covers it; if nothing does yet, the arrangements need a section for it"),
    "compliance names a heading that does not exist": (
        "data/arrangements-compliance.yml", "      - structure-and-governance.md#audit-group\n",
        "      - structure-and-governance.md#audit-groups\n", "#audit-groups",
        "'structure-and-governance.md' has no heading '#audit-groups' — known: …"),
    "compliance names a page that is not a section": (
        "data/arrangements-compliance.yml", "      - funding.md\n", "      - finance.md\n", "- finance.md",
        "'finance.md' is not a section of the arrangements — known: …"),
    "a section page that does not exist": (
        "data/arrangements.yml", "  - review.md\n", "  - review.md\n  - safeguarding-adults.md\n", "safeguarding-adults.md",
        "docs/arrangements/safeguarding-adults.md does not exist — create it, or correct the name"),
    "a macro that does not stand on its own line": (
        "docs/arrangements/partners-and-chair.md", "{{ arrangements_rotation() }}\n",
        "The table: {{ arrangements_rotation() }}\n", "The table:",
        "in the arrangements, a macro call stands alone on its line with plain values, e.g. "
        "{{ arrangements_rotation() }} — put it on a line of its own"),
}


@pytest.mark.parametrize("case", [k for k, v in CASES.items() if v[4] is not None])
def test_bad_input_gives_one_line_with_file_and_line(project_copy, case):
    rel, old, new, needle, message = CASES[case]
    edit(project_copy, rel, old, new)
    line = line_of(project_copy, rel, needle)
    found = [e for e in errors(project_copy) if e.startswith(f"{rel}:")]
    if message.endswith("…"):
        assert any(e.startswith(f"{rel}:{line}: {message[:-1]}") for e in found), found
    else:
        assert f"{rel}:{line}: {message}" in found, found


def test_as_published_needs_the_reason(project_copy):
    rel = "data/rotation.yml"
    path = project_copy / rel
    path.write_text(re.sub(r"    unconfirmed: >-\n(      .*\n)+", "", path.read_text()))
    assert "unconfirmed" not in path.read_text().split("years:")[1]
    line = line_of(project_copy, rel, '"2025/26"')
    found = errors(project_copy)
    assert f"{rel}:{line}: 'as_published' records a disagreement with the published table — add 'unconfirmed:' " \
           "saying what the partnership must confirm" in found, found


def test_member_is_exactly_one_kind(project_copy):
    rel, old, new, _needle, _ = CASES["governance: member with two kinds"]
    edit(project_copy, rel, old, new)
    found = [e for e in errors(project_copy) if e.startswith(rel)]
    assert len(found) == 1, found
    assert found[0].endswith("a member is one of 'role: <partner>-dsp', 'chair_of: <group key>' or 'name: <description>' "
                             "— give exactly one"), found
    # the line named is the member's own line (the one with chair_of), not the top of the file
    member_line = int(found[0].split(":")[1])
    text = (project_copy / rel).read_text().splitlines()
    assert "chair_of: education-group" in text[member_line - 1] and "Chair of education" in text[member_line]


def test_a_missing_business_year(project_copy):
    rel = "data/rotation.yml"
    edit(project_copy, rel, ROW_2026 + "\n", "")
    found = errors(project_copy)
    assert (f"{rel}:{line_of(project_copy, rel, '2027/28')}: no row for 2026/27 — the rotation jumps from 2025/26 "
            f"(line {line_of(project_copy, rel, '2025/26')}) to 2027/28; add the missing business year") in found, found


def test_a_repeated_business_year(project_copy):
    rel = "data/rotation.yml"
    edit(project_copy, rel, '  - year: "2026/27"\n', '  - year: "2025/26"  # again\n')
    found = errors(project_copy)
    assert (f"{rel}:{line_of(project_copy, rel, '# again')}: business year 2025/26 is listed twice "
            f"(also on line {line_of(project_copy, rel, '2025/26')}) — keep one row per business year") in found, found


def test_years_out_of_order(project_copy):
    rel = "data/rotation.yml"
    edit(project_copy, rel, '  - year: "2026/27"\n', '  - year: "2023/24"\n')
    found = errors(project_copy)
    assert (f"{rel}:{line_of(project_copy, rel, '2023/24')}: 2023/24 is listed after 2025/26 "
            f"(line {line_of(project_copy, rel, '2025/26')}) — list the business years in order, earliest first") in found, found


def _split_2026(ends: str, starts: str) -> str:
    return (f'  - year: "2026/27"\n    ends: {ends}\n    chairs: [police-dsp]\n    deputies: [leicestershire-dsp]\n'
            f'  - year: "2026/27"  # second half\n    starts: {starts}\n    chairs: [rutland-dsp]\n    deputies: [police-dsp]\n')


def test_overlapping_periods(project_copy):
    rel = "data/rotation.yml"
    edit(project_copy, rel, ROW_2026, _split_2026("2026-09-30", "2026-09-01"))
    found = errors(project_copy)
    first = line_of(project_copy, rel, '"2026/27"')
    assert (f"{rel}:{line_of(project_copy, rel, '# second half')}: 2026/27 starts on 1 September 2026, before the row "
            f"for 2026/27 (line {first}) ends on 30 September 2026 — the periods overlap; make each row start the day "
            "after the one above ends") in found, found


def test_non_contiguous_periods(project_copy):
    rel = "data/rotation.yml"
    edit(project_copy, rel, ROW_2026, _split_2026("2026-09-30", "2026-11-01"))
    found = errors(project_copy)
    first = line_of(project_copy, rel, '"2026/27"')
    assert (f"{rel}:{line_of(project_copy, rel, '# second half')}: nobody chairs from 1 October 2026 to 31 October 2026, "
            f"between 2026/27 (line {first}) and this row — the periods must follow on without a gap") in found, found


def test_a_correct_split_year_is_accepted_and_used(project_copy):
    from datetime import date

    from procedures.arrangements import rotation
    from procedures.core.site import load_site

    edit(project_copy, "data/rotation.yml", ROW_2026, _split_2026("2026-09-30", "2026-10-01"))
    site = load_site(project_copy)
    assert [str(p) for p in site.report.errors if p.file.startswith(("data/rotation", "docs/arrangements"))] == []
    assert rotation.period_for(site, date(2026, 9, 30)).chairs[0].person.name == "Henry Henderson"
    assert rotation.period_for(site, date(2026, 10, 1)).chairs[0].person.name == "Kevin Quinn"


def test_a_reporting_loop_is_one_line(project_copy):
    rel = "data/governance.yml"
    edit(project_copy, rel, "    source: Section 4 and section 5",
         "    reports_to: [planning-and-delivery-group]\n    source: Section 4 and section 5")
    found = [e for e in errors(project_copy) if e.startswith(rel)]
    assert found == [
        f"{rel}:{line_of(project_copy, rel, 'key: lead-safeguarding-partners')}: 'lead-safeguarding-partners' reports "
        "to itself through planning-and-delivery-group → lrscp → meeting-of-safeguarding-partners → "
        "lead-safeguarding-partners — a group cannot be above itself in the chart"]


def test_an_unlisted_arrangements_page(project_copy):
    edit(project_copy, "data/arrangements.yml", "  - funding.md\n", "")
    found = errors(project_copy)
    assert ("docs/arrangements/funding.md: this page is not listed under 'sections' in data/arrangements.yml — add "
            "'funding.md' there so it appears in the navigation, the one-page version and the PDF") in found, found


def test_uncovered_compliance_item_stops_the_build_before_anything_is_written(project_copy, tmp_path):
    edit(project_copy, "data/arrangements-compliance.yml", "    covered_by:\n      - funding.md\n", "    covered_by: []\n")
    out = tmp_path / "site"
    with pytest.raises(BuildFailed) as exc:
        build_site(project_copy, out, progress=lambda m: None)
    assert "'funding' maps to no section of the arrangements" in str(exc.value)
    assert not out.exists()


def test_all_mistakes_are_reported_together(project_copy):
    edit(project_copy, "data/rotation.yml", "    chairs: [police-dsp]\n", "    chairs: [police-lsp]\n")
    edit(project_copy, "data/arrangements-compliance.yml", "    covered_by:\n      - funding.md\n", "    covered_by: []\n")
    edit(project_copy, "data/partnerships.yml", "    safeguarding_partners: [leicester, police, icb]\n",
         "    safeguarding_partners: [leicester, police]\n")
    files = {e.split(":")[0] for e in errors(project_copy)}
    assert {"data/rotation.yml", "data/arrangements-compliance.yml", "data/partnerships.yml"} <= files
