"""Editions without a build: the word diff, links and macros in an old text, the edition
in force on a date (boundaries), the edition tag checks (each bad input -> one line),
the clone checks (shallow, missing tag, not a clone) and `procedures release` refusals."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from procedures.core.site import load_site
from procedures.editions import history as hist
from procedures.editions.diff import changed_only, diff_markdown
from procedures.editions.history import Edition, HistoryError, in_force, ranges
from procedures.editions.pages import replace_macros, rewrite_links
from procedures.editions.release import tag_for
from tests.editions_fixture import git, run, today
from tests.helpers import edit, line_of
from tests.unit.test_amendments import LOG, TODAY, mini_project

# --- the diff ------------------------------------------------------------------------------------


def test_diff_marks_exactly_the_changed_words():
    d = diff_markdown("The conference is held within 15 days.\n", "The conference must be held within 15 working days.\n")
    assert d.deleted == ["is"]
    assert d.inserted == ["must be", "working"]
    assert '<del><span class="diff-sr">deleted: </span>is</del>' in d.markdown
    assert '<ins><span class="diff-sr">inserted: </span>working</ins> days.' in d.markdown


def test_diff_keeps_headings_lists_and_tables_intact():
    old = "## 1. Intro\n\n- one\n- two\n\n| a | b |\n| --- | --- |\n| x | y |\n"
    new = "## 1. Introduction\n\n- one\n- two\n- three\n\n| a | b |\n| --- | --- |\n| x | z |\n"
    d = diff_markdown(old, new)
    lines = d.markdown.splitlines()
    assert lines[0].startswith("## 1. <del>")  # the heading marker stays outside the marks
    assert "- <ins><span class=\"diff-sr\">inserted: </span>three</ins>" in lines
    assert "| --- | --- |" in lines
    assert lines[-1] == '| x | <del><span class="diff-sr">deleted: </span>y</del> <ins><span class="diff-sr">inserted: </span>z</ins> |'
    assert d.inserted == ["Introduction", "three", "z"] and d.deleted == ["Intro", "y"]


def test_diff_of_a_deleted_paragraph_and_of_identical_texts():
    d = diff_markdown("First.\n\nGone paragraph.\n\nLast.\n", "First.\n\nLast.\n")
    assert d.deleted == ["Gone paragraph."] and d.inserted == []
    same = diff_markdown("A text.\n", "A text.\n")
    assert not same.changed and same.markdown == "A text.\n"


# --- the old text at its new address --------------------------------------------------------------

def test_links_are_rewritten_or_reduced_to_their_text():
    existing = {"manual/neglect.md", "thresholds/index.md", "assets/x.png"}
    text = ("See [Neglect](neglect.md#signs), [gone](old-chapter.md), [here](#scope), "
            "[GOV.UK](https://www.gov.uk/), ![map](../assets/x.png) and ![lost](lost.png).\n\n[ref]: ../thresholds/index.md\n")
    out = rewrite_links(text, "manual/domestic-abuse.md", "manual/domestic-abuse/editions/2027-01.md",
                        existing.__contains__, keep_anchors=True)
    assert "[Neglect](../../neglect.md)" in out  # fragment dropped: headings change between editions
    assert "gone" in out and "old-chapter.md" not in out
    assert "[here](#scope)" in out
    assert "[GOV.UK](https://www.gov.uk/)" in out
    assert "![map](../../../assets/x.png)" in out and "(lost)" in out
    assert "[ref]: ../../../thresholds/index.md" in out
    diff_page = rewrite_links("[here](#scope)", "manual/a.md", "manual/a/editions/2027-01/changes.md",
                              existing.__contains__, keep_anchors=False)
    assert diff_page == "here"


def test_macro_calls_become_plain_text(project_copy):
    site = load_site(project_copy, today=TODAY)
    first = site.data["contacts"].contacts[0]
    out = replace_macros(site, f'Call {{{{ contact("{first.key}") }}}}.\n\n{{{{ timescale("no-such") }}}} {{{{ contents() }}}} {{% if x %}}')
    assert "{{" not in out and "{%" not in out
    assert f"**{first.name}** (for the number" in out
    assert out.count("(see the current version of this chapter)") == 3


# --- the edition in force on a date ------------------------------------------------------------------

def _ed(i: int, d: date) -> Edition:
    return Edition(i, d, f"E{i}", f"release-{d}", "amendments/index.md", f"edition-{d:%Y-%m}")


EDS = [_ed(0, date(2026, 11, 1)), _ed(1, date(2027, 1, 20)), _ed(2, date(2027, 3, 10))]


@pytest.mark.parametrize("day, expected", [
    (date(2026, 10, 31), None),  # the day before the first edition
    (date(2026, 11, 1), 0),  # on the first edition's day
    (date(2027, 1, 19), 0),  # the last day of the first edition
    (date(2027, 1, 20), 1),  # a new edition is in force from its own day
    (date(2027, 2, 14), 1),  # between editions
    (date(2027, 3, 9), 1),
    (date(2027, 3, 10), 2),
    (date(2030, 1, 1), 2),  # the latest edition stays in force
])
def test_edition_in_force_on_and_between_boundaries(day, expected):
    found = in_force(EDS, day)
    assert (found.index if found else None) == expected


def test_ranges_end_the_day_before_the_next_edition():
    assert [(e.index, last) for e, last in ranges(EDS)] == [(0, date(2027, 1, 19)), (1, date(2027, 3, 9)), (2, None)]


def test_tag_names():
    assert tag_for(date(2027, 1, 20), []) == "edition-2027-01"
    assert tag_for(date(2027, 1, 28), ["edition-2027-01"]) == "edition-2027-01-28"


# --- the tag in the log: each bad input, one line ---------------------------------------------------

@pytest.fixture
def mini(project_copy: Path) -> Path:
    return mini_project(project_copy)


def _errors(project: Path) -> list[str]:
    return [str(p) for p in load_site(project, today=TODAY).report.errors if p.file == LOG]


def test_tag_badly_written(mini):
    edit(mini, LOG, "  - date: 2026-11-01\n", "  - date: 2026-11-01\n    tag: release-1\n")
    n = line_of(mini, LOG, "tag: release-1")
    assert _errors(mini) == [f"{LOG}:{n}: tag must be written like edition-2027-05 (found 'release-1') — it is set by 'procedures release'"]


def test_tag_for_another_month(mini):
    edit(mini, LOG, "  - date: 2026-11-01\n", "  - date: 2026-11-01\n    tag: edition-2026-10\n")
    n = line_of(mini, LOG, "tag: edition-2026-10")
    assert _errors(mini) == [f"{LOG}:{n}: tag edition-2026-10 does not match the release date 2026-11-01 — it should be "
                             "edition-2026-11; tags are set by 'procedures release', do not edit them"]


def test_tag_used_twice(mini):
    edit(mini, LOG, "  - date: 2024-03-31\n", "  - date: 2024-03-31\n    tag: edition-2024-03\n")
    edit(mini, LOG, "  - date: 2026-11-01\n", "  - date: 2024-03-31\n    tag: edition-2024-03\n")
    errors = _errors(mini)
    first, second = [i for i, ln in enumerate((mini / LOG).read_text().splitlines(), 1) if "tag: edition-2024-03" in ln]
    assert f"{LOG}:{second}: tag edition-2024-03 is already used by the release on line {first} — each edition has its own tag" in errors


def test_log_without_tags_reads_no_git_at_all(mini):
    # the real repository today: no edition has been cut, so no history and no error
    site = load_site(mini, today=TODAY)
    h = hist.read_history(site)  # mini is not a git clone: it would fail if git were asked
    assert h.versions == {} and len(h.editions) == 2


# --- the clone: one line naming what is missing -----------------------------------------------------

@pytest.fixture
def tagged(mini: Path) -> Path:
    """The mini project in git, its last release cut as edition-2026-11, plus a later commit."""
    git(mini, "init", "-q", "-b", "main")
    git(mini, "config", "user.email", "e@example.org")
    git(mini, "config", "user.name", "E")
    git(mini, "add", "-A")
    git(mini, "commit", "-q", "-m", "start")
    with today(date(2026, 11, 26)):
        assert run(mini, "release", "--date", "2026-11-01", "--next-update", "May 2027") == 0
    (mini / "later.txt").write_text("x", encoding="utf-8")
    git(mini, "add", "-A")
    git(mini, "commit", "-q", "-m", "later")
    return mini


def _history_error(root: Path) -> str:
    with pytest.raises(HistoryError) as exc:
        hist.read_history(load_site(root, today=TODAY))
    return str(exc.value)


def test_release_records_date_and_tag_and_tags_the_commit(tagged):
    text = (tagged / LOG).read_text(encoding="utf-8")
    assert "  - date: 2026-11-01\n    tag: edition-2026-11\n" in text
    assert "next_update: May 2027" in text
    assert git(tagged, "tag", "--list").split() == ["edition-2026-11"]
    assert "tag: edition-2026-11" in git(tagged, "show", "edition-2026-11:data/amendments.yml")
    h = hist.read_history(load_site(tagged, today=TODAY))
    assert h.versions["2.14"][0].current  # nothing changed since: no edition page needed


def test_shallow_clone_fails_with_one_line(tagged, tmp_path):
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{tagged}", str(clone)], check=True, capture_output=True)
    message = _history_error(clone)
    assert "\n" not in message
    assert "shallow clone" in message and "edition-2026-11" in message and "git fetch --unshallow --tags" in message


def test_missing_tag_fails_with_one_line_naming_it(tagged, tmp_path):
    clone = tmp_path / "no-tags"
    subprocess.run(["git", "clone", "-q", "--no-tags", f"file://{tagged}", str(clone)], check=True, capture_output=True)
    message = _history_error(clone)
    assert "\n" not in message
    assert message == ("data/amendments.yml names edition tag(s) missing from this clone: edition-2026-11 "
                       "— run 'git fetch --unshallow --tags' and build again")


def test_not_a_clone_fails_with_one_line(tagged, tmp_path):
    copy = tmp_path / "export"
    shutil.copytree(tagged, copy, ignore=shutil.ignore_patterns(".git"))
    message = _history_error(copy)
    assert "\n" not in message and "is not a git clone" in message and "git fetch --unshallow --tags" in message


# --- procedures release: refusals (nothing changed) ------------------------------------------------

def test_release_refuses_when_already_cut(tagged, capsys):
    before = (tagged / LOG).read_text(encoding="utf-8")
    with today(date(2026, 11, 26)):
        assert run(tagged, "release", "--next-update", "June 2027") == 1
    err = capsys.readouterr().err
    assert "the latest release (2026-11-01) is already the edition edition-2026-11" in err
    assert (tagged / LOG).read_text(encoding="utf-8") == before


def test_release_refuses_uncommitted_changes(tagged, capsys):
    edit(tagged, "docs/manual/neglect.md", "Neglect", "Neglect!")
    with today(date(2026, 11, 26)):
        assert run(tagged, "release", "--next-update", "June 2027") == 1
    assert "there are uncommitted changes" in capsys.readouterr().err


def test_release_refuses_outside_git_and_bad_next_update(mini, capsys):
    with today(date(2026, 11, 26)):
        assert run(mini, "release", "--next-update", "June 2027") == 1
    assert "is not a git clone" in capsys.readouterr().err


def test_release_refuses_a_next_update_not_after_the_edition(tagged, capsys):
    git(tagged, "tag", "-d", "edition-2026-11")
    edit(tagged, LOG, "    tag: edition-2026-11\n", "")
    git(tagged, "commit", "-qam", "undo")
    with today(date(2026, 11, 26)):
        assert run(tagged, "release", "--next-update", "November 2026") == 1
        assert "--next-update (November 2026) must be after the month of this edition (November 2026)" in capsys.readouterr().err
        assert run(tagged, "release", "--next-update", "someday") == 1
        assert "--next-update must be a month and year" in capsys.readouterr().err
        assert run(tagged, "release", "--date", "2026-12-01", "--next-update", "May 2027") == 1
        assert "2026-12-01 is after today (2026-11-26)" in capsys.readouterr().err


def test_amend_does_not_change_an_edition_already_cut(tagged, capsys):
    before = (tagged / LOG).read_text(encoding="utf-8")
    with today(date(2026, 11, 26)):
        assert run(tagged, "amend", "2.14", "--change", "updated", "--summary", "Late fix.", "--date", "2026-11-01") == 1
    assert ("the release dated 2026-11-01 is already the published edition edition-2026-11 — give the entry a later --date "
            "(it starts the next edition)") in capsys.readouterr().err
    assert (tagged / LOG).read_text(encoding="utf-8") == before


def test_the_off_switch_builds_without_the_earlier_texts(tagged, tmp_path, monkeypatch):
    copy = tmp_path / "export"
    shutil.copytree(tagged, copy, ignore=shutil.ignore_patterns(".git"))
    monkeypatch.setenv("PROCEDURES_EDITIONS", "off")
    h = hist.read_history(load_site(copy, today=TODAY))
    assert h.versions == {} and [e.tag for e in h.editions][-1] == "edition-2026-11"


def test_a_chapter_that_was_a_draft_in_an_edition_is_not_shown_as_it_stood(tagged):
    # at edition-2026-11 chapter 2.14 is published; pretend it was a draft then by
    # cutting a second tag on a commit where it is a draft
    edit(tagged, "docs/manual/neglect.md", "status: published", "status: draft")
    git(tagged, "commit", "-qam", "draft")
    git(tagged, "tag", "-f", "edition-2026-11")
    edit(tagged, "docs/manual/neglect.md", "status: draft", "status: published")
    git(tagged, "commit", "-qam", "published again")
    h = hist.read_history(load_site(tagged, today=TODAY))
    assert h.versions["2.14"] == []
    assert not h.existed("2.14", h.editions[-1])


def test_what_changed_shows_only_the_changed_blocks_under_their_headings():
    old = ("Opening words.\n\n## 1. Intro\n\nKept paragraph.\n\nOld paragraph.\n\n"
           '<div class="glance" markdown>\n\n**At a glance**\n\n- step one\n- step two\n\n</div>\n\n'
           "## 2. Details\n\n- a\n- b\n\n!!! note \"Note\"\n\n    Inside the note, old.\n\n"
           "```\n## not a heading\n\nold code\n```\n\n| a | b |\n| --- | --- |\n| x | y |\n\n"
           "### 2.1 Sub\n\nSame.\n\n## 3. Same\n\nNothing changed here.\n")
    new = (old.replace("Old paragraph.", "New paragraph.").replace("Inside the note, old.", "Inside the note, new.")
           .replace("| x | y |", "| x | z |").replace("- step two", "- step two, changed"))
    d = diff_markdown(old, new)
    shown = changed_only(d.markdown)
    blocks = shown.split("\n\n")
    gap = "*(Unchanged text left out.)*"
    assert blocks[:3] == [gap, "## 1. Intro", gap]
    assert blocks[3].startswith("<del><span class=\"diff-sr\">deleted: </span>Old</del>")
    # the container kept whole, so its <div> is closed
    assert '<div class="glance" markdown>\n\n**At a glance**\n\n- step one\n- step <del>' in shown
    assert shown.count("<div") == shown.count("</div>") == 1
    assert "## 2. Details\n\n" + gap + "\n\n!!! note \"Note\"\n\n    Inside the note, " in shown  # the body stays indented
    assert "| a | b |\n| --- | --- |\n| x | <del>" in shown  # a table row keeps its header
    assert "Kept paragraph" not in shown and "- a\n- b" not in shown and "old code" not in shown
    assert "## 3. Same" not in shown and "### 2.1 Sub" not in shown and shown.endswith(gap + "\n")
    assert d.inserted == [m for m in d.inserted if m in shown] and all(m in shown for m in d.deleted)
    unchanged = diff_markdown("Same text.\n", "Same text.\n")
    assert changed_only(unchanged.markdown) == unchanged.markdown  # nothing marked: the whole text
