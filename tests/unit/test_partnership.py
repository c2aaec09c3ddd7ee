"""data/partnership.yml: the model's bad inputs, areas that come from data, and
`procedures init`'s own mistakes — each one line with file, line and what to do."""

from __future__ import annotations

import pytest

from procedures.contacts.models import Contact
from procedures.core.cli import main as procedures
from procedures.partnership.init import InitError, parse_area, site_files
from tests.helpers import edit, errors, line_of

P = "data/partnership.yml"


def test_real_partnership_loads_and_declares_its_areas():
    from procedures.core.site import load_site
    from tests.conftest import REPO

    site = load_site(REPO)
    p = site.data["partnership"]
    assert [a.key for a in p.areas] == ["leicester", "leicestershire", "rutland"]
    assert p.validation_keys()["contact-area"] == ["all", "leicester", "leicestershire", "rutland", "llr"]
    assert p.footprint_names()["llr"] == ("Leicester, Leicestershire and Rutland", "LLR")


# (file, text to replace, replacement, text on the line the error names, exact message)
CASES = [
    (P, "short_name: LLR\n", "short_name: LLR\ncolours: blue\n", "colours: blue",
     "unknown key 'colours' — allowed keys: name, short_name, whole_area, areas, local_authorities, footprints, "
     "business_office, default_author, wording, sample"),
    (P, "    areas: [leicestershire, rutland]\n", "    areas: [leicestershire, rutlnd]\n", "    areas: [leicestershire, rutlnd]",
     "footprint 'leicestershire-and-rutland' names 'rutlnd', which is not one of the areas — known: leicester, leicestershire, rutland"),
    (P, "  key: llr\n", "  key: all\n", "  key: all",
     "'all' is reserved for contacts that serve everyone — give this area another key"),
    (P, "local_authorities: [leicester, leicestershire, rutland]\n", "local_authorities: [leicester, leicestershire, rutand]\n",
     "local_authorities: [leicester, leicestershire, rutand]", "'rutand' is not an organisation in data/partners.yml — known: icb, leicester, leicestershire, police, rutland"),
    (P, "business_office: business-office\n", "business_office: business-ofice\n", "business_office: business-ofice",
     "'business-ofice' is not a contact in data/contacts.yml — name the business office's contact key"),
    ("data/governance.yml", "    footprint: llr\n", "    footprint: lrr\n", "footprint: lrr",
     "'footprint' must be one of 'llr', 'leicester', 'leicestershire', 'rutland' or 'leicestershire-and-rutland' (found 'lrr')"),
    ("data/partnerships.yml", "    areas: [leicester]\n", "    areas: [leicester, llr]\n", "areas: [leicester, llr]",
     "'areas' must be one of 'leicester', 'leicestershire' or 'rutland' (found 'llr')"),
]


@pytest.mark.parametrize("file,old,new,needle,message", CASES, ids=[c[3].strip()[:30] for c in CASES])
def test_bad_partnership_data_is_one_line_with_file_and_line(project_copy, file, old, new, needle, message):
    edit(project_copy, file, old, new)
    found = errors(project_copy)
    line = line_of(project_copy, file, needle)
    assert f"{file}:{line}: {message}" in found, "\n".join(found)


def test_an_area_key_used_twice(project_copy):
    first = line_of(project_copy, P, "  - key: leicester")
    second = line_of(project_copy, P, "  - key: rutland")
    edit(project_copy, P, "  - key: rutland\n", "  - key: leicester\n")
    assert (f"{P}:{second}: the key 'leicester' is used twice (also on line {first}) — "
            "give each area and footprint its own key") in errors(project_copy)


def test_areas_come_from_the_partnership_not_the_code(project_copy):
    """Renaming an area in data/partnership.yml changes what every other file may write."""
    edit(project_copy, P, "  - key: rutland\n", "  - key: rutland-county\n")
    edit(project_copy, P, "areas: [leicestershire, rutland]", "areas: [leicestershire, rutland-county]")
    found = errors(project_copy)
    line = line_of(project_copy, "data/contacts.yml", "    area: rutland")
    assert (f"data/contacts.yml:{line}: 'area' must be one of 'all', 'leicester', 'leicestershire', 'rutland-county' "
            "or 'llr' (found 'rutland')") in found, "\n".join(found)
    line = line_of(project_copy, "data/partners.yml", "    area: rutland")
    assert f"data/partners.yml:{line}: 'area' must be one of 'leicester', 'leicestershire', 'rutland-county' or 'llr' (found 'rutland')" in found
    # each message is one line
    assert all("\n" not in e for e in found)


def test_missing_partnership_file(project_copy):
    (project_copy / P).unlink()
    assert f"{P}: the data file is missing — restore {P} from git" in errors(project_copy)


def test_a_model_used_alone_checks_the_key_shape_only():
    base = {"key": "x", "name": "X", "purpose": "p", "source": "s", "source_kind": "partnership",
            "checked_on": "2026-12-01", "phone": "01632 960001"}
    assert Contact.model_validate({**base, "area": "anywhere"}).area == "anywhere"
    with pytest.raises(ValueError, match="'Rutland' is not a valid key"):
        Contact.model_validate({**base, "area": "Rutland"})
    with pytest.raises(ValueError, match="must be one of|Input should be 'north' or 'all'"):
        Contact.model_validate({**base, "area": "rutland"}, context={"keys": {"contact-area": ["north", "all"]}})


def test_init_mistakes_are_one_line(tmp_path, capsys):
    with pytest.raises(InitError, match="write it as key=Name"):
        parse_area("West Wealdshire")
    with pytest.raises(InitError, match="the same key"):
        site_files("Wealdshire Partnership", [parse_area("a=Alpha"), parse_area("a=Beta")])
    with pytest.raises(InitError, match="--name"):
        site_files("<script>", [parse_area("a=Alpha")])
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("mine")
    assert procedures(["init", str(tmp_path / "x"), "--name", "Wealdshire Partnership"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "the folder is not empty" in err
    assert (tmp_path / "x" / "keep.txt").read_text() == "mine"


def test_init_sample_has_no_llr_text_and_only_fictional_numbers():
    import re

    files = site_files("Wealdshire Safeguarding Children Partnership",
                       [parse_area("west=West Wealdshire"), parse_area("east=East Wealdshire")], county="Wealdshire")
    for rel, text in files.items():
        assert not re.search(r"leicester|rutland|llr", text, re.I), rel
    numbers = re.findall(r'phone: "([^"]+)"', files["data/contacts.yml"])
    assert numbers[0] == "999"
    assert all(re.fullmatch(r"01632 960\d{3}|020 7946 0\d{3}", n) for n in numbers[1:]) and len(numbers) == 4
