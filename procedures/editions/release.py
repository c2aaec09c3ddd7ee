"""``procedures release``: cut an edition.

The last release in ``data/amendments.yml`` (built up with ``procedures amend``) becomes
an edition: the command checks the whole site, records the release date and
``tag: edition-YYYY-MM`` in the log, sets ``next_update``, commits the log and tags that
commit. The text of every chapter in the edition is then read from git at the tag.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from ..amendments import log as am
from ..amendments.cli import iso_date, validate_candidate
from ..core.dates import month_year
from ..core.site import load_site
from .history import FETCH_HINT, TAG_PREFIX


class ReleaseError(Exception):
    pass


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)


def tag_for(when: date, earlier: list[str]) -> str:
    """edition-YYYY-MM, or edition-YYYY-MM-DD when an edition of that month exists already."""
    month = f"{TAG_PREFIX}{when:%Y-%m}"
    return month if month not in earlier else f"{TAG_PREFIX}{when.isoformat()}"


def plan_release(root: Path, when: date | None, next_update: str) -> tuple[str, str, date]:
    """(new text of the log, tag, release date). Raises ReleaseError with one line."""
    if _git(root, "rev-parse", "--show-prefix").returncode != 0:
        raise ReleaseError(f"{root} is not a git clone — an edition is a git tag; run the command in a clone of the repository")
    if _git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        raise ReleaseError(f"this is a shallow clone — run '{FETCH_HINT}' first, so the new edition follows the earlier ones")
    dirty = _git(root, "status", "--porcelain", "--untracked-files=no").stdout.strip()
    if dirty:
        raise ReleaseError("there are uncommitted changes (git status) — commit or undo them first, so the edition is exactly what was published")
    try:
        nxt = datetime.strptime(next_update.strip(), "%B %Y").date()
    except ValueError:
        raise ReleaseError(f"--next-update must be a month and year, e.g. 'May 2027' (found '{next_update}')") from None
    site = load_site(root)
    if site.report.errors:
        raise ReleaseError("\n".join([str(p) for p in site.report.errors] + ["The site has problems (above) — fix them before cutting an edition."]))
    data = am.log(site)
    last = data.releases[-1]
    n = len(data.releases) - 1
    if last.tag:
        raise ReleaseError(f"the latest release ({last.date}) is already the edition {last.tag} — record the new changes "
                           "with 'procedures amend' first, then run 'procedures release'")
    when = when or site.today
    if when > site.today:
        raise ReleaseError(f"{when} is after today ({site.today}) — cut the edition on the day it is published")
    if when < last.date:
        raise ReleaseError(f"the release's entries are dated {last.date}; the edition cannot be published before that (use a later --date)")
    if n and when <= data.releases[n - 1].date:
        raise ReleaseError(f"the previous release is dated {data.releases[n - 1].date}; the edition must be published after it")
    if (nxt.year, nxt.month) <= (when.year, when.month):
        raise ReleaseError(f"--next-update ({next_update}) must be after the month of this edition ({month_year(when)})")
    tag = tag_for(when, [r.tag for r in data.releases if r.tag])
    if _git(root, "rev-parse", "-q", "--verify", f"refs/tags/{tag}").returncode == 0:
        raise ReleaseError(f"the tag {tag} exists already in git — check 'git tag --list \"{TAG_PREFIX}*\"'")
    text = (root / am.FILE).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    date_line = site.line(am.NAME, ("releases", n, "date"))
    if not date_line:
        raise ReleaseError(f"could not find the date of the last release in {am.FILE} — add 'tag: {tag}' by hand")
    raw = lines[date_line - 1]
    m = re.match(r"^(\s*(?:-\s+)?)(date:\s*)(\S+)(.*)$", raw.rstrip("\n"))
    if not m:
        raise ReleaseError(f"{am.FILE}:{date_line}: expected the release's 'date:' line here — add 'tag: {tag}' by hand")
    indent = " " * len(m.group(1))
    lines[date_line - 1] = f"{m.group(1)}{m.group(2)}{when.isoformat()}{m.group(4)}\n"
    lines.insert(date_line, f"{indent}tag: {tag}\n")
    new_text = "".join(lines)
    new_text, count = re.subn(r"^(next_update:[ \t]*)([^#\n]*?)([ \t]+#.*)?$",
                              lambda mm: f"{mm.group(1)}{nxt:%B %Y}{mm.group(3) or ''}", new_text, count=1, flags=re.M)
    if not count:
        raise ReleaseError(f"no 'next_update:' line found in {am.FILE} — add one, e.g. next_update: May 2027")
    return new_text, tag, when


def cmd_release(args: argparse.Namespace) -> int:
    root: Path = args.root
    try:
        new_text, tag, when = plan_release(root, args.date, args.next_update)
    except ReleaseError as exc:
        print(str(exc), file=sys.stderr)
        print("No edition was cut; nothing was changed.", file=sys.stderr)
        return 1
    problems = validate_candidate(root, new_text, {})
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print("No edition was cut: fix the problem above and run the command again.", file=sys.stderr)
        return 1
    if args.dry_run:
        print(f"Would record the release of {when} as {tag}, set next_update to {args.next_update}, commit {am.FILE} and tag the commit {tag}.")
        return 0
    path = root / am.FILE
    old = path.read_text(encoding="utf-8")
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(new_text, encoding="utf-8")
    os.replace(tmp, path)
    message = f"Edition {tag.removeprefix(TAG_PREFIX)}: published {when.isoformat()}"
    steps = [("add", "--", am.FILE), ("commit", "-q", "-m", message), ("tag", "-a", tag, "-m", message)]
    for n, step in enumerate(steps):
        res = _git(root, *step)
        if res.returncode != 0:
            detail = (res.stderr or res.stdout).strip().splitlines()
            if n < 2:  # nothing committed yet: put the log back as it was
                path.write_text(old, encoding="utf-8")
                _git(root, "reset", "-q", "--", am.FILE)
            print(f"git {step[0]} failed: {detail[-1] if detail else res.returncode} — no edition was cut"
                  + ("" if n < 2 else f" (the log change is committed; tag it with: git tag -a {tag} -m '{message}')"),
                  file=sys.stderr)
            return 1
    print(f"Edition {tag} cut: {am.FILE} records the release of {when.isoformat()} and the next update ({args.next_update}).")
    print("Publish it with: git push --follow-tags")
    return 0


def configure_release(p: argparse.ArgumentParser) -> None:
    p.add_argument("--next-update", required=True, help="month of the next planned edition, e.g. 'May 2027'")
    p.add_argument("--date", type=iso_date, help="publication date, YYYY-MM-DD (default: today)")
    p.add_argument("--dry-run", action="store_true", help="check and say what would happen; change nothing")


COMMANDS = {
    "release": ("Cut an edition: record the latest release's date and edition tag in data/amendments.yml, "
                "set the next update, commit and tag it.", configure_release, cmd_release),
}
