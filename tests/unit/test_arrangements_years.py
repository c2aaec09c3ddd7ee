"""Business years (1 April – 31 March) and who chairs the partnership on a given date."""

from __future__ import annotations

from datetime import date

import pytest

from procedures.arrangements import rotation
from procedures.arrangements.roles import dsps, roles
from procedures.arrangements.years import BusinessYear
from procedures.core.site import load_site
from tests.conftest import REPO

MINE = ("data/rotation.yml", "data/governance.yml", "data/partnerships.yml", "data/arrangements.yml",
        "data/arrangements-compliance.yml", "data/partners.yml", "docs/arrangements/")


def own_errors(s) -> list[str]:
    return [str(p) for p in s.report.errors if p.file.startswith(MINE)]


@pytest.fixture(scope="module")
def site():
    s = load_site(REPO)  # every date below is passed explicitly; "today" is only the fallback
    assert own_errors(s) == []
    return s


# --- BusinessYear ------------------------------------------------------------------------

@pytest.mark.parametrize(("d", "label"), [
    (date(2025, 3, 31), "2024/25"),   # the last day of a business year
    (date(2025, 4, 1), "2025/26"),    # the first day of the next
    (date(2025, 1, 1), "2024/25"),    # January belongs to the year that started the April before
    (date(2025, 12, 31), "2025/26"),
    (date(2099, 4, 1), "2099/00"),    # the century wraps in the short form
])
def test_business_year_of_a_date(d, label):
    assert BusinessYear.of(d).label == label


def test_business_year_bounds_and_contains():
    y = BusinessYear.parse("2024/25")
    assert (y.start, y.end) == (date(2024, 4, 1), date(2025, 3, 31))
    assert y.contains(date(2024, 4, 1)) and y.contains(date(2025, 3, 31))
    assert not y.contains(date(2024, 3, 31)) and not y.contains(date(2025, 4, 1))
    assert y.next().label == "2025/26"
    assert y.span == "1 April 2024 to 31 March 2025"


@pytest.mark.parametrize(("label", "message"), [
    ("2024/26", "'2024/26' is not a business year — a business year runs from 1 April to 31 March and is written like 2024/25: did you mean 2024/25?"),
    ("2024-25", "'2024-25' is not a business year — a business year runs from 1 April to 31 March and is written like 2024/25"),
    ("24/25", "'24/25' is not a business year — a business year runs from 1 April to 31 March and is written like 2024/25"),
])
def test_bad_business_year_labels(label, message):
    with pytest.raises(ValueError) as exc:
        BusinessYear.parse(label)
    assert str(exc.value) == message


# --- roles and labels derived from data ----------------------------------------------------

def test_labels_are_derived_from_partners_data(site):
    labels = {k: r.label for k, r in dsps(site).items()}
    assert labels == {
        "police-dsp": "Police DSP, Henry Henderson",
        "icb-dsp": "ICB DSP, Chris West",
        "leicester-dsp": "Leicester DSP, Laurence Jones",
        "leicestershire-dsp": "Interim Leicestershire DSP, Sharon Cooke",
        "rutland-dsp": "Rutland DSP, Kevin Quinn",
    }
    assert roles(site)["police-lsp"].label == "Police LSP, David Sandall"


# --- the chair on a date ---------------------------------------------------------------------

def names(roles_) -> list[str]:
    return [r.person.name for r in roles_]


def test_31_march_and_1_april_fall_in_different_rows(site):
    before = rotation.period_for(site, date(2025, 3, 31))
    after = rotation.period_for(site, date(2025, 4, 1))
    assert before.year.label == "2024/25" and names(before.chairs) == ["Laurence Jones"]
    assert names(before.deputies) == ["Chris West"] and not before.joint
    assert after.year.label == "2025/26"
    assert names(after.chairs) == ["Sharon Cooke", "Laurence Jones"] and after.joint


def test_joint_chairs_are_stated_jointly(site):
    text = rotation.sentence(site, date(2027, 9, 1))
    assert text == ("On 1 September 2027, in business year 2027/28, the partnership is chaired jointly by the "
                    "Rutland DSP, Kevin Quinn and the Leicester DSP, Laurence Jones, and the deputy chair is the "
                    "Police DSP, Henry Henderson.")


def test_unconfirmed_row_says_so_in_the_sentence(site):
    text = rotation.sentence(site, date(2025, 4, 1), built=True)
    assert text.startswith("On 1 April 2025, the date this page was built, in business year 2025/26, "
                           "the partnership is chaired jointly by the Interim Leicestershire DSP, Sharon Cooke and "
                           "the Leicester DSP, Laurence Jones, and the deputy chair is the ICB DSP, Chris West")
    assert "(not yet confirmed by the partnership — see the note under the rotation table)" in text


@pytest.mark.parametrize(("d", "year"), [(date(2024, 3, 31), "2023/24"), (date(2030, 4, 1), "2030/31"),
                                         (date(1999, 7, 1), "1999/00")])
def test_dates_outside_the_table_get_a_clear_message_not_a_crash(site, d, year):
    assert rotation.period_for(site, d) is None
    assert rotation.sentence(site, d) == (f"No chair is recorded for {year}: the published rotation runs "
                                          "from 2024/25 to 2029/30.")


def test_the_browser_gets_the_same_rows_and_message(site):
    rows = rotation.browser_rows(site)
    assert [r["year"] for r in rows] == ["2024/25", "2025/26", "2026/27", "2027/28", "2028/29", "2029/30"]
    assert rows[0]["start"] == "2024-04-01" and rows[-1]["end"] == "2030-03-31"
    assert rows[2]["text"] == ("the partnership chair is the Police DSP, Henry Henderson, and the deputy chair is "
                               "the Interim Leicestershire DSP, Sharon Cooke.")
    assert rotation.browser_none_template(site).replace("{year}", "2030/31") == rotation.no_chair_message(site, date(2030, 5, 1))


def test_a_change_of_post_holder_changes_every_row(site, project_copy):
    from tests.helpers import edit

    edit(project_copy, "data/partners.yml", "      name: Henry Henderson\n", "      name: Jo Example\n")
    changed = load_site(project_copy)
    assert own_errors(changed) == []
    assert rotation.sentence(changed, date(2026, 5, 1)).endswith(
        "the partnership chair is the Police DSP, Jo Example, and the deputy chair is the Interim Leicestershire DSP, Sharon Cooke.")
    assert names(rotation.period_for(changed, date(2027, 5, 1)).deputies) == ["Jo Example"]
