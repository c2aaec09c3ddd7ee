"""A fixture git repository with three editions, cut with ``procedures release``.

Edition 2026-11: the real project as it is (its last release, dated 1 November 2026).
Edition 2027-01: chapter 2.14 (neglect) says "builds up slowly" instead of "builds up over time".
Edition 2027-03: it says "builds up gradually", and gains a sentence.
Dates are fixed with SOURCE_DATE_EPOCH (never today).
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from procedures.core import cli
from procedures.core.dates import pinned_today
from tests.conftest import copy_project

CHAPTER = "docs/manual/neglect.md"
ORIGINAL = "It is often long-lasting, builds up over time and does serious damage"
SECOND = "It is often long-lasting, builds up slowly and does serious damage"
THIRD = "It is often long-lasting, builds up gradually and does serious damage"
ADDED = "Neglect can start before birth."


def git(repo: Path, *args: str) -> str:
    res = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True)
    return res.stdout


today = pinned_today  # the day the fixture commands run on (procedures/core/dates.py)


def run(repo: Path, *argv: str) -> int:
    return cli.main(["--root", str(repo), *argv])


def replace(repo: Path, old: str, new: str) -> None:
    path = repo / CHAPTER
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {CHAPTER}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def log_up_to(repo: Path, last: str = "2026-11-01") -> None:
    """Keep the copy's amendments log up to the release dated ``last`` (releases are oldest
    first), so the fixture's first edition is that release whatever the real log adds later."""
    import re

    path = repo / "data/amendments.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        m = re.match(r"  - date: (\d{4}-\d{2}-\d{2})", line)
        if m and m.group(1) > last:
            while i > 0 and lines[i - 1].startswith("  #") or (i > 0 and lines[i - 1].strip() == ""):
                i -= 1
            path.write_text("".join(lines[:i]), encoding="utf-8")
            return


def make_repo(dest: Path) -> Path:
    repo = copy_project(dest)
    log_up_to(repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "editor@example.org")
    git(repo, "config", "user.name", "Editor")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "The manual as it was")
    with today(date(2026, 12, 10)):  # after every date the real data records
        assert run(repo, "release", "--date", "2026-11-01", "--next-update", "January 2027") == 0
    replace(repo, ORIGINAL, SECOND)
    with today(date(2027, 1, 20)):
        assert run(repo, "amend", "2.14", "--change", "updated", "--summary", "Neglect builds up slowly.") == 0
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "2.14: builds up slowly")
        assert run(repo, "release", "--next-update", "March 2027") == 0
    replace(repo, SECOND, THIRD)
    replace(repo, "or to start again with each new worker.", "or to start again with each new worker. " + ADDED)
    with today(date(2027, 3, 10)):
        assert run(repo, "amend", "2.14", "--change", "updated", "--summary", "Neglect builds up gradually.") == 0
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "2.14: builds up gradually")
        assert run(repo, "release", "--next-update", "September 2027") == 0
    return repo
