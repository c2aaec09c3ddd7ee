"""The editor commands through the real entry point (.venv/bin/procedures): exit codes,
messages and the files they write, on throw-away copies of the project."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from procedures.core.dates import epoch_for
from tests.conftest import REPO

EXE = Path(sys.executable).with_name("procedures")


def run(root: Path, *args: str, day: date | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    if day:
        env["SOURCE_DATE_EPOCH"] = epoch_for(day)
    cmd = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "procedures"]
    return subprocess.run([*cmd, "--root", str(root), *args], capture_output=True, text=True, env=env, timeout=300)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- help ---------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["--help"], ["check", "--help"], ["new", "--help"], ["new", "chapter", "--help"], ["new", "briefing", "--help"],
    ["review-due", "--help"], ["schemas", "--help"], ["build", "--help"], ["serve", "--help"],
])
def test_every_command_has_help(args):
    result = run(REPO, *args)
    assert result.returncode == 0, result.stderr
    assert "usage: procedures" in result.stdout


def test_help_lists_every_command():
    out = run(REPO, "--help").stdout
    for name in ("check", "build", "serve", "new", "review-due", "schemas", "amend", "digest", "pdf"):
        assert f"    {name}" in out, name


def test_wrong_usage_exits_2():
    assert run(REPO, "review-due", "--format", "xml").returncode == 2
    assert run(REPO, "new").returncode == 2
    assert run(REPO, "no-such-command").returncode == 2


# --- check ----------------------------------------------------------------------------------

def test_check_passes_on_the_real_project():
    result = run(REPO, "check")
    assert result.returncode == 0, result.stderr
    assert "All good:" in result.stdout and "links between pages checked" in result.stdout
    assert "Checking the links between" in result.stderr  # progress is shown


def test_check_reports_every_problem_one_line_each_and_exits_1(project_copy):
    edit(project_copy / "docs/manual/neglect.md", "(recognising-abuse-and-neglect.md)", "(recognising-abuse.md)")
    edit(project_copy / "data/contacts.yml", "    checked_on: 2026-12-06", "    checked_on: 06/12/2026")
    result = run(project_copy, "check")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith(("docs/", "data/"))]
    assert any(line.startswith("docs/manual/neglect.md:") and "did you mean 'recognising-abuse-and-neglect.md'?" in line for line in lines), result.stderr
    assert any(line.startswith("data/contacts.yml:") and "write dates as 2024-03-31" in line for line in lines), result.stderr
    assert "2 error(s)" in result.stderr


def test_check_warns_about_reviews_due_within_60_days(project_copy):
    # 2027-03-31 is the next review of many chapters: 30 days before, they are "due soon"
    result = run(project_copy, "check", day=date(2027, 3, 1))
    assert result.returncode == 0, result.stderr
    assert "docs/manual/neglect.md" not in result.stdout  # due 2027-11-01: not yet
    assert any(": warning: review due on 2027-03-31 (within 60 days)" in line for line in result.stdout.splitlines())


def test_check_warns_about_overdue_reviews_without_failing(project_copy):
    result = run(project_copy, "check", day=date(2027, 4, 2))
    assert result.returncode == 0, result.stderr  # a daily rebuild must not stop on a late review
    line = next(line for line in result.stdout.splitlines() if line.startswith("docs/manual/information-sharing.md:"))
    assert line.endswith(": warning: review overdue since 2027-03-31 — review it, then set last_reviewed and next_review")


# --- new chapter ----------------------------------------------------------------------------

def test_new_chapter_takes_the_next_free_id_and_passes_the_check(project_copy):
    result = run(project_copy, "new", "chapter", "Children and Gambling Harm", "--section", "2", day=date(2026, 12, 1))
    assert result.returncode == 0, result.stderr
    path = project_copy / "docs/manual/children-and-gambling-harm.md"
    text = path.read_text(encoding="utf-8")
    assert 'id: "2.57"' in text  # 2.1 … 2.56 exist
    assert "status: draft" in text
    assert "last_reviewed: 2026-12-01" in text and "next_review: 2027-12-01" in text
    assert "owner: ppg" in text
    assert "Created docs/manual/children-and-gambling-harm.md: chapter 2.57 Children and Gambling Harm" in result.stdout
    check = run(project_copy, "check")
    assert check.returncode == 0, check.stderr


def test_new_chapter_never_reuses_an_id_from_the_amendments_log(project_copy):
    """A removed chapter whose page was deleted lives on only in the log: its id stays used."""
    log = project_copy / "data/amendments.yml"
    assert log.exists(), "data/amendments.yml is missing: this test needs the amendments log"
    from procedures.core.site import load_site
    from procedures.editor.editing import next_free_id, used_ids

    site = load_site(project_copy)
    assert "1.4.3" in used_ids(site)  # an archived chapter's id stays used
    assert next_free_id(site, "1") == "1.24"
    assert next_free_id(site, "5") == "5.2"
    edit(log, '      - chapter: "1.4.3"\n        change: removed', '      - chapter: "1.24"\n        change: removed')
    (project_copy / "docs/manual/children-of-drug-and-alcohol-misusing-parents.md").unlink()
    result = run(project_copy, "new", "chapter", "Children and Gambling Harm", "--section", "1")
    assert 'id: "1.25"' in (project_copy / "docs/manual/children-and-gambling-harm.md").read_text(encoding="utf-8"), result.stdout


def test_a_published_chapter_still_holding_the_template_text_is_refused(project_copy):
    assert run(project_copy, "new", "chapter", "Children and Gambling Harm", "--section", "2").returncode == 0
    path = project_copy / "docs/manual/children-and-gambling-harm.md"
    edit(path, "status: draft", "status: published")
    result = run(project_copy, "check")
    assert result.returncode == 1
    assert "docs/manual/children-and-gambling-harm.md:8: 'summary' still holds the template's 'REPLACE THIS' text — write the real text, or keep 'status: draft'" in result.stderr


def test_new_chapter_with_a_summary_and_owner(project_copy):
    result = run(project_copy, "new", "chapter", "Children and the Family Courts: an overview", "--section", "4",
                 "--owner", "crg", "--summary", "How practitioners contribute to family court proceedings.", "--review-months", "6",
                 day=date(2026, 8, 31))
    assert result.returncode == 0, result.stderr
    text = (project_copy / "docs/manual/children-and-the-family-courts-an-overview.md").read_text(encoding="utf-8")
    assert 'title: "Children and the Family Courts: an overview"' in text  # a colon is quoted
    assert "owner: crg" in text and "next_review: 2027-02-28" in text
    assert "summary: How practitioners contribute to family court proceedings." in text
    assert run(project_copy, "check").returncode == 0


@pytest.mark.parametrize(("args", "message"), [
    (["--section", "9"], "section '9' does not exist — choose one of: 1 Core procedures for all children"),
    (["--section", "2", "--owner", "nobody"], "owner 'nobody' is not a group in data/owners.yml — choose one of: ppg"),
    (["--section", "2", "--summary", "Short"], "the summary must be one sentence of 10 to 250 characters"),
])
def test_new_chapter_refuses_bad_choices_and_writes_nothing(project_copy, args, message):
    before = sorted(p.name for p in (project_copy / "docs/manual").iterdir())
    result = run(project_copy, "new", "chapter", "Children and Gambling Harm", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert sorted(p.name for p in (project_copy / "docs/manual").iterdir()) == before


def test_new_chapter_never_overwrites_a_page(project_copy):
    original = (project_copy / "docs/manual/neglect.md").read_text(encoding="utf-8")
    result = run(project_copy, "new", "chapter", "Neglect", "--section", "2")
    assert result.returncode == 2
    assert "docs/manual/neglect.md already exists" in result.stderr
    assert (project_copy / "docs/manual/neglect.md").read_text(encoding="utf-8") == original


# --- new briefing ---------------------------------------------------------------------------

def test_new_briefing_has_seven_sections_and_passes_the_check(project_copy):
    assert (project_copy / "data/briefing-themes.yml").exists(), "data/briefing-themes.yml is missing"
    result = run(project_copy, "new", "briefing", "Safer sleep for twins", "--theme", "safeguarding-babies",
                 "--source", "rapid-review", day=date(2026, 12, 2))
    assert result.returncode == 0, result.stderr
    text = (project_copy / "docs/briefings/safer-sleep-for-twins.md").read_text(encoding="utf-8")
    assert text.count("\n## ") == 7
    assert "published: 2026-12-02" in text and "themes: [safeguarding-babies]" in text and "status: draft" in text
    assert run(project_copy, "check").returncode == 0


def test_new_briefing_refuses_an_unknown_theme(project_copy):
    assert (project_copy / "data/briefing-themes.yml").exists(), "data/briefing-themes.yml is missing"
    result = run(project_copy, "new", "briefing", "Safer sleep for twins", "--theme", "babies", "--source", "rapid-review")
    assert result.returncode == 2
    assert "theme 'babies' is not in data/briefing-themes.yml — choose from:" in result.stderr
    assert not (project_copy / "docs/briefings/safer-sleep-for-twins.md").exists()


# --- review-due -----------------------------------------------------------------------------

def test_review_due_table_lists_overdue_and_due_soon_only(project_copy):
    edit(project_copy / "docs/manual/neglect.md", "next_review: 2027-11-01", "next_review: 2027-02-01")
    result = run(project_copy, "review-due", day=date(2027, 3, 1))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Next", "review", "State", "Code", "Title", "Owner", "File"]
    neglect = next(line for line in lines if "docs/manual/neglect.md" in line)
    assert neglect.split()[:3] == ["2027-02-01", "Overdue", "2.14"]
    assert lines[2].startswith("2027-02-01"), "the most overdue review comes first"
    assert any(line.split()[:3] == ["2027-03-31", "Due", "soon"] for line in lines)
    assert not any("2027-11-01" in line for line in lines)
    assert "1 overdue" in result.stdout


def test_review_due_csv_for_a_spreadsheet(project_copy):
    result = run(project_copy, "review-due", "--within", "365", "--format", "csv", day=date(2027, 1, 1))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and set(rows[0]) == {"next_review", "state", "type", "code", "title", "owner", "last_reviewed", "file"}
    dates = [r["next_review"] for r in rows]
    assert dates == sorted(dates)
    assert {"2027-03-31", "2027-11-01"} <= set(dates)
    neglect = next(r for r in rows if r["code"] == "2.14")
    assert neglect == {**neglect, "state": "Due soon", "type": "chapter", "title": "Neglect",
                       "owner": "LLR Policy and Procedures Group", "file": "docs/manual/neglect.md"}


def test_review_due_says_when_nothing_is_due(project_copy):
    result = run(project_copy, "review-due", "--within", "10", day=date(2026, 12, 1))
    assert result.returncode == 0
    assert result.stdout.strip() == "Nothing is overdue or due for review within 10 days of 2026-12-01."


# --- schemas ---------------------------------------------------------------------------------

def test_schemas_check_passes_on_the_committed_schemas():
    result = run(REPO, "schemas", "--check")
    assert result.returncode == 0, result.stderr + "\nRun: .venv/bin/procedures schemas"


def test_schemas_check_fails_when_stale_and_schemas_repairs_it(project_copy):
    for name in ("schemas", ".vscode"):
        shutil.copytree(REPO / name, project_copy / name)
    assert run(project_copy, "schemas", "--check").returncode == 0
    target = project_copy / "schemas/contacts.schema.json"
    target.write_text(target.read_text(encoding="utf-8").replace('"format": "date"', '"format": "text"'), encoding="utf-8")
    (project_copy / "schemas/old.schema.json").write_text("{}", encoding="utf-8")
    stale = run(project_copy, "schemas", "--check")
    assert stale.returncode == 1
    assert "schemas/contacts.schema.json: out of date — run 'procedures schemas' and commit the result" in stale.stderr
    assert "schemas/old.schema.json: no model any more" in stale.stderr
    fixed = run(project_copy, "schemas")
    assert fixed.returncode == 0 and "wrote schemas/contacts.schema.json" in fixed.stdout
    assert not (project_copy / "schemas/old.schema.json").exists()
    assert run(project_copy, "schemas", "--check").returncode == 0
