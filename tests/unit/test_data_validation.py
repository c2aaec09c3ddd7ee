"""Loading and validating the foundation's data files: good data, and bad inputs that
each produce one exact line naming the file, the line and what to do."""

from __future__ import annotations

import pytest

from procedures.core.site import load_site
from tests.helpers import edit, errors, line_of


def test_real_data_loads_without_errors():
    from tests.conftest import REPO

    site = load_site(REPO)
    assert site.report.errors == [], "\n".join(site.report.lines())
    assert {o.key for o in site.data["partners"].organisations} == {"police", "icb", "leicester", "leicestershire", "rutland"}
    assert len(site.data["glossary"].terms) >= 40
    assert [c.key for c in site.data["contacts"].contacts][:1] == ["emergency"]


# (file, text to replace, replacement, text on the line the error names, exact message)
CASES = [
    ("data/partners.yml", "    short: ICB\n", "", "  - key: icb",
     "'short' is required but missing — add 'short:' with a value"),
    ("data/partners.yml", "    type: police\n", "    type: constabulary\n", "type: constabulary",
     "'type' must be one of 'police', 'icb' or 'local-authority' (found 'constabulary')"),
    ("data/partners.yml", "      name: Sharon Cooke\n", "      name: Interim Sharon Cooke\n", "Interim Sharon Cooke",
     "write 'interim: true' instead of putting 'interim' in the name"),
    ("data/partners.yml", "      interim: true\n", "      interim: perhaps\n", "interim: perhaps",
     "'interim' must be true or false (found 'perhaps')"),
    ("data/partners.yml", "  - key: rutland\n", "  - key: police\n", "  - key: police\n",
     "'police' appears twice in organisations — each key must be unique"),  # checked separately: duplicate key names the second occurrence
    ("data/partners.yml", "    source: Arrangements document, lines 61-63, 164 and 172\n",
     "    source: Arrangements document, lines 61-63, 164 and 172\n    twitter: '@police'\n", "twitter:",
     "unknown key 'twitter' — allowed keys: key, name, short, type, area, lead, delegate, source"),
    ("data/partners.yml", "      name: Kevin Quinn\n", "      name: Laurence Jones\n", "name: Laurence Jones",
     "Laurence Jones is already recorded as leicester.delegate — one person holds one partner role"),
    ("data/contacts.yml", "    phone: \"0116 305 7130\"\n", "    phone: \"0116-305-7130\"\n", "0116-305-7130",
     "write phone numbers with digits and spaces only, e.g. 0116 305 0005"),
    ("data/contacts.yml", "    checked_on: 2026-12-06\n", "    checked_on: 06/12/2026\n", "06/12/2026",
     "'checked_on' must be a date written as YYYY-MM-DD, e.g. 2024-03-31 (found '06/12/2026') — write dates as 2024-03-31"),
    ("data/contacts.yml", "  - rutland-childrens-duty\n", "  - rutland-children-duty\n", "  - rutland-children-duty",
     None),
    ("data/contacts.yml", "    hours: 24 hours\n    source: https://www.leicestershire.gov.uk/leisure-and-community/community-safety/report-abuse-or-neglect-of-a-child\n", "    hours: 24 hours\n", "  - key: emergency",
     "'source' is required but missing — add 'source:' with a value"),
    ("data/contacts.yml", "    area: rutland\n", "    area: Rutland\n", "area: Rutland",
     "'area' must be one of 'all', 'leicester', 'leicestershire', 'rutland' or 'llr' (found 'Rutland')"),
    ("data/contacts.yml", "  - key: business-office\n", "  - key: Business Office\n", "Business Office",
     "'Business Office' is not a valid key — use lower-case letters, digits and hyphens, e.g. childrens-front-door"),
    ("data/glossary.yml", "    see: [LSP]\n", "    see: [LPS]\n", "see: [LPS]",
     "'see' names 'LPS', which is not a term in the glossary — add it or correct the spelling"),
    ("data/glossary.yml", "  - term: LADO\n", "  - term: LA\n", "  - term: LA\n",
     "'LA' appears twice in terms — each term must be unique"),
    ("data/glossary.yml", "    definition: The officer in each local authority", "    definition: \n    x_definition: The officer in each local authority", "    definition: ",
     "'definition' must not be empty — write a value after 'definition:'"),
    ("data/owners.yml", "default: ppg\n", "default: pgp\n", "default: pgp",
     "default owner 'pgp' is not listed under owners — known: crg, maldg, ppg"),
    ("data/owners.yml", "    contact: business-office\n", "    contact: business-ofice\n", "business-ofice",
     None),
    ("data/sections.yml", "  - key: \"2\"\n", "  - key: \"1\"\n", "  - key: \"1\"\n",
     "'1' appears twice in sections — each key must be unique"),
]


