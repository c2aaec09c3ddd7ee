"""The amendments log: model, checks (each bad input -> one exact line), grouping, the
chapter history and badges derived from it, and the feeds."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from markupsafe import Markup

from procedures.amendments import log as am
from procedures.amendments import outputs as out
from procedures.core.site import load_site
from tests.conftest import REPO
from tests.helpers import edit, line_of

TODAY = date(2026, 11, 26)
LOG = "data/amendments.yml"

MINI_LOG = """\
# a small log for tests (comments must survive procedures amend)
next_update: May 2027

releases:
  - date: 2024-03-31
    title: 2023-24 revisions
    entries:
      - chapter: "2.4"
        change: updated
        summary: Revised after local reviews.
      - chapter: "1.10"
        change: updated
        summary: Refreshed the procedure and its flowchart.
  - date: 2026-11-01
    entries:
      - chapter: "3.1"
        change: new
        summary: New practice principles.
      - chapter: "2.14"
        change: updated
        summary: Rewritten for the new website.
      - chapter: "1.4.3"
        change: removed
        summary: The 2013 procedure is archived.
"""


def mini_project(project: Path) -> Path:
    (project / LOG).write_text(MINI_LOG, encoding="utf-8")
    for year in (2022, 2023):  # the mini log has releases in 2024 and 2026 only
        page = project / f"docs/amendments/{year}.md"
        if page.exists():
            page.unlink()
    return project


@pytest.fixture
def mini(project_copy: Path) -> Path:
    return mini_project(project_copy)


def errs(project: Path, today: date = TODAY) -> list[str]:
    return [str(p) for p in load_site(project, today=today).report.errors]


def mine(project: Path, today: date = TODAY) -> list[str]:
    return [e for e in errs(project, today) if e.startswith((LOG, "docs/amendments/", am.URL_MANIFEST))]


# --- good data ---------------------------------------------------------------------------------

def test_real_log_loads_and_covers_the_seeded_history():
    site = load_site(REPO)
    problems = [str(p) for p in site.report.errors if p.file in (LOG, am.URL_MANIFEST) or p.file.startswith("docs/amendments/")]
    assert problems == []
    data = site.data["amendments"]
    dates = [r.date for r in data.releases]
    assert dates == sorted(dates)
    assert dates[:3] == [date(2022, 3, 31), date(2023, 9, 30), date(2024, 3, 31)]
    by_date = {r.date: r for r in data.releases}
    revised_2024 = {e.chapter for e in by_date[date(2024, 3, 31)].entries}
    # every chapter the 2023-24 annual report names as revised (seed-facts D3)
    assert revised_2024 == {"1.1", "1.3", "1.6", "1.8", "1.10", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8",
                            "2.9", "2.10", "2.11", "2.12", "3.3", "4.1"}
    fathers = by_date[date(2023, 9, 30)].entries
    assert [(e.chapter, e.change) for e in fathers] == [("3.1", "new")]
    assert {e.chapter for e in by_date[date(2022, 3, 31)].entries} == {"2.18", "3.2", "2.14", "1.10", "1.4", "2.1", "2.13"}
    assert data.next_update_month > dates[-1]


def test_mini_log_is_valid(mini):
    assert mine(mini) == []


def test_grouping_newest_first_and_by_change(mini):
    site = load_site(mini, today=TODAY)
    rels = am.newest_first(site)
    assert [r.date for r in rels] == [date(2026, 11, 1), date(2024, 3, 31)]
    latest = rels[0]
    assert [(change, title, [e.code for e in items]) for change, title, items in latest.groups()] == [
        ("new", "New chapters", ["3.1"]),
        ("updated", "Updated chapters", ["2.14"]),
        ("removed", "Removed chapters", ["1.4.3"]),
    ]
    assert latest.counts() == "1 new chapter, 1 updated chapter, 1 removed chapter"
    assert latest.heading == "November 2026 update"  # no title: month and year
    assert rels[1].heading == "2023-24 revisions"
    assert latest.anchor == "release-2026-11-01"
    assert am.latest_year(site) == 2026
    assert am.archive_years(site) == [2024]
    removed = latest.groups()[2][2][0]
    assert removed.chapter.status == "archived" and removed.replacement.id == "2.4"


def test_each_chapter_gets_its_history_newest_first(mini):
    site = load_site(mini, today=TODAY)
    ch = {c.id: c for c in site.chapters}
    history = ch["2.4"].extra["amendments"]
    assert [(a.date, a.label, a.date_label, a.summary) for a in history] == [
        (date(2024, 3, 31), "Updated March 2024", "31 March 2024", "Revised after local reviews."),
    ]
    assert [a.label for a in ch["1.4.3"].extra["amendments"]] == ["Removed November 2026"]
    assert [a.label for a in ch["3.1"].extra["amendments"]] == ["Added November 2026"]
    assert ch["1.1"].extra["amendments"] == []


def test_badges_come_from_the_latest_release_only(mini):
    site = load_site(mini, today=TODAY)
    status = {c.id: c.extra.get("nav_status") for c in site.chapters if c.extra.get("nav_status")}
    assert status == {"3.1": "new", "2.14": "updated"}  # not 2.4 (older release), not 1.4.3 (removed)
    badge = next(c for c in site.chapters if c.id == "3.1").extra["badge"]
    assert isinstance(badge, Markup)
    assert str(badge) == ('<span class="amend-badge amend-badge--new">New<span class="amend-badge__when">'
                          ' in the November 2026 update</span></span>')


def test_a_later_release_moves_the_badges(mini):
    with (mini / LOG).open("a", encoding="utf-8") as f:
        f.write("""\
  - date: 2026-11-20
    entries:
      - chapter: "2.4"
        change: renamed
        summary: Renamed to match national guidance.
