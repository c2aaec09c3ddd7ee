"""Where one build spends its CPU time: ``python -m procedures.bench.profile``.

Copies the project as a fresh clone would have it (no ``.cache/``), adds N synthetic
chapters (procedures/bench/synth.py), and runs one cold ``procedures build`` in this
process with every part timed in CPU seconds, so the shares hold even on a busy machine:

* the MkDocs build runs under cProfile with a per-thread CPU clock; each row is the
  cumulative CPU time of one entry point (reading pages, mkdocs-macros, this plugin's
  hooks, Markdown, the sidebar navigation template, the other templates, writing files);
* each after-build step (valid-HTML fixes, the URL manifest, Pagefind, the PDFs, the
  briefing sizes, the security headers) is timed as the CPU time of its own thread plus
  the CPU time of the programs it waited for (Pagefind, the Chromium that prints PDFs).
  Pagefind starts in one step and is waited for in another, so its CPU is counted where
  it is waited for.

cProfile adds a cost to every Python function call, so parts made of many small calls
(Markdown, Jinja) look somewhat larger than they are; the shares are for finding where
the time goes, not figures to compare with stock Material (``make bench`` does that).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# (label, file path suffix, function name(s), called inside MkDocs' _build_page?):
# each row is the cumulative CPU of those functions
ENTRIES = [
    ("Reading page sources", "mkdocs/structure/pages.py", "read_source", False),
    ("mkdocs-macros (page macros)", "mkdocs_macros/plugin.py", "on_page_markdown", False),
    ("This plugin: on_page_markdown (meta, abbreviations)", "procedures/core/plugin.py", "on_page_markdown", False),
    ("Markdown to HTML (Python-Markdown and extensions)", "mkdocs/structure/pages.py", "render", False),
    ("This plugin: on_page_content (images, search info …)", "procedures/core/plugin.py", "on_page_content", False),
    ("This plugin: on_page_context (chapter head and foot …)", "procedures/core/plugin.py", "on_page_context", True),
    ("Material's search plugin (lunr index; stock only)", "material/plugins/search/plugin.py",
     ("on_page_context", "on_post_build"), True),
    ("Sidebar navigation (partials/nav.html; here with the nav cache)", "partials/nav.html", "root", True),
    ("Writing files", "mkdocs/utils/__init__.py", "write_file", True),
    ("This plugin: on_post_build (feeds, JSON, stylesheet bundle)", "procedures/core/plugin.py", "on_post_build", False),
    ("This plugin: on_config, on_files, on_env", "procedures/core/plugin.py", ("on_config", "on_files", "on_env"), False),
]
PAGE_BUILD = ("mkdocs/commands/build.py", "_build_page")
TEMPLATES = "Page templates (Material and overrides, without the sidebar)"
SEARCH_POST_BUILD = ("material/plugins/search/plugin.py", "on_post_build")  # runs outside _build_page
OTHER = "Other MkDocs work (config, files, navigation structure, theme files)"


@dataclass
class Row:
    label: str
    cpu: float


def _cumulative(stats: pstats.Stats, suffix: str, names) -> float:
    names = (names,) if isinstance(names, str) else names
    total = 0.0
    for (filename, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if func in names and filename.replace("\\", "/").endswith(suffix):
            total += ct
    return total


def mkdocs_rows(stats: pstats.Stats, total: float) -> list[Row]:
    """Split the MkDocs build's CPU into the ENTRIES, the templates and the rest."""
    rows = [Row(label, _cumulative(stats, suffix, names)) for label, suffix, names, _inside in ENTRIES]
    inside = sum(r.cpu for r, e in zip(rows, ENTRIES, strict=True) if e[3]) - _cumulative(stats, *SEARCH_POST_BUILD)
    templates = _cumulative(stats, *PAGE_BUILD) - inside
    at = next(i for i, e in enumerate(ENTRIES) if e[2] == "root")  # just before the sidebar
    rows.insert(at, Row(TEMPLATES, max(templates, 0.0)))
    rows.append(Row(OTHER, max(total - sum(r.cpu for r in rows), 0.0)))
    return rows


