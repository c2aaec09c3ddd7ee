"""The ``procedures`` command: one entry point for editors and CI.

Every sub-command has ``--help``. Exit status is 0 on success, 1 when the content has
problems (each printed as one line: file, line, what to do), 2 on wrong usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from . import feature
from .site import load_site


def find_root(start: Path | None = None) -> Path:
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "mkdocs.yml").exists() and (candidate / "data").is_dir():
            return candidate
    return here


def cmd_check(args: argparse.Namespace) -> int:
    from .links import check_project

    site, links = check_project(args.root, progress=lambda msg: print(msg, file=sys.stderr, flush=True))
    for line in site.report.lines():
        print(line, file=sys.stderr if not line.split(": ", 1)[-1].startswith("warning") else sys.stdout)
    errors, warnings = len(site.report.errors), len(site.report.warnings)
    pages = len(site.pages)
    what = f"{pages} pages, {len(site.data)} data files and {links} links between pages"
    if errors:
        print(f"{errors} error(s), {warnings} warning(s) in {what} — fix the lines above.", file=sys.stderr)
        return 1
    print(f"All good: {what} checked, {warnings} warning(s).")
    return 0


WORKER = "PROCEDURES_BUILD_WORKER"  # set in the supervised child that does the work


def _quiet_env(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    if getattr(args, "verbose", False):
        env["PROCEDURES_VERBOSE"] = "1"
    else:
        env.pop("PROCEDURES_VERBOSE", None)
        # Material prints an end-of-life notice on every `mkdocs` start: not for editors
        env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def _supervise_build(args: argparse.Namespace, argv: list[str]) -> int:
    """Run the build in a supervised child (procedures/core/procs.py): a signal stops MkDocs,
    Pagefind and Chromium and removes the temporary folders; site/ stays as it was."""
    from .builder import remove_litter
    from .procs import run_supervised

    out = Path(args.out).resolve() if args.out else args.root / "site"
    env = _quiet_env(args)
    env[WORKER] = "1"
    cmd = [sys.executable, "-m", "procedures", "--root", str(args.root), *argv]
    return run_supervised(cmd, cwd=args.root, env=env, what="the build; the previous site/ was left as it was",
                          cleanup=lambda: remove_litter(out))


def cmd_build(args: argparse.Namespace) -> int:
    from .builder import BuildFailed, build_site

    if os.environ.get(WORKER) != "1":
        argv = ["build"] + (["--out", args.out] if args.out else []) + (["--verbose"] if args.verbose else [])
        argv += ["--engine", args.engine] if args.engine else []
        return _supervise_build(args, argv)
    try:
        build_site(args.root, Path(args.out).resolve() if args.out else None, engine=args.engine)
    except BuildFailed as exc:
        print(str(exc), file=sys.stderr)
        print("The build failed; the previous site/ was left as it was.", file=sys.stderr)
        return 1
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .procs import run_supervised

    site = load_site(args.root)
    for line in site.report.lines():
        print(line, file=sys.stderr)
    if site.report.errors:
        print("Fix the problems above, then run make serve again.", file=sys.stderr)
        return 1
    env = _quiet_env(args)
    env["PROCEDURES_PREVIEW"] = "1"  # pages say the PDFs are made when the site is published
    if args.drafts:
        env["PROCEDURES_SHOW_DRAFTS"] = "1"
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"{args.host}:{args.port}", "--livereload",
           "--watch", "data", "--watch", "overrides"]
    if args.verbose:
        cmd.append("--verbose")
    if not args.full_rebuilds:
        # rebuild only the edited page, correctly (procedures/preview/); never touches site/
        env["PROCEDURES_FAST_PREVIEW"] = "1"
        cmd.append("--dirty")
    print(f"Previewing at http://{args.host}:{args.port}/ (Ctrl+C to stop)", flush=True)
    # Ctrl+C or SIGTERM: mkdocs gets SIGINT (it stops its server and removes its folder),
    # then anything left (a Pagefind run for the preview's search) is stopped
    rc = run_supervised(cmd, cwd=args.root, env=env, graceful=True, what="the preview")
    return 0 if rc in (130, 143) else rc


VERBOSE_HELP = "also show what MkDocs and its plugins log for developers (Material's notices, the macro listing)"


# name -> (help, configure(parser), handler)
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]] = {
    "check": (
        "Check everything: data, front matter, cross-references, links between pages and review dates "
        "(exit 1 on errors; reviews due within 60 days are warnings).",
        lambda p: None,
        cmd_check,
    ),
    "build": (
        "Validate, then build the site strictly into site/ (never half-written).",
        lambda p: (
            p.add_argument("--out", help="folder to build into (default: site/)"),
            p.add_argument("--verbose", action="store_true", help=VERBOSE_HELP),
            p.add_argument("--engine", choices=list(feature.ENGINES), default=None,
                           help="what renders the pages: mkdocs (the default) or zensical (optional extra; "
                                "see docs/developers/engines.md)"),
        ),
        cmd_build,
    ),
    "serve": (
        "Preview the site with live reload.",
        lambda p: (
            p.add_argument("--host", default="127.0.0.1"),
            p.add_argument("--port", default=8000, type=int),
            p.add_argument("--drafts", action="store_true", help="show draft chapters in the preview"),
            p.add_argument("--full-rebuilds", action="store_true",
                           help="rebuild the whole site on every save (slow; the default rebuilds only what changed)"),
            p.add_argument("--verbose", action="store_true", help=VERBOSE_HELP),
        ),
        cmd_serve,
    ),
}


def commands() -> dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]]:
    """The engine's commands, then each enabled feature's (``Feature.cli_commands``:
    amend, digest, urls, pdf, new, review-due, schemas, check-headers, release, init …)."""
    from .site import resolve

    out = dict(COMMANDS)
    for spec in feature.CLI_COMMANDS:
        for name, command in resolve(spec).items():
            if name in out:
                raise RuntimeError(f"two features define the command '{name}' ({spec})")
            out[name] = command
    return out


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="procedures", description="Check, build and manage a safeguarding children procedures site.")
    p.add_argument("--root", type=Path, default=None, help="project folder (default: found from the current folder)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, configure, handler) in commands().items():
        sp = sub.add_parser(name, help=help_text, description=help_text)
        configure(sp)
        sp.set_defaults(handler=handler)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run a command with the enabled features (``procedures.registry.main`` enables them;
    ``python -m procedures`` is the same command)."""
    args = parser().parse_args(argv)
    args.root = (args.root or find_root()).resolve()
    return args.handler(args)

