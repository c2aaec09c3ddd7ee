"""``procedures amend``, ``procedures digest`` and ``procedures urls``.

``amend`` never re-dumps the YAML (that would lose every comment): it appends text at
the end of ``data/amendments.yml`` in the file's own indentation, checks the result with
``load_site`` on a temporary copy of the project, and only then replaces the file.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

from ..core.dates import long_date
from ..core.site import load_site
from . import log as am

ARCHIVE_PAGE = """---
title: Amendments in {year}
description: Changes to the {procedures} manual published in {year}.
render_macros: true
---

# Amendments in {year}

These are the updates to the procedures manual published in {year}, newest first. For the latest changes, see [Amendments](index.md).

{{{{ amendments_year({year}) }}}}
"""


class AmendError(Exception):
    pass


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"write dates as YYYY-MM-DD, e.g. 2024-03-31 (found '{text}')") from None


def _indent(text_lines: list[str], line_no: int | None) -> int | None:
    if not line_no or line_no > len(text_lines):
        return None
    raw = text_lines[line_no - 1]
    return len(raw) - len(raw.lstrip(" "))


def entry_block(indent: int, fields: dict[str, str | None]) -> str:
    """'- chapter: "2.4"' followed by the other keys, lined up under the first key."""
    items = [(k, v) for k, v in fields.items() if v is not None]
    pad = " " * indent
    out = []
    for n, (k, v) in enumerate(items):
        value = _q(v) if k in {"chapter", "summary", "previous_id", "previous_url", "replaced_by", "title"} else v
        out.append(f"{pad}{'- ' if n == 0 else '  '}{k}: {value}")
    return "\n".join(out) + "\n"


def plan_amendment(root: Path, chapter: str, change: str, summary: str, when: date, title: str | None = None,
                   previous_id: str | None = None, previous_url: str | None = None, replaced_by: str | None = None,
                   removed_title: str | None = None, next_update: str | None = None) -> tuple[str, dict[str, str], str]:
    """Return (new file text, extra files to write {docs path: text}, description). Raises AmendError."""
    path = root / am.FILE
    text = path.read_text(encoding="utf-8")
    site = load_site(root)
    data = am.log(site)
    if data is None:
        problems = [str(p) for p in site.report.errors if p.file == am.FILE]
        raise AmendError("\n".join(problems + [f"{am.FILE} has problems (above) — fix them before adding an entry"]))
    from ..manual.chapters import by_id

    chapters = by_id(site)
    if chapter not in chapters and change != "removed":
        raise AmendError(am._unknown_id_message("chapter", chapter, set(chapters)) + f" (see {am.FILE})")
    if change != "removed" and chapters[chapter].status == "draft":
        raise AmendError(f"chapter {chapter} is a draft — record the entry when the chapter is published")
    last = data.releases[-1]
    if when < last.date:
        raise AmendError(f"the latest release is dated {last.date}; a new entry goes in that release or a later one (use --date)")
    if when > site.today:
        raise AmendError(f"{when} is after today ({site.today}) — record the entry on the day it is published")
    lines_ = text.splitlines()
    tops = [(i, ln) for i, ln in enumerate(lines_, 1) if ln and not ln[0].isspace() and not ln.startswith("#")]
    if not tops or not tops[-1][1].startswith("releases:"):
        raise AmendError(f"'releases:' must be the last section of {am.FILE} so that new entries can be added at the end — move it there")
    n = len(data.releases) - 1
    release_indent = _indent(lines_, site.line(am.NAME, ("releases", n)))
    entry_indent = _indent(lines_, site.line(am.NAME, ("releases", n, "entries", len(last.entries) - 1)))
    if release_indent is None or entry_indent is None:
        raise AmendError(f"could not find where the last release ends in {am.FILE} — add the entry by hand")
    fields = {"chapter": chapter, "change": change, "summary": summary, "previous_id": previous_id,
              "previous_url": previous_url, "replaced_by": replaced_by, "title": removed_title}
    extra: dict[str, str] = {}
    if when == last.date and last.tag:
        raise AmendError(f"the release dated {when} is already the published edition {last.tag} — give the entry a later --date "
                         "(it starts the next edition)")
    if when == last.date:
        if title and title != last.title:
            raise AmendError(f"the release dated {when} already exists — leave out --title to add to it")
        addition = entry_block(entry_indent, fields)
        description = f"added to the release dated {when}"
    else:
        pad = " " * release_indent
        head = f"\n{pad}- date: {when.isoformat()}\n"
        if title:
            head += f"{pad}  title: {_q(title)}\n"
        head += f"{pad}  entries:\n"
        addition = head + entry_block(entry_indent, fields)
        description = f"added as a new release dated {when}"
        if when.year != last.date.year:
            # the previous newest year moves to its own archive page
            for year in sorted({r.date.year for r in data.releases}):
                page = f"amendments/{year}.md"
                if page not in site.pages:
                    p = site.data.get("partnership")
                    extra[f"docs/{page}"] = ARCHIVE_PAGE.format(year=year, procedures=p.wording.procedures if p else "procedures")
    new_text = text if text.endswith("\n") else text + "\n"
    new_text += addition
    if next_update:
        new_text, count = re.subn(r"^(next_update:[ \t]*)([^#\n]*?)([ \t]+#.*)?$",
                                  lambda m: f"{m.group(1)}{next_update}{m.group(3) or ''}", new_text, count=1, flags=re.M)
        if not count:
            raise AmendError(f"no 'next_update:' line found in {am.FILE} — add one, e.g. next_update: May 2027")
    return new_text, extra, description


def validate_candidate(root: Path, new_text: str, extra: dict[str, str]) -> list[str]:
    """Check the project as it would be after the change; return the NEW problems only."""
    before = {str(p) for p in load_site(root).report.errors}
    with tempfile.TemporaryDirectory(prefix="procedures-amend-") as tmp:
        copy = Path(tmp)
        for name in ("mkdocs.yml",):
            if (root / name).exists():
                shutil.copy2(root / name, copy / name)
        for name in ("data", "docs"):
            if (root / name).is_dir():
                shutil.copytree(root / name, copy / name)
        if (root / am.URL_MANIFEST).exists():
            shutil.copy2(root / am.URL_MANIFEST, copy / am.URL_MANIFEST)
        (copy / am.FILE).write_text(new_text, encoding="utf-8")
        for rel, content in extra.items():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            (copy / rel).write_text(content, encoding="utf-8")
        after = load_site(copy)
        return [str(p) for p in after.report.errors if str(p) not in before]


def _replace(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def cmd_amend(args: argparse.Namespace) -> int:
    root: Path = args.root
    try:
        new_text, extra, description = plan_amendment(
            root, args.chapter, args.change, args.summary, args.date or load_site(root).today, args.title,
            args.previous_id, args.previous_url, args.replaced_by, args.removed_title, args.next_update)
    except AmendError as exc:
        print(str(exc), file=sys.stderr)
        print(f"Nothing was changed in {am.FILE}.", file=sys.stderr)
        return 1
    problems = validate_candidate(root, new_text, extra)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"The entry was not added: fix the problem above and run the command again. Nothing was changed in {am.FILE}.",
              file=sys.stderr)
        return 1
    if args.dry_run:
        old = (root / am.FILE).read_text(encoding="utf-8")
        print(new_text[len(old):] if new_text.startswith(old) else new_text, end="")
        for rel in extra:
            print(f"(would create {rel})")
        return 0
    for rel, content in extra.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace(target, content)
        print(f"Created {rel} for the releases of an earlier year.")
    _replace(root / am.FILE, new_text)
    print(f"Chapter {args.chapter} ({args.change}) {description} in {am.FILE}.")
    if args.previous_url:
        print("The old address will redirect to the chapter after the next build.")
    return 0


def configure_amend(p: argparse.ArgumentParser) -> None:
    p.add_argument("chapter", help="chapter id, e.g. 2.4")
    p.add_argument("--change", required=True, choices=["new", "updated", "removed", "renamed"], help="what happened to the chapter")
    p.add_argument("--summary", required=True, help=f"one sentence, at most {am.MAX_SUMMARY} characters")
    p.add_argument("--date", type=iso_date, help="release date, YYYY-MM-DD (default: today)")
    p.add_argument("--title", help="title of a NEW release (optional)")
    p.add_argument("--previous-id", help="renamed: the id the chapter had before")
    p.add_argument("--previous-url", help="renamed/removed: the old address, e.g. manual/old-name/ (it will redirect)")
    p.add_argument("--replaced-by", help="removed, page deleted: the chapter readers should use now")
    p.add_argument("--removed-title", help="removed, page deleted: the title the chapter had")
    p.add_argument("--next-update", help="also set next_update, e.g. 'May 2027'")
    p.add_argument("--dry-run", action="store_true", help="show what would be added; change nothing")


# --- digest ------------------------------------------------------------------------------------

def cmd_digest(args: argparse.Namespace) -> int:
    from .outputs import digest

    site = load_site(args.root)
    mine = [str(p) for p in site.report.errors if p.file == am.FILE]
    if am.log(site) is None or mine:
        for line in mine:
            print(line, file=sys.stderr)
        print(f"Fix {am.FILE} first.", file=sys.stderr)
        return 1
    base = args.site_url or am.site_url(args.root)
    if not base:
        print("mkdocs.yml has no site_url — the digest needs it for links; set site_url or pass --site-url", file=sys.stderr)
        return 1
    base = base if base.endswith("/") else base + "/"
    until = args.until or site.today
    result = digest(site, args.since, base, until)
    if result is None:
        print(f"No amendments were published from {long_date(args.since)} to {long_date(until)}: no digest written.")
        return 0
    html, text = result
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    stem = f"amendments-digest-{args.since.isoformat()}"
    (out / f"{stem}.html").write_text(html, encoding="utf-8")
    (out / f"{stem}.txt").write_text(text, encoding="utf-8")
    print(f"Wrote {out / (stem + '.html')} and {out / (stem + '.txt')}")
    return 0


def configure_digest(p: argparse.ArgumentParser) -> None:
    p.add_argument("--since", required=True, type=iso_date, help="first release date to include, YYYY-MM-DD")
    p.add_argument("--until", type=iso_date, help="last release date to include (default: today)")
    p.add_argument("--out", default=".", help="folder for the .html and .txt files (default: current folder)")
    p.add_argument("--site-url", help="address the site is published at (default: site_url in mkdocs.yml)")


# --- urls ----------------------------------------------------------------------------------------

def built_urls(root: Path) -> list[str]:
    """Build the site into a temporary folder (no publishing) and list its addresses."""
    from ..core.builder import BuildFailed, _log_to_stderr, mkdocs_build
    from .outputs import published_urls

    site = load_site(root)
    if site.report.errors:
        raise BuildFailed("\n".join(str(p) for p in site.report.errors))
    _log_to_stderr()
    with tempfile.TemporaryDirectory(prefix="procedures-urls-") as tmp:
        out = Path(tmp) / "site"
        mkdocs_build(root / "mkdocs.yml", out)
        return published_urls(out)


def cmd_urls(args: argparse.Namespace) -> int:
    from ..core.builder import BuildFailed
    from .outputs import write_manifest

    root: Path = args.root
    manifest = root / am.URL_MANIFEST
    print("Building the site into a temporary folder to list its addresses …")
    try:
        urls = built_urls(root)
    except (BuildFailed, SystemExit) as exc:
        print(str(exc), file=sys.stderr)
        print("The site does not build; fix the problems above first.", file=sys.stderr)
        return 1
    listed = am.read_manifest(manifest) if manifest.exists() else []
    listed_urls = [u for _, u in listed]
    forget = {("/" + u.lstrip("/")) for u in (args.forget or [])}
    gone = [(n, u) for n, u in listed if u not in urls and u not in forget]
    new = [u for u in urls if u not in listed_urls]
    for n, u in gone:
        print(f"{am.URL_MANIFEST}:{n}: {am.gone_message(u)}", file=sys.stderr)
    if not args.update:
        for u in new:
            print(f"{am.URL_MANIFEST}: new address not listed yet: {u}")
        if gone or new:
            print(f"{len(gone)} address(es) gone, {len(new)} new — run 'procedures urls --update' after adding redirects.",
                  file=sys.stderr)
            return 1
        print(f"{am.URL_MANIFEST} is up to date ({len(urls)} addresses).")
        return 0
    if gone:
        print("Not updated: an address that was published must keep working. Add a redirect (see above), or, only for "
              "a page that should never have been public, pass --forget ADDRESS.", file=sys.stderr)
        return 1
    keep = [u for u in listed_urls if u not in forget]
    write_manifest(manifest, sorted(set(keep) | set(urls)))
    print(f"{am.URL_MANIFEST} updated: {len(new)} new, {len(forget & set(listed_urls))} forgotten, "
          f"{len(set(keep) | set(urls))} addresses in all. Commit it with your change.")
    return 0


def configure_urls(p: argparse.ArgumentParser) -> None:
    p.add_argument("--update", action="store_true", help=f"add new addresses to {am.URL_MANIFEST} (never drops one silently)")
    p.add_argument("--forget", action="append", metavar="ADDRESS",
                   help="with --update: drop this address (only for a page that should never have been public)")


COMMANDS = {
    "amend": ("Add an entry to the amendments log (data/amendments.yml), checked before it is saved.", configure_amend, cmd_amend),
    "digest": ("Write an email-ready HTML and plain-text digest of amendments since a date.", configure_digest, cmd_digest),
    "urls": (f"Check (or --update) {am.URL_MANIFEST}, the list of every address the site has published.", configure_urls, cmd_urls),
}
