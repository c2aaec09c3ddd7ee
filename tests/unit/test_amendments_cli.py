"""`procedures amend`, `procedures digest` and `procedures urls`, run through the real
`procedures` entry point on throw-away copies of the project."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from procedures.amendments import log as am
from procedures.core.dates import epoch_for
from procedures.core.site import load_site
from tests.unit.test_amendments import LOG, MINI_LOG, mini_project

PROCEDURES = str(Path(sys.executable).parent / "procedures")


# a day after the latest release in the real amendments log, for tests on a copy of the real project
LATEST = date(2026, 12, 10)


def run(project: Path, *args: str, today: date = date(2026, 11, 26)) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch_for(today))
    return subprocess.run([PROCEDURES, "--root", str(project), *args], capture_output=True, text=True, env=env,
                          timeout=300)


@pytest.fixture
def mini(project_copy: Path) -> Path:
    return mini_project(project_copy)


def log_text(project: Path) -> str:
    return (project / LOG).read_text(encoding="utf-8")


def entries(project: Path, today: date = date(2026, 11, 26)):
    site = load_site(project, today=today)
    assert [str(p) for p in site.report.errors if p.file == LOG] == []
    return [(r.date, r.title, [(e.chapter, e.change, e.summary) for e in r.entries]) for r in site.data["amendments"].releases]


# --- amend ---------------------------------------------------------------------------------------

def test_amend_adds_to_todays_release_and_keeps_every_comment(mini):
    r = run(mini, "amend", "2.5", "--change", "updated", "--summary", "Clarified: who attends the review.",
            today=date(2026, 11, 1))
    assert r.returncode == 0, r.stderr
    assert r.stdout == "Chapter 2.5 (updated) added to the release dated 2026-11-01 in data/amendments.yml.\n"
    after = log_text(mini)
    assert after.startswith(MINI_LOG)  # nothing before the new text changed: comments, layout, quotes
    assert after[len(MINI_LOG):] == ('      - chapter: "2.5"\n        change: updated\n'
                                     '        summary: "Clarified: who attends the review."\n')
    assert entries(mini)[-1][2][-1] == ("2.5", "updated", "Clarified: who attends the review.")


def test_amend_starts_a_new_release_with_a_title(mini):
    r = run(mini, "amend", "2.4", "--change", "updated", "--summary", "Added the new referral form.",
            "--title", "November 2026 corrections")
    assert r.returncode == 0, r.stderr
    assert log_text(mini)[len(MINI_LOG):] == (
        '\n  - date: 2026-11-26\n    title: "November 2026 corrections"\n    entries:\n'
        '      - chapter: "2.4"\n        change: updated\n        summary: "Added the new referral form."\n')
    assert entries(mini)[-1] == (date(2026, 11, 26), "November 2026 corrections",
                                 [("2.4", "updated", "Added the new referral form.")])
    # the badge moves to the new release
    site = load_site(mini, today=date(2026, 11, 26))
    assert {c.id for c in site.chapters if c.extra.get("nav_status")} == {"2.4"}


def test_amend_in_a_new_year_creates_the_archive_page_for_the_last_one(mini):
    assert not (mini / "docs/amendments/2026.md").exists()
    r = run(mini, "amend", "2.4", "--change", "updated", "--summary", "First update of 2027.", today=date(2027, 1, 15))
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "Created docs/amendments/2026.md for the releases of an earlier year.",
        "Chapter 2.4 (updated) added as a new release dated 2027-01-15 in data/amendments.yml.",
    ]
    page = (mini / "docs/amendments/2026.md").read_text(encoding="utf-8")
    assert "{{ amendments_year(2026) }}" in page
    site = load_site(mini, today=date(2027, 1, 15))
    assert [str(p) for p in site.report.errors if p.file.startswith(("data/amendments", "docs/amendments"))] == []
    assert am.archive_years(site) == [2026, 2024]


def test_amend_unknown_chapter_changes_nothing(mini):
    r = run(mini, "amend", "2.94", "--change", "updated", "--summary", "x")
    assert r.returncode == 1
    assert r.stderr.splitlines() == [
        "chapter '2.94' does not exist — did you mean 2.9? (see data/amendments.yml)",
        "Nothing was changed in data/amendments.yml.",
    ]
    assert log_text(mini) == MINI_LOG


def test_amend_checks_the_result_before_saving(mini):
    summary = "z" * 301
    r = run(mini, "amend", "2.4", "--change", "updated", "--summary", summary)
    assert r.returncode == 1
    would_be_line = len(MINI_LOG.splitlines()) + 6  # after: blank line, date, entries, chapter, change, summary
    assert r.stderr.splitlines() == [
        f"data/amendments.yml:{would_be_line}: 'summary' is too long (301 characters; at most 300) — shorten it",
        "The entry was not added: fix the problem above and run the command again. Nothing was changed in data/amendments.yml.",
    ]
    assert log_text(mini) == MINI_LOG


def test_amend_refuses_a_duplicate(mini):
    r = run(mini, "amend", "2.14", "--change", "updated", "--summary", "Again.", today=date(2026, 11, 1))
    assert r.returncode == 1
    assert "duplicate entry: chapter 2.14 is already listed as 'updated' in this release (line 19)" in r.stderr
    assert log_text(mini) == MINI_LOG


def test_amend_refuses_a_date_before_the_latest_release(mini):
    r = run(mini, "amend", "2.4", "--change", "updated", "--summary", "Late.", "--date", "2025-01-01")
    assert r.returncode == 1
    assert r.stderr.splitlines()[0] == ("the latest release is dated 2026-11-01; a new entry goes in that release or a "
                                        "later one (use --date)")
    assert log_text(mini) == MINI_LOG


def test_amend_rejects_a_badly_written_date(mini):
    r = run(mini, "amend", "2.4", "--change", "updated", "--summary", "x", "--date", "31/03/2024")
    assert r.returncode == 2
    assert "write dates as YYYY-MM-DD, e.g. 2024-03-31 (found '31/03/2024')" in r.stderr


def test_amend_sets_next_update_and_keeps_the_line_comment(mini):
    (mini / LOG).write_text(MINI_LOG.replace("next_update: May 2027", "next_update: May 2027  # six-monthly"),
                            encoding="utf-8")
    r = run(mini, "amend", "2.4", "--change", "updated", "--summary", "Tidied.", "--next-update", "June 2027")
    assert r.returncode == 0, r.stderr
    assert "next_update: June 2027  # six-monthly\n" in log_text(mini)
    assert load_site(mini, today=date(2026, 11, 26)).data["amendments"].next_update == "June 2027"


def test_amend_renamed_with_previous_url_makes_a_redirect(mini):
    r = run(mini, "amend", "2.14", "--change", "renamed", "--summary", "Renamed from Neglect of children.",
            "--previous-url", "manual/neglect-of-children/")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1] == "The old address will redirect to the chapter after the next build."
    site = load_site(mini, today=date(2026, 11, 26))
    assert [(old, t.url) for old, t in am.redirects(site)] == [("manual/neglect-of-children/", "manual/neglect/")]


def test_amend_dry_run_changes_nothing(mini):
    r = run(mini, "amend", "2.4", "--change", "updated", "--summary", "Preview only.", "--dry-run")
    assert r.returncode == 0, r.stderr
    assert '      - chapter: "2.4"\n' in r.stdout and "Preview only." in r.stdout
    assert log_text(mini) == MINI_LOG


def test_amend_needs_releases_last(mini):
    (mini / LOG).write_text(MINI_LOG.replace("next_update: May 2027\n", "") + "next_update: May 2027\n", encoding="utf-8")
    r = run(mini, "amend", "2.4", "--change", "updated", "--summary", "x")
    assert r.returncode == 1
    assert r.stderr.splitlines()[0] == ("'releases:' must be the last section of data/amendments.yml so that new entries "
                                        "can be added at the end — move it there")


# --- digest --------------------------------------------------------------------------------------

def test_digest_writes_html_and_text(mini, tmp_path):
    out = tmp_path / "digest"
    r = run(mini, "digest", "--since", "2025-01-01", "--out", str(out))
    assert r.returncode == 0, r.stderr
    html = (out / "amendments-digest-2025-01-01.html").read_text(encoding="utf-8")
    text = (out / "amendments-digest-2025-01-01.txt").read_text(encoding="utf-8")
    # only the 2026 release (the 2024 one is before --since)
    assert "November 2026 update" in html and "2023-24 revisions" not in html
    assert '<a href="https://procedures.example.org/manual/neglect/" style="color:#1d4f91;">2.14 Neglect</a>: Rewritten for the new website.' in html
    assert "<script" not in html and "<link" not in html  # email clients: no scripts, no external CSS
    assert text.splitlines()[:3] == ["Changes to the LLR safeguarding children procedures",
                                     "From 1 January 2025 to 26 November 2026", ""]
    assert "- 2.14 Neglect: Rewritten for the new website.\n  https://procedures.example.org/manual/neglect/\n" in text
    assert "Removed chapters:\n- 1.4.3 Children of Drug and Alcohol Misusing Parents: The 2013 procedure is archived.\n" \
           "  Use 2.4 Children of Parents who Misuse Substances instead: " \
           "https://procedures.example.org/manual/children-of-parents-who-misuse-substances/\n" in text
    assert "Next update due: May 2027" in text


def test_digest_with_nothing_new_writes_nothing(mini, tmp_path):
    out = tmp_path / "digest"
    r = run(mini, "digest", "--since", "2026-11-02", "--out", str(out))
    assert r.returncode == 0
    assert r.stdout == "No amendments were published from 2 November 2026 to 26 November 2026: no digest written.\n"
    assert not out.exists()


# --- urls ----------------------------------------------------------------------------------------

@pytest.mark.slow
def test_urls_update_check_and_a_page_that_disappears(project_copy):
    project = project_copy
    (project / "docs/extra-page.md").write_text("# An extra page\n\nSome text for the test.\n", encoding="utf-8")
    r = run(project, "urls", "--update", today=LATEST)
    assert r.returncode == 0, r.stderr
    listed = [u for _, u in am.read_manifest(project / am.URL_MANIFEST)]
    assert {"/", "/extra-page/", "/manual/neglect/", "/feeds/amendments.xml", "/amendments/register/"} <= set(listed)
    assert not any("transitional-safeguarding" in u for u in listed)  # a draft is never published

    (project / "docs/extra-page.md").unlink()
    n = next(n for n, u in am.read_manifest(project / am.URL_MANIFEST) if u == "/extra-page/")
    r = run(project, "urls", today=LATEST)
    assert r.returncode == 1
    gone = (f"urls.txt:{n}: /extra-page/ was published but this site no longer has a page there — add '- old_url: "
            "extra-page/' with the new_page it moved to under moved_pages in data/amendments.yml so the old address "
            "redirects (or restore the page)")
    assert gone in r.stderr.splitlines()
    r = run(project, "urls", "--update", today=LATEST)
    assert r.returncode == 1 and gone in r.stderr.splitlines()
    assert "/extra-page/" in (project / am.URL_MANIFEST).read_text()
    r = run(project, "urls", "--update", "--forget", "/extra-page/", today=LATEST)
    assert r.returncode == 0, r.stderr
    assert "/extra-page/" not in (project / am.URL_MANIFEST).read_text()