@pytest.mark.parametrize("case", range(len(CASES)), ids=[f"{c[0]}:{c[3].strip()[:30]}" for c in CASES])
def test_bad_data_is_reported_with_file_line_and_fix(project_copy, case):
    file, old, new, needle, message = CASES[case]
    original = (project_copy / file).read_text()
    edit(project_copy, file, old, new)
    found = errors(project_copy)
    if new and needle.strip() in new:
        # the error names a line inside the replacement text
        start = original.index(old)
        line = original[:start].count("\n") + new[: new.index(needle.strip())].count("\n") + 1
    else:
        line = line_of(project_copy, file, needle.rstrip("\n"))
    prefix = f"{file}:{line}: "
    matching = [e for e in found if e.startswith(prefix)]
    assert matching, f"expected an error at {prefix}; got:\n" + "\n".join(found)
    if message is not None:
        assert prefix + message in found, "\n".join(found)


def test_specific_cross_reference_messages(project_copy):
    edit(project_copy, "data/contacts.yml", "  - rutland-childrens-duty\n", "  - rutland-children-duty\n")
    edit(project_copy, "data/partners.yml", "      name: Kevin Quinn\n", "      name: Laurence Jones\n")
    edit(project_copy, "data/owners.yml", "    contact: business-office\n", "    contact: business-ofice\n", count=1)
    found = errors(project_copy)
    line = line_of(project_copy, "data/contacts.yml", "rutland-children-duty")
    assert any(e.startswith(f"data/contacts.yml:{line}: 'rutland-children-duty' is not a contact — known: ") for e in found)
    line = [i for i, t in enumerate((project_copy / "data/partners.yml").read_text().splitlines(), 1) if "name: Laurence Jones" in t][-1]
    assert f"data/partners.yml:{line}: Laurence Jones is already recorded as leicester.delegate — one person holds one partner role" in found
    line = line_of(project_copy, "data/owners.yml", "business-ofice")
    assert any(e.startswith(f"data/owners.yml:{line}: contact 'business-ofice' is not in data/contacts.yml") for e in found)


def test_all_problems_are_collected_not_just_the_first(project_copy):
    edit(project_copy, "data/partners.yml", "    type: police\n", "    type: constabulary\n")
    edit(project_copy, "data/contacts.yml", "    checked_on: 2026-12-06\n", "    checked_on: 06/12/2026\n")
    edit(project_copy, "data/glossary.yml", "    see: [LSP]\n", "    see: [LPS]\n")
    files = {e.split(":", 1)[0] for e in errors(project_copy)}
    assert files == {"data/partners.yml", "data/contacts.yml", "data/glossary.yml"}


def test_syntax_error_in_one_file_does_not_hide_others(project_copy):
    edit(project_copy, "data/glossary.yml", "  - term: ASDB\n", "  - term: ASDB\n\tbroken: yes\n")
    edit(project_copy, "data/owners.yml", "default: ppg\n", "default: nobody\n")
    found = errors(project_copy)
    assert any(e.startswith("data/glossary.yml:") and "tab character" in e for e in found)
    assert any(e.startswith("data/owners.yml:2: default owner 'nobody'") for e in found)


def test_missing_and_unregistered_data_files(project_copy):
    (project_copy / "data/glossary.yml").unlink()
    (project_copy / "data/stray.yml").write_text("a: 1\n")
    found = errors(project_copy)
    assert "data/glossary.yml: the data file is missing — restore data/glossary.yml from git" in found
    assert "data/stray.yml: no model describes this data file — remove it (a copy or backup?), or ask a developer to declare it in a feature's data_files" in found


def test_every_data_file_has_a_model():
    from procedures import registry
    from tests.conftest import REPO

    on_disk = {p.name for p in (REPO / "data").glob("*.yml")}
    assert on_disk <= set(registry.DATA_FILES), on_disk - set(registry.DATA_FILES)
