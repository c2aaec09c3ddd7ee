"""Editor commands of ``procedures``: ``new chapter`` / ``new briefing``, ``review-due``
and ``schemas``. Added to :data:`procedures.core.cli.COMMANDS`; each has ``--help``.

Exit status follows the rest of the command: 0 on success, 1 when something in the
project is wrong (the message says what to do), 2 on wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from ..reviews import DUE_SOON_DAYS


def _err(msg: str) -> None:
    print(msg, file=sys.stderr)


# --- new chapter / new briefing ------------------------------------------------------------

def _configure_new(p: argparse.ArgumentParser) -> None:
    from .editing import briefing_choices

    kinds, _sections = briefing_choices()
    sub = p.add_subparsers(dest="kind", required=True, metavar="KIND")
    ch = sub.add_parser(
        "chapter", help="A new draft chapter in a section, with the next free code and its front matter filled in.",
        description="Write docs/manual/<title-as-file-name>.md: a draft chapter with the next free code in the "
                    "section, today's review date, the default owner and REPLACE THIS placeholders to write over.",
    )
    ch.add_argument("title", help='the chapter title, in quotes, e.g. "Young Carers"')
    ch.add_argument("--section", required=True, help="the section number from data/sections.yml, e.g. 2")
    ch.add_argument("--owner", help="the owning group's key from data/owners.yml (default: the default owner)")
    ch.add_argument("--summary", help="one sentence for the contents and search (10–250 characters)")
    ch.add_argument("--slug", help="the file name without .md (default: made from the title)")
    ch.add_argument("--review-months", type=int, default=12, help="months until the first review is due (default: 12)")
    br = sub.add_parser(
        "briefing", help="A new draft 7-Minute Briefing with its seven sections.",
        description="Write docs/briefings/<title-as-file-name>.md: a draft briefing dated today, with the "
                    "themes and source kind you choose and the seven usual section headings.",
    )
    br.add_argument("title", help='the briefing title, in quotes, e.g. "Safer sleep"')
    br.add_argument("--theme", action="append", default=[], dest="themes",
                    help="a theme key from data/briefing-themes.yml (repeat for more than one)")
    br.add_argument("--source", dest="source_kind", required=True, **({"choices": kinds} if kinds else {}),
                    help="what the learning comes from" + (f": one of {', '.join(kinds)}" if kinds else ""))
    br.add_argument("--summary", help="one sentence for the index and search (10–250 characters)")
    br.add_argument("--slug", help="the file name without .md (default: made from the title)")


def cmd_new(args: argparse.Namespace) -> int:
    from .editing import ScaffoldError, new_briefing, new_chapter, problems_in

    try:
        if args.kind == "chapter":
            created = new_chapter(args.root, args.title, str(args.section), owner=args.owner, summary=args.summary,
                                  slug=args.slug, review_months=args.review_months)
        else:
            created = new_briefing(args.root, args.title, args.themes, args.source_kind, summary=args.summary,
                                   slug=args.slug)
    except ScaffoldError as exc:
        _err(f"procedures new {args.kind}: {exc}")
        return 2
    print(f"Created {created.rel}: {created.label}.")
    problems = problems_in(args.root, created.rel)
    for line in problems:
        _err(line)
    print("Next: write over every 'REPLACE THIS', preview with 'make serve' (drafts: procedures serve --drafts), "
          "then set 'status: published' and record it with 'procedures amend'." if args.kind == "chapter" else
          "Next: write over every 'REPLACE THIS', preview with 'procedures serve --drafts', then set 'status: published'.")
    return 1 if any(": warning: " not in p for p in problems) else 0


# --- review-due ------------------------------------------------------------------------------

def _configure_review_due(p: argparse.ArgumentParser) -> None:
    p.add_argument("--within", type=int, default=DUE_SOON_DAYS, metavar="DAYS",
                   help=f"list reviews overdue or due within DAYS days of today (default: {DUE_SOON_DAYS})")
    p.add_argument("--format", choices=["table", "csv"], default="table", help="table for reading, csv for a spreadsheet")
    p.add_argument("--all", action="store_true", help="list every chapter and briefing, not only those due")


def cmd_review_due(args: argparse.Namespace) -> int:
    from .. import reviews
    from ..core.site import load_site

    if args.within < 0:
        _err("procedures review-due: --within must be 0 or more days")
        return 2
    site = load_site(args.root)
    chosen = reviews.items(site) if args.all else reviews.due(site, args.within)
    rows = reviews.as_rows(site, chosen, args.within)
    if args.format == "csv":
        sys.stdout.write(reviews.format_csv(rows))
    elif rows:
        print(reviews.format_table(rows))
        overdue = sum(1 for r in rows if r["state"] == "Overdue")
        print(f"\n{overdue} overdue, {len(rows) - overdue} due within {args.within} days of {site.today.isoformat()}"
              if not args.all else f"\n{len(rows)} chapters and briefings, as on {site.today.isoformat()}")
    else:
        print(f"Nothing is overdue or due for review within {args.within} days of {site.today.isoformat()}.")
    if site.report.errors:
        _err(f"Note: the project has {len(site.report.errors)} error(s); run 'procedures check' — pages with errors are not listed.")
    return 0


# --- schemas ---------------------------------------------------------------------------------

def _configure_schemas(p: argparse.ArgumentParser) -> None:
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 if a schema in schemas/ or .vscode/settings.json is out of date")


def cmd_schemas(args: argparse.Namespace) -> int:
    from . import schemas

    if args.check:
        stale = schemas.stale(args.root)
        for line in stale:
            _err(f"{line} — run 'procedures schemas' and commit the result")
        if stale:
            _err(f"{len(stale)} generated file(s) do not match the models.")
            return 1
        print(f"Schemas up to date: {len(schemas.targets())} schemas in {schemas.SCHEMA_DIR}/ and {schemas.VSCODE_SETTINGS}.")
        return 0
    written = schemas.write(args.root)
    for rel in written:
        print(f"wrote {rel}")
    print(f"{len(written)} file(s) changed; {len(schemas.targets())} schemas in {schemas.SCHEMA_DIR}/." if written else
          "Schemas were already up to date.")
    return 0


COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]] = {
    "new": ("Start a new chapter or 7-Minute Briefing from a template (as a draft).", _configure_new, cmd_new),
    "review-due": (
        "List chapters and briefings whose review is overdue or due soon.", _configure_review_due, cmd_review_due,
    ),
    "schemas": (
        "Write the JSON Schemas editors' tools use (schemas/, .vscode/settings.json); --check finds stale ones.",
        _configure_schemas, cmd_schemas,
    ),
}
