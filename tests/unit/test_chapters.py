"""Chapter front matter: the schema, cross-references and review state."""

from __future__ import annotations

from datetime import date

import pytest

from procedures.core.site import load_site
from procedures.manual.chapters import Chapter, id_sort_key, nav_entries, published
from tests.conftest import REPO  # noqa: I001
from tests.helpers import edit, errors, line_of

CH = "docs/manual/fixture-chapter.md"
FIXTURE = REPO / "tests" / "fixtures" / "fixture-chapter.md"


@pytest.fixture
def project_copy(project_copy):
    """The project with one extra chapter that only the tests own."""
    (project_copy / CH).write_text(FIXTURE.read_text())
    return project_copy


def test_real_manual_has_at_least_35_published_chapters_in_every_section():
    site = load_site(REPO)
    pub = published(site)
    assert len(pub) >= 35
    assert {c.meta.section for c in pub} == {s.key for s in site.data["sections"].sections}
    assert len({c.id for c in site.chapters}) == len(site.chapters)


def test_ids_sort_numerically():
    assert sorted(["1.10", "1.2", "1.1", "2.1", "1.4.3"], key=id_sort_key) == ["1.1", "1.2", "1.4.3", "1.10", "2.1"]


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ('related: ["1.6", "1.7"]', 'related: ["1.6", "9.99"]', "related:",
         "related chapter '9.99' does not exist — check the id in the contents"),
        ('id: "5.9"', 'id: "1.6"', 'id: "1.6"', None),  # duplicate id, message checked below
        ("next_review: 2027-11-01", "next_review: 2026-01-01", "next_review:",
         "next_review (2026-01-01) must be after last_reviewed (2026-11-01) — set a later next_review date"),
        ("scope: ", "scoop: ", "scoop:", "unknown key 'scoop' — allowed keys: id, title, section, summary, scope, owner, last_reviewed, next_review, status, related, legislation, guidance, keywords, at_a_glance, to_confirm, superseded_by, amendment, render_macros"),
        ("status: published", "status: live", "status: live",
         "'status' must be one of 'draft', 'published' or 'archived' (found 'live')"),
        ("last_reviewed: 2026-11-01", "last_reviewed: 01/11/2026", "last_reviewed:",
         "'last_reviewed' must be a date written as YYYY-MM-DD, e.g. 2024-03-31 (found '01/11/2026') — write dates as 2024-03-31"),
        ('section: "5"', 'section: "7"', "section:",
         "section '7' does not exist — known: 1, 2, 3, 4, 5 (see data/sections.yml)"),
        ("owner: ppg", "owner: ppgg", "owner:",
         "owner 'ppgg' is not a group in data/owners.yml — known: crg, maldg, ppg"),
        ('id: "5.9"', 'id: "one-five"', "id:",
         "'one-five' is not a chapter id — ids look like 1.5 or 2.13 (quote them: \"1.5\")"),
    ],
)
def test_bad_front_matter(project_copy, old, new, needle, message):
    edit(project_copy, CH, old, new)
    line = line_of(project_copy, CH, needle)
    found = errors(project_copy)
    if message is None:
        assert any(e.startswith(f"{CH}:{line}: chapter id '1.6' is already used by docs/manual/") or
                   e.startswith("docs/manual/child-protection-enquiries-section-47.md:") and "already used" in e
                   for e in found), found
    else:
        assert f"{CH}:{line}: {message}" in found, "\n".join(found)


def test_missing_field_names_the_field(project_copy):
    edit(project_copy, CH, "summary: ", "# summary: ")  # the key is commented out
    assert f"{CH}:2: 'summary' is required but missing — add 'summary:' with a value" in errors(project_copy)


def test_a_published_chapter_cannot_relate_to_a_draft(project_copy):
    edit(project_copy, CH, 'related: ["1.6", "1.7"]', 'related: ["1.6", "3.4"]')
    line = line_of(project_copy, CH, "related:")
    assert f"{CH}:{line}: related chapter '3.4' is a draft and will not be published — remove it until it is published" in errors(project_copy)


def test_archived_needs_a_live_successor(project_copy):
    arch = "docs/manual/children-of-drug-and-alcohol-misusing-parents.md"
    edit(project_copy, arch, 'superseded_by: "2.4"', 'superseded_by: "3.4"')
    line = line_of(project_copy, arch, "superseded_by")
    assert f"{arch}:{line}: superseded_by '3.4' is not published — readers must be sent to a live chapter" in errors(project_copy)


def test_macro_braces_in_prose_are_caught(project_copy):
    edit(project_copy, CH, "## 1. Introduction", "## 1. Introduction\n\nUse {{ name }} here.")
    line = line_of(project_copy, CH, "Use {{ name }}")
    assert any(e.startswith(f"{CH}:{line}: '{{{{' or '{{%' in prose") for e in errors(project_copy))


def test_review_state_uses_the_given_day():
    site = load_site(REPO, today=date(2027, 3, 1))
    ch: Chapter = next(c for c in site.chapters if c.id == "1.1")
    assert ch.meta.next_review == date(2027, 3, 31)
    assert ch.review_state(date(2027, 3, 1)) == "due-soon"
    assert ch.review_state(date(2027, 4, 1)) == "overdue"
    assert ch.review_state(date(1983, 1, 1)) == "current"
    assert any("review due on 2027-03-31 (within 60 days)" in w for w in map(str, site.report.warnings))


def test_nav_lists_published_chapters_only_in_section_order():
    site = load_site(REPO)
    nav = nav_entries(site)
    assert list(nav[0])[0] == "1 Core procedures for all children"
    labels = [next(iter(item)) for group in nav for items in group.values() for item in items]
    assert "1.10 Pre-Birth and Post Birth Planning" in labels
    assert labels.index("1.2 Referrals to Children's Social Care") < labels.index("1.10 Pre-Birth and Post Birth Planning")
    assert not any(label.startswith(("3.4 ", "1.4.3 ")) for label in labels)