def profile_mkdocs(config_file: Path, out: Path, calibrate: bool = True,
                   strict: bool = True) -> tuple[pstats.Stats, float, float | None, cProfile.Profile]:
    """One MkDocs build of ``config_file`` into ``out`` under the profiler: (statistics,
    CPU with the profiler, CPU of the same build without it if ``calibrate``, profile)."""
    from ..core import builder

    builder._log_to_stderr()
    plain = None
    if calibrate:  # the same MkDocs build without the profiler: its true CPU time
        scratch = out.parent / f".site-build-plain-{int(time.time() * 1000)}"
        t0 = time.thread_time()
        builder.mkdocs_build(config_file, scratch, strict=strict)
        plain = time.thread_time() - t0
        shutil.rmtree(scratch, ignore_errors=True)
    prof = cProfile.Profile(time.thread_time)
    t0 = time.thread_time()
    prof.enable()
    builder.mkdocs_build(config_file, out, strict=strict)
    prof.disable()
    return pstats.Stats(prof), time.thread_time() - t0, plain, prof


def _children_cpu() -> float:
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


@dataclass
class Profile:
    mkdocs: list[Row]  # the MkDocs build, split (CPU under the profiler)
    after: list[Row]  # each after-build step (CPU of its thread and the programs it ran)
    validation: float
    mkdocs_plain: float | None  # the MkDocs build's CPU without the profiler
    listing: str = ""


def profile_build(project: Path, out: Path, top: int = 0, calibrate: bool = True, stats_file: Path | None = None) -> Profile:
    """One cold build of ``project`` (a fresh copy: the PDFs are printed)."""
    from .. import registry
    from ..core.site import get_site, resolve
    from ..core.threads import in_own_thread

    project = project.resolve()
    t0 = time.thread_time()
    site = get_site(project)
    validation = time.thread_time() - t0
    if site.report.errors:
        raise SystemExit("\n".join(str(p) for p in site.report.errors))
    tmp = out.parent / f".site-build-profile-{int(time.time() * 1000)}"
    stats, mkdocs_total, plain, prof = profile_mkdocs(project / "mkdocs.yml", tmp, calibrate)
    if stats_file:
        stats.dump_stats(str(stats_file))
    rows = mkdocs_rows(stats, mkdocs_total)

    after: list[Row] = []
    for spec in registry.AFTER_BUILD:
        step = resolve(spec)
        used: dict[str, float] = {}

        def run(step=step, used=used):
            c0, t = _children_cpu(), time.thread_time()
            step(site, tmp)
            used["cpu"] = time.thread_time() - t + _children_cpu() - c0

        in_own_thread(run, name=spec)
        after.append(Row(spec, used["cpu"]))
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)

    listing = ""
    if top:
        import io

        buf = io.StringIO()
        own = pstats.Stats(prof, stream=buf)
        own.sort_stats("tottime").print_stats(r"procedures|overrides|macros/__init__", top)
        listing = buf.getvalue()
    return Profile(rows, after, validation, plain, listing)


def shares_table(p: Profile) -> str:
    """CPU per part as profiled, and with the MkDocs rows scaled to the build's CPU
    without the profiler (cProfile slows Python code, not Pagefind or Chromium)."""
    scale = (p.mkdocs_plain / sum(r.cpu for r in p.mkdocs)) if p.mkdocs_plain else None
    first = Row("Validation: data, front matter, cross checks (load_site)", p.validation)
    every = [(first, 1.0)] + [(r, scale or 1.0) for r in p.mkdocs] + [(r, 1.0) for r in p.after]
    profiled = sum(r.cpu for r, _ in every)
    scaled = sum(r.cpu * k for r, k in every)
    if scale:
        lines = ["| Part of the build | CPU, profiled | Share, profiled | CPU, MkDocs rows scaled | Share, scaled |",
                 "|---|--:|--:|--:|--:|"]
        for r, k in every:
            lines.append(f"| {r.label} | {r.cpu:.2f} s | {100 * r.cpu / profiled:.1f}% | {r.cpu * k:.2f} s | "
                         f"{100 * r.cpu * k / scaled:.1f}% |")
        lines.append(f"| **Total** | {profiled:.2f} s | 100% | {scaled:.2f} s | 100% |")
        lines.append("")
        lines.append(f"The MkDocs build took {p.mkdocs_plain:.2f} s of CPU without the profiler and "
                     f"{sum(r.cpu for r in p.mkdocs):.2f} s with it ({1 / scale:.2f}× slower); the scaled "
                     "columns divide its rows by that factor.")
        return "\n".join(lines)
    lines = ["| Part of the build | CPU, profiled | Share |", "|---|--:|--:|"]
    for r, _ in every:
        lines.append(f"| {r.label} | {r.cpu:.2f} s | {100 * r.cpu / profiled:.1f}% |")
    lines.append(f"| **Total** | {profiled:.2f} s | 100% |")
    return "\n".join(lines)