""")
    assert mine(mini) == []
    site = load_site(mini, today=TODAY)
    assert {c.id: c.extra["nav_status"] for c in site.chapters if c.extra.get("nav_status")} == {"2.4": "updated"}


# --- bad inputs: each one exact line -------------------------------------------------------------

def _case(mini: Path, old: str, new: str, needle: str) -> int:
    edit(mini, LOG, old, new)
    return line_of(mini, LOG, needle)


def test_unknown_chapter(mini):
    n = _case(mini, 'chapter: "2.14"', 'chapter: "2.94"', '"2.94"')
    assert mine(mini) == [f"{LOG}:{n}: chapter '2.94' does not exist — did you mean 2.9?"]


def test_unknown_chapter_without_a_close_match(mini):
    n = _case(mini, 'chapter: "2.14"', 'chapter: "CP-99"', '"CP-99"')
    assert mine(mini) == [f"{LOG}:{n}: chapter 'CP-99' does not exist — check the id in the manual's contents"]


def test_chapter_id_in_the_wrong_form(mini):
    n = _case(mini, 'chapter: "2.14"', "chapter: neglect", "chapter: neglect")
    assert mine(mini) == [f"{LOG}:{n}: 'neglect' is not a chapter id — ids look like 1.5 or 2.13 (quote them: \"1.5\")"]


def test_unsorted_releases(mini):
    n = _case(mini, "  - date: 2026-11-01", "  - date: 2023-01-15", "2023-01-15")
    assert mine(mini) == [
        f"{LOG}:{n}: the release dated 2023-01-15 comes after one dated 2024-03-31 — keep releases in date order, "
        "oldest first (new releases go at the end of the file)",
        # 2024 is now the newest year, so the 2023 release belongs on a 2023 archive page
        f"{LOG}:{n}: releases from 2023 need an archive page — create docs/amendments/2023.md (copy another year's page "
        "and change the year)",
    ]


def test_two_releases_on_one_date(mini):
    edit(mini, LOG, "  - date: 2026-11-01", "  - date: 2024-03-31")
    second = [i for i, t in enumerate((mini / LOG).read_text().splitlines(), 1) if t == "  - date: 2024-03-31"][1]
    assert mine(mini) == [f"{LOG}:{second}: two releases are dated 2024-03-31 — put all of that day's entries in one release"]


def test_release_dated_after_today(mini):
    n = _case(mini, "  - date: 2026-11-01", "  - date: 2026-12-25", "2026-12-25")
    assert mine(mini) == [
        f"{LOG}:{n}: the release dated 2026-12-25 is after today (2026-11-26) — a release is recorded when it is "
        "published; correct the date"
    ]


def test_future_date_follows_source_date_epoch(mini, monkeypatch):
    from procedures.core.dates import epoch_for

    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch_for(date(2026, 10, 1)))
    found = [str(p) for p in load_site(mini).report.errors if p.file == LOG]
    n = line_of(mini, LOG, "2026-11-01")
    assert found == [f"{LOG}:{n}: the release dated 2026-11-01 is after today (2026-10-01) — a release is recorded "
                     "when it is published; correct the date"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch_for(date(2026, 11, 1)))
    assert [str(p) for p in load_site(mini).report.errors if p.file == LOG] == []


def test_duplicate_entry_in_a_release(mini):
    edit(mini, LOG, '      - chapter: "1.10"\n', '      - chapter: "2.4"\n')
    lines = [i for i, t in enumerate((mini / LOG).read_text().splitlines(), 1) if t == '      - chapter: "2.4"']
    assert mine(mini) == [
        f"{LOG}:{lines[1]}: duplicate entry: chapter 2.4 is already listed as 'updated' in this release "
        f"(line {lines[0]}) — keep one entry and merge the summaries"
    ]


def test_duplicate_summary_across_releases(mini):
    edit(mini, LOG, "        summary: Rewritten for the new website.", "        summary: Revised after local reviews.")
    edit(mini, LOG, 'chapter: "2.14"', 'chapter: "2.4"')
    lines = [i for i, t in enumerate((mini / LOG).read_text().splitlines(), 1) if "Revised after local reviews." in t]
    assert mine(mini) == [
        f"{LOG}:{lines[1]}: duplicate entry: the same 'updated' summary for chapter 2.4 is already recorded "
        f"(line {lines[0]}) — describe what changed in this release"
    ]


def test_summary_too_long(mini):
    long = "x" * 301
    n = _case(mini, "summary: Rewritten for the new website.", f"summary: {long}", long)
    assert mine(mini) == [f"{LOG}:{n}: 'summary' is too long (301 characters; at most 300) — shorten it"]


def test_summary_of_exactly_300_characters_is_fine(mini):
    edit(mini, LOG, "summary: Rewritten for the new website.", "summary: " + "x" * 300)
    assert mine(mini) == []


def test_summary_empty(mini):
    n = _case(mini, "summary: Rewritten for the new website.", 'summary: ""', 'summary: ""')
    assert mine(mini) == [f"{LOG}:{n}: 'summary' must not be empty — write a value after 'summary:'"]


def test_unknown_change(mini):
    n = _case(mini, "change: new", "change: added", "change: added")
    assert mine(mini) == [f"{LOG}:{n}: 'change' must be one of 'new', 'updated', 'removed' or 'renamed' (found 'added')"]


def test_release_date_in_the_wrong_form(mini):
    n = _case(mini, "  - date: 2026-11-01", "  - date: 01/11/2026", "01/11/2026")
    assert mine(mini) == [f"{LOG}:{n}: 'date' must be a date written as YYYY-MM-DD, e.g. 2024-03-31 (found '01/11/2026') "
                          "— write dates as 2024-03-31"]


def test_unknown_key_in_an_entry(mini):
    n = _case(mini, "        summary: New practice principles.\n",
              "        summary: New practice principles.\n        sumary: typo\n", "sumary: typo")  # codespell:ignore
    assert mine(mini) == [f"{LOG}:{n}: unknown key 'sumary' — allowed keys: chapter, change, summary, previous_id, "  # codespell:ignore
                          "previous_url, replaced_by, title"]


def test_draft_chapter(mini):
    n = _case(mini, 'chapter: "2.14"', 'chapter: "3.4"', '"3.4"')
    assert mine(mini) == [f"{LOG}:{n}: chapter 3.4 is a draft and is not published — record the entry when the chapter is published"]


def test_removed_chapter_still_published(mini):
    edit(mini, LOG, '      - chapter: "1.4.3"\n        change: removed', '      - chapter: "2.14"\n        change: removed')
    n = line_of(mini, LOG, "change: removed")
    assert mine(mini) == [
        f"{LOG}:{n}: chapter 2.14 is still published — set 'status: archived' and 'superseded_by' in its front matter, "
        "or delete the page and give previous_url and replaced_by"
    ]


def test_removed_chapter_without_page_needs_a_redirect(mini):
    edit(mini, LOG, '      - chapter: "1.4.3"\n', '      - chapter: "1.4.4"\n')
    n = line_of(mini, LOG, '"1.4.4"')
    assert mine(mini) == [
        f"{LOG}:{n}: chapter 1.4.4 has no page any more — add previous_url, replaced_by, title so old links lead to the "
        "chapter that replaced it (or restore the page with 'status: archived')"
    ]


def test_removed_chapter_without_page_but_with_redirect_is_fine(mini):
    edit(mini, LOG, '      - chapter: "1.4.3"\n', '      - chapter: "1.4.4"\n        previous_url: manual/old-procedure/\n'
         '        replaced_by: "2.4"\n        title: An old procedure\n')
    assert mine(mini) == []
    site = load_site(mini, today=TODAY)
    assert [(url, t.url) for url, t in am.redirects(site)] == [("manual/old-procedure/", "manual/children-of-parents-who-misuse-substances/")]


def test_archived_chapter_cannot_be_updated_after_its_removal(mini):
    with (mini / LOG).open("a", encoding="utf-8") as f:
        f.write('  - date: 2026-11-20\n    entries:\n      - chapter: "1.4.3"\n        change: updated\n'
                '        summary: Corrected a typo.\n')
    n = len((mini / LOG).read_text().splitlines()) - 1
    assert mine(mini) == [
        f"{LOG}:{n}: chapter 1.4.3 is archived, so it cannot be 'updated' — record it as 'removed' (its page stays, "
        "with an archived banner)"
    ]


def test_previous_url_that_is_still_a_page(mini):
    edit(mini, LOG, "        change: updated\n        summary: Rewritten for the new website.\n",
         "        change: renamed\n        summary: Rewritten for the new website.\n        previous_url: manual/domestic-abuse/\n")
    n = line_of(mini, LOG, "previous_url:")
    assert mine(mini) == [
        f"{LOG}:{n}: previous_url 'manual/domestic-abuse/' is still a page on this site (docs/manual/domestic-abuse.md) "
        "— a redirect there would hide it; give the address the chapter had before"
    ]


def test_previous_url_must_be_an_address_on_this_site(mini):
    edit(mini, LOG, "        change: updated\n        summary: Rewritten for the new website.\n",
         "        change: renamed\n        summary: Rewritten for the new website.\n        previous_url: https://llrscb.proceduresonline.com/x.html\n")
    n = line_of(mini, LOG, "previous_url:")
    assert mine(mini) == [
        f"{LOG}:{n}: previous_url must be the old address on this site, written like manual/old-name/ "
        "(found 'https://llrscb.proceduresonline.com/x.html')"
    ]


def test_previous_url_only_on_renamed_or_removed(mini):
    edit(mini, LOG, "        summary: Rewritten for the new website.\n",
         "        summary: Rewritten for the new website.\n        previous_url: manual/old/\n")
    n = line_of(mini, LOG, 'chapter: "2.14"')
    assert mine(mini) == [
        f"{LOG}:{n}: previous_id and previous_url belong to 'renamed' or 'removed' entries, not 'updated' — remove them "
        "or change the entry"
    ]


def test_previous_id_reused(mini):
    edit(mini, LOG, "        change: updated\n        summary: Rewritten for the new website.\n",
         "        change: renamed\n        summary: Rewritten for the new website.\n        previous_id: \"2.15\"\n")
    n = line_of(mini, LOG, "previous_id:")
    assert mine(mini) == [
        f"{LOG}:{n}: previous_id '2.15' is the id of docs/manual/domestic-abuse.md — ids are never reused; check the old id"
    ]


def test_next_update_in_the_wrong_form(mini):
    n = _case(mini, "next_update: May 2027", "next_update: 2027-05", "next_update:")
    assert mine(mini) == [f"{LOG}:{n}: next_update must be a month and year, e.g. May 2027 (found '2027-05')"]


def test_next_update_before_the_latest_release(mini):
    n = _case(mini, "next_update: May 2027", "next_update: March 2024", "next_update:")
    assert mine(mini) == [
        f"{LOG}:{n}: next_update (March 2024) is before the latest release (November 2026) — give the month of the next "
        "planned update"
    ]


def test_next_update_passed_is_a_warning(mini):
    edit(mini, LOG, "next_update: May 2027", "next_update: November 2026")
    site = load_site(mini, today=date(2027, 1, 10))
    n = line_of(mini, LOG, "next_update:")
    assert [str(p) for p in site.report.problems if p.file == LOG] == [
        f"{LOG}:{n}: warning: next_update (November 2026) has passed — set the month of the next planned update"
    ]


def test_an_earlier_year_needs_its_archive_page(mini):
    (mini / "docs/amendments/2024.md").unlink()
    n = line_of(mini, LOG, "2024-03-31")
    assert mine(mini) == [
        f"{LOG}:{n}: releases from 2024 need an archive page — create docs/amendments/2024.md (copy another year's page "
        "and change the year)"
    ]


def test_an_archive_page_for_a_year_without_releases(project_copy):
    # the real log has no release in 2025
    (project_copy / "docs/amendments/2025.md").write_text(
        (project_copy / "docs/amendments/2024.md").read_text().replace("2024", "2025"), encoding="utf-8")
    assert mine(project_copy, date(2026, 12, 10)) == [  # after the latest real release
        "docs/amendments/2025.md:1: data/amendments.yml has no release in 2025 — correct the year in the file name or "
        "delete this page"
    ]


def test_an_archive_page_showing_another_year(mini):
    edit(mini, "docs/amendments/2024.md", "amendments_year(2024)", "amendments_year(2026)")
    n = line_of(mini, "docs/amendments/2024.md", "amendments_year(2026)")
    assert mine(mini) == [
        f"docs/amendments/2024.md:{n}: this page is for 2024 but shows amendments_year(2026) — make them the same"
    ]


def test_all_problems_are_reported_together(mini):
    # two cross-reference problems
    edit(mini, LOG, 'chapter: "2.14"', 'chapter: "CP-99"')
    edit(mini, LOG, "  - date: 2026-11-01", "  - date: 2026-12-01")
    assert mine(mini) == [
        f"{LOG}:{line_of(mini, LOG, '2026-12-01')}: the release dated 2026-12-01 is after today (2026-11-26) — a release "
        "is recorded when it is published; correct the date",
        f"{LOG}:{line_of(mini, LOG, 'CP-99')}: chapter 'CP-99' does not exist — check the id in the manual's contents",
    ]


def test_all_shape_problems_are_reported_together(mini):
    edit(mini, LOG, "summary: New practice principles.", "summary: " + "y" * 320)
    edit(mini, LOG, "change: new", "change: added")
    assert mine(mini) == [
        f"{LOG}:{line_of(mini, LOG, 'change: added')}: 'change' must be one of 'new', 'updated', 'removed' or 'renamed' (found 'added')",
        f"{LOG}:{line_of(mini, LOG, 'yyyy')}: 'summary' is too long (320 characters; at most 300) — shorten it",
    ]


def test_a_chapter_url_dropped_from_the_manifest(mini):
    (mini / am.URL_MANIFEST).write_text("# test manifest\n/\n/manual/neglect/\n/manual/old-name/\n", encoding="utf-8")
    assert mine(mini) == [
        f"{am.URL_MANIFEST}:4: /manual/old-name/ was published but this site no longer has a page there — add a "
        "'renamed' or 'removed' entry with previous_url: manual/old-name/ to data/amendments.yml so the old address "
        "redirects (or restore the page)"
    ]
    # a redirect from the log satisfies it
    edit(mini, LOG, "        change: updated\n        summary: Rewritten for the new website.\n",
         "        change: renamed\n        summary: Rewritten for the new website.\n        previous_url: manual/old-name/\n")
    assert mine(mini) == []


def test_a_new_chapter_not_in_the_manifest_is_a_warning(mini):
    (mini / am.URL_MANIFEST).write_text("/\n", encoding="utf-8")
    site = load_site(mini, today=TODAY)
    warnings = [str(p) for p in site.report.warnings if p.file == am.URL_MANIFEST]
    assert "urls.txt: warning: /manual/neglect/ (docs/manual/neglect.md) is not in urls.txt yet — run 'procedures urls " \
           "--update' and commit urls.txt" in warnings
    assert not any("transitional-safeguarding" in w for w in warnings)  # drafts are never published


# --- feeds ---------------------------------------------------------------------------------------

BASE = "https://procedures.example.org/"
A = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_has_one_entry_per_release_with_absolute_links(mini):
    site = load_site(mini, today=TODAY)
    root = ET.fromstring(out.atom_feed(site, BASE))
    assert root.tag == f"{A}feed"
    assert root.findtext(f"{A}updated") == "2026-11-01T00:00:00Z"
    assert root.find(f"{A}link[@rel='self']").get("href") == BASE + "feeds/amendments.xml"
    assert root.find(f"{A}author/{A}name").text == "LLR Policy and Procedures Group"
    entries = root.findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == ["November 2026 update", "2023-24 revisions"]
    assert [e.findtext(f"{A}id") for e in entries] == [BASE + "amendments/#release-2026-11-01",
                                                       BASE + "amendments/#release-2024-03-31"]
    # the 2024 release lives on its year's archive page
    assert [e.find(f"{A}link").get("href") for e in entries] == [BASE + "amendments/#release-2026-11-01",
                                                                 BASE + "amendments/2024/#release-2024-03-31"]
    assert entries[0].findtext(f"{A}summary") == "Published 1 November 2026: 1 new chapter, 1 updated chapter, 1 removed chapter."
    content = entries[0].find(f"{A}content")
    assert content.get("type") == "html"
    html = content.text
    assert f'<a href="{BASE}manual/neglect/">2.14 Neglect</a>: Rewritten for the new website.' in html
    assert f'<a href="{BASE}manual/engaging-fathers-and-male-carers/">' in html
    assert f'Use <a href="{BASE}manual/children-of-parents-who-misuse-substances/">2.4 Children of Parents who Misuse Substances</a> instead.' in html


def test_feed_text_is_escaped(mini):
    edit(mini, LOG, "summary: New practice principles.", "summary: 'New <script>alert(1)</script> & more'")
    site = load_site(mini, today=TODAY)
    atom = out.atom_feed(site, BASE)
    content = ET.fromstring(atom).find(f"{A}entry/{A}content").text
    assert "<script>" not in content and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in content


def test_json_feed(mini):
    site = load_site(mini, today=TODAY)
    feed = json.loads(out.json_feed(site, BASE))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == BASE + "feeds/amendments.json"
    assert [i["date_published"] for i in feed["items"]] == ["2026-11-01T00:00:00Z", "2024-03-31T00:00:00Z"]
    assert "- 2.14 Neglect: Rewritten for the new website.\n  https://procedures.example.org/manual/neglect/" in feed["items"][0]["content_text"]


def test_redirect_page_has_no_script_and_a_relative_target(mini):
    site = load_site(mini, today=TODAY)
    neglect = next(c for c in site.chapters if c.id == "2.14")
    html = out.redirect_html("manual/neglect-old/", am.Target(f"{neglect.id} {neglect.title}", neglect.url), BASE)
    assert '<meta http-equiv="refresh" content="0; url=../neglect/">' in html
    assert '<a href="../neglect/">2.14 Neglect</a>' in html
    assert '<link rel="canonical" href="https://procedures.example.org/manual/neglect/">' in html
    assert "<script" not in html
    assert out.relative_url("old.html", "manual/neglect/") == "manual/neglect/"
    assert out.relative_url("a/b/c/", "manual/neglect/") == "../../../manual/neglect/"


# --- pages other than chapters that move -----------------------------------------------------------

def _moved(mini: Path, old_url: str, new_page: str) -> None:
    edit(mini, LOG, "\nreleases:\n", f"\nmoved_pages:\n  - old_url: {old_url}\n    new_page: {new_page}\n\nreleases:\n")


def test_a_moved_page_redirects_to_its_new_page(mini):
    _moved(mini, "/thresholds/old-overview/", "thresholds/index.md")
    assert mine(mini) == []
    site = load_site(mini, today=TODAY)
    assert [(url, t.url) for url, t in am.redirects(site)] == [("thresholds/old-overview/", "thresholds/")]


def test_a_moved_page_must_lead_to_a_page_that_exists(mini):
    _moved(mini, "thresholds/old-overview/", "thresholds/overview.md")
    n = line_of(mini, LOG, "new_page:")
    assert mine(mini) == [f"{LOG}:{n}: new_page 'thresholds/overview.md' is not a published page in docs/ — write its "
                          "path inside docs/, e.g. thresholds/index.md"]


def test_a_moved_page_old_url_must_not_be_a_page(mini):
    _moved(mini, "glossary/", "thresholds/index.md")
    n = line_of(mini, LOG, "old_url:")
    assert mine(mini) == [f"{LOG}:{n}: old_url 'glossary/' is still a page on this site (docs/glossary.md) — a redirect "
                          "there would hide it"]


def test_gone_message_for_a_page_that_is_not_a_chapter():
    assert am.gone_message("/thresholds/levels/old/") == (
        "/thresholds/levels/old/ was published but this site no longer has a page there — add '- old_url: "
        "thresholds/levels/old/' with the new_page it moved to under moved_pages in data/amendments.yml so the old "
        "address redirects (or restore the page)")