def _scaled(rows: list[Row], plain: float | None) -> list[Row]:
    k = (plain / sum(r.cpu for r in rows)) if plain else 1.0
    return [Row(r.label, r.cpu * k) for r in rows]


def comparison_table(ours: Profile, stock: list[Row], stock_plain: float | None) -> str:
    """CPU per part, this site against stock + prune on the same pages (MkDocs rows
    scaled to each build's CPU without the profiler)."""
    mine = {r.label: r.cpu for r in _scaled(ours.mkdocs, ours.mkdocs_plain)}
    theirs = {r.label: r.cpu for r in _scaled(stock, stock_plain)}
    lines = ["| Part of the build | This site | Stock + prune |", "|---|--:|--:|",
             f"| Validation: data, front matter, cross checks (load_site) | {ours.validation:.2f} s | – |"]
    for label in mine:
        a, b = mine[label], theirs.get(label, 0.0)
        if a or b:
            lines.append(f"| {label} | {a:.2f} s | {b:.2f} s |")
    for r in ours.after:
        lines.append(f"| {r.label} | {r.cpu:.2f} s | – |")
    total_mine = ours.validation + sum(mine.values()) + sum(r.cpu for r in ours.after)
    lines.append(f"| **Total** | {total_mine:.2f} s | {sum(theirs.values()):.2f} s |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from .__main__ import clone_project, macro_names
    from .synth import write_manual

    p = argparse.ArgumentParser(prog="python -m procedures.bench.profile", description=__doc__.split("\n\n")[0])
    p.add_argument("--chapters", type=int, default=1000, help="synthetic chapters (default 1000)")
    p.add_argument("--words", type=int, default=3000, help="words per synthetic chapter (default 3000)")
    p.add_argument("--top", type=int, default=0, help="also list this project's N most expensive functions (own time)")
    p.add_argument("--keep", action="store_true", help="keep the temporary project and build (prints where)")
    p.add_argument("--no-calibrate", action="store_true",
                   help="skip the unprofiled MkDocs build that measures the profiler's own cost")
    p.add_argument("--compare-stock", action="store_true",
                   help="also profile stock Material with navigation.prune on the same pages, part by part")
    p.add_argument("--stats", type=Path, help="also save the cProfile statistics to this file (for pstats or snakeviz)")
    args = p.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="procedures-profile-"))
    try:
        project = clone_project(work / "project")
        write_manual(project, args.chapters, args.words, macro_names(project))
        print(f"Profiling one cold build of {args.chapters} synthetic chapters …", file=sys.stderr)
        prof = profile_build(project, project / "site", args.top, calibrate=not args.no_calibrate,
                             stats_file=args.stats.resolve() if args.stats else None)
        print(f"\nOne cold build, {args.chapters} synthetic chapters of ~{args.words} words plus the real manual "
              f"(CPU seconds, profiled with cProfile on a per-thread CPU clock):\n")
        print(shares_table(prof))
        if args.compare_stock:
            from .__main__ import STOCK_CONFIGS, write_stock

            print("Profiling stock Material with navigation.prune on the same pages …", file=sys.stderr)
            write_stock(project)
            stats, total, plain, _ = profile_mkdocs(project / STOCK_CONFIGS["prune"], project / "site-prune",
                                                    calibrate=not args.no_calibrate, strict=False)
            print("\nThe same pages, this site against stock Material with navigation.prune (CPU seconds; "
                  "MkDocs rows scaled to each build's CPU without the profiler):\n")
            print(comparison_table(prof, mkdocs_rows(stats, total), plain))
        if prof.listing:
            print("\nThis project's most expensive functions (own CPU time):\n")
            print(prof.listing)
    finally:
        if args.keep:
            print(f"Kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
