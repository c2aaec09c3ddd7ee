"""``python -m procedures.bench.editions`` — what editions add to the build.

It makes the benchmark's project (a copy of the project as a fresh clone has it, plus
``--chapters`` synthetic chapters, as ``python -m procedures.bench`` does), turns it
into a git repository and cuts ``--editions`` real editions in it:

* the first edition is the log's latest release as it stands (or, if that release is
  already an edition, a new one), cut with ``procedures release``;
* before each later edition (a month apart), ``--share`` of the synthetic chapters
  (10% by default, at least one) get one sentence reworded, and one chapter gets a new
  paragraph; each changed chapter gets an ``updated`` entry in a new release of
  ``data/amendments.yml`` (written as ``procedures amend`` writes it), the change is
  committed, and ``procedures release`` checks the whole site, records the date and
  ``tag: edition-YYYY-MM`` and tags the commit.

Then it builds that same repository two ways, with ``procedures build``:

* **editions on** — the published build: every chapter read from git at every edition
  tag, superseded texts and "what changed" pages generated;
* **editions off** — the same content with ``PROCEDURES_EDITIONS=off``: no earlier
  texts.

Each build is timed **cold** (a fresh copy of the repository, no caches, no earlier
build) and **repeated** (built again in the same copy); the two columns are
interleaved and their order alternates, so that other work on the machine hits them
alike. Reported: medians of ``--repeat`` runs (at least three) of wall time and CPU time
of the whole process tree, peak memory, and the editions' cost as a share of the build
without them (the issue's target: no more than 25%). Both columns build with
``SOURCE_DATE_EPOCH`` set to the day of the last edition (the releases lie in the
future of the real log).

Figures depend on the machine: compare the two columns of one run on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..core.dates import add_months, epoch_for, month_year, pinned_today
from . import measure, synth
from .__main__ import (
    _mb,
    _s,
    _table,
    busy,
    clone_project,
    machine,
    macro_names,
    median,
    other_work_lines,
    record_other_work,
    step_times,
)

COLUMNS = ("off", "on")
LABELS = {"off": "Editions off", "on": "Editions on"}
SEED = 2027
SHARE = 0.10  # chapters reworded between two editions


# --- the repository with editions --------------------------------------------------------


@dataclass
class Cut:
    """One edition cut in the benchmark's repository."""

    tag: str
    date: date
    reworded: list[int] = field(default_factory=list)  # synthetic chapter numbers
    paragraph: int | None = None  # the chapter that gained a paragraph

    @property
    def changed(self) -> list[int]:
        return sorted(set(self.reworded) | ({self.paragraph} if self.paragraph is not None else set()))


def git(repo: Path, *args: str) -> str:
    res = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(f"git {args[0]} failed in {repo}: {(res.stderr or res.stdout).strip()}")
    return res.stdout


def plan_changes(n: int, k: int, share: float = SHARE) -> tuple[list[int], int]:
    """For the edition after ``k`` earlier ones: the chapters that get a sentence
    reworded (``share`` of ``n``, at least one) and the one that gains a paragraph."""
    rnd = random.Random(SEED * 1_009 + k)
    reworded = sorted(rnd.sample(range(n), max(1, min(n, round(n * share)))))
    return reworded, rnd.randrange(n)


_PARAGRAPH = re.compile(r"^[A-Z][^\n]*\. [A-Z][^\n]*$")


def reword(text: str, seed: int) -> str:
    """``text`` (a chapter file) with the first sentence of one body paragraph replaced
    by a new one. Paragraphs with links, macros or the chapter's marker are left alone."""
    head, sep, body = text.partition("\n---\n")
    lines = body.split("\n")
    choices = [i for i, ln in enumerate(lines) if _PARAGRAPH.match(ln) and "[" not in ln and "{{" not in ln
               and "benchmarkword" not in ln]
    if not choices:
        raise ValueError("no paragraph to reword")
    rnd = random.Random(seed)
    i = rnd.choice(choices)
    first, rest = lines[i].split(". ", 1)
    writer = synth.Writer(seed, acronyms=[])
    new = writer.sentence()[:-1]
    while new == first:
        new = writer.sentence()[:-1]
    lines[i] = f"{new}. {rest}"
    return head + sep + "\n".join(lines)


def add_paragraph(text: str, seed: int) -> str:
    """``text`` with a new paragraph at the end."""
    writer = synth.Writer(seed, acronyms=[])
    return text.rstrip("\n") + "\n\n" + " ".join(writer.sentence() for _ in range(3)) + "\n"


def record_release(repo: Path, when: date, chapters: list[int], edition: int) -> None:
    """A new release dated ``when`` in data/amendments.yml with an ``updated`` entry for
    each chapter, appended as ``procedures amend`` appends it (comments kept)."""
    from ..amendments import log as am
    from ..amendments.cli import entry_block, plan_amendment

    def summary(i: int) -> str:
        return f"Synthetic benchmark change for edition {edition}: wording revised in chapter {synth.chapter_id(i)}."

    first, *rest = chapters
    text, extra, _ = plan_amendment(repo, synth.chapter_id(first), "updated", summary(first), when,
                                    title=f"Benchmark update {month_year(when)}")
    indent = next(len(ln) - len(ln.lstrip(" ")) for ln in reversed(text.splitlines()) if ln.lstrip().startswith("- chapter:"))
    for i in rest:
        text += entry_block(indent, {"chapter": synth.chapter_id(i), "change": "updated", "summary": summary(i)})
    for rel, content in extra.items():  # the previous year's archive page, when the year turns
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(content, encoding="utf-8")
    (repo / am.FILE).write_text(text, encoding="utf-8")


def release(repo: Path, when: date) -> str:
    """Cut the edition with ``procedures release`` (run as an editor runs it); its tag."""
    nxt = add_months(when, 1)
    # the day it runs: the release day, or today if that is later (data such as the
    # accessibility results may be dated after the latest release)
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch_for(max(when, date.today())), PYTHONHASHSEED="0")
    env.pop("PROCEDURES_EDITIONS", None)
    res = subprocess.run([sys.executable, "-m", "procedures", "--root", str(repo), "release", "--date", when.isoformat(),
                          "--next-update", f"{nxt:%B %Y}"], cwd=repo, env=env, capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(f"procedures release failed for {when}:\n{res.stdout}{res.stderr}")
    return git(repo, "describe", "--tags", "--exact-match", "HEAD").strip()




def make_repository(dest: Path, n: int, editions: int, words: int = 3000, share: float = SHARE,
                    log=lambda msg: None) -> list[Cut]:
    """The benchmark's project in ``dest`` with ``n`` synthetic chapters, as a git
    repository in which ``editions`` editions have been cut (oldest first)."""
    from ..amendments import log as am
    from ..core.site import load_site

    if editions < 1 or n < 1:
        raise ValueError("at least one chapter and one edition")
    clone_project(dest)
    synth.write_manual(dest, n, words, macro_names(dest))
    files = {i: dest / "docs" / "manual" / synth.chapter_file(i) for i in range(n)}
    git(dest, "init", "-q", "-b", "main")
    for key, value in (("user.name", "Benchmark"), ("user.email", "benchmark@example.org"),
                       ("commit.gpgsign", "false"), ("tag.gpgsign", "false")):
        git(dest, "config", key, value)
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", f"The manual with {n} synthetic chapters")

    last = am.log(load_site(dest)).releases[-1]
    cuts: list[Cut] = []
    when = last.date
    for k in range(editions):
        cut = Cut(tag="", date=when)
        if k or last.tag:  # a new release: change chapters and record them
            when = add_months(when, 1)
            cut.date = when
            cut.reworded, cut.paragraph = plan_changes(n, k, share)
            for i in cut.reworded:
                files[i].write_text(reword(files[i].read_text(encoding="utf-8"), SEED * 7 + k * 100_003 + i), encoding="utf-8")
            p = files[cut.paragraph]
            p.write_text(add_paragraph(p.read_text(encoding="utf-8"), SEED * 11 + k), encoding="utf-8")
            with pinned_today(max(when, date.today())):
                record_release(dest, when, cut.changed, k + 1)
            git(dest, "add", "-A")
            git(dest, "commit", "-q", "-m", f"Edition {k + 1}: {len(cut.changed)} chapters changed")
        cut.tag = release(dest, when)
        log(f"  cut {cut.tag} ({when}): {len(cut.changed)} chapters changed")
        cuts.append(cut)
    return cuts


# --- timing ------------------------------------------------------------------------------


def build_env(column: str, last: date) -> dict[str, str]:
    """The same environment for both columns but the off switch."""
    env = dict(os.environ, PYTHONHASHSEED="0", SOURCE_DATE_EPOCH=epoch_for(last))
    env.pop("PROCEDURES_EDITIONS", None)
    if column == "off":
        env["PROCEDURES_EDITIONS"] = "off"
    return env


def order(r: int) -> list[str]:
    return list(COLUMNS) if r % 2 == 0 else list(reversed(COLUMNS))


def edition_pages(site: Path) -> int:
    """Pages of earlier texts and of changes in a built site (manual/<slug>/editions/…)."""
    return sum(1 for _ in site.glob("manual/*/editions/**/index.html"))


def summarise(runs: dict[str, dict[str, list[measure.Run]]]) -> dict:
    out: dict = {}
    for col, kinds in runs.items():
        out[col] = {}
        for kind, rs in kinds.items():
            steps = [step_times(r.output) for r in rs]
            names = list(dict.fromkeys(k for s in steps for k in s))
            out[col][kind] = {
                "wall": median([r.wall for r in rs]),
                "cpu": median([r.cpu for r in rs]),
                "peak_pss_mb": max((r.peak_tree_mb for r in rs), default=None),
                "walls": [round(r.wall, 2) for r in rs],
                "cpus": [round(r.cpu, 2) for r in rs],
                "steps": {k: median([s.get(k) for s in steps]) for k in names},
            }
    return out


def cost(on: float | None, off: float | None) -> float | None:
    """What editions add, as a percentage of the build without them."""
    return None if not on or not off else (on / off - 1) * 100


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:+.1f}%"


def headline(res: dict) -> str:
    b = res["build"]
    on, off = b["on"]["cold"], b["off"]["cold"]
    return (f"Editions, {res['chapters']} chapters, {res['editions']} editions, cold build: editions on {_s(on['wall'])} "
            f"against off {_s(off['wall'])} = {_pct(cost(on['wall'], off['wall']))} wall (target ≤ +25%), "
            f"{_pct(cost(on['cpu'], off['cpu']))} CPU")


def report(res: dict) -> str:
    b = res["build"]

    def row(label: str, kind: str, key: str, fmt) -> tuple[str, ...]:
        off, on = b["off"][kind][key], b["on"][kind][key]
        return (label, fmt(off), fmt(on), _pct(cost(on, off)))

    rows = [
        row("Cold build (fresh copy, empty caches), wall time", "cold", "wall", _s),
        row("… CPU time, all processes", "cold", "cpu", _s),
        row("… peak memory, all processes (PSS)", "cold", "peak_pss_mb", _mb),
        row("Repeated build, wall time", "repeated", "wall", _s),
        row("… CPU time, all processes", "repeated", "cpu", _s),
        row("… peak memory, all processes (PSS)", "repeated", "peak_pss_mb", _mb),
    ]
    for kind in ("cold", "repeated"):
        for step in dict.fromkeys(list(b["off"][kind]["steps"]) + list(b["on"][kind]["steps"])):
            off, on = b["off"][kind]["steps"].get(step), b["on"][kind]["steps"].get(step)
            rows.append((f"… {kind}: {step} (wall)", _s(off), _s(on), _pct(cost(on, off))))
    rows.append(("Pages of earlier texts and changes built", str(res["pages"]["off"]), str(res["pages"]["on"]), ""))
    cuts = res["cuts"]
    lines = [f"{res['chapters']} synthetic chapters of ~{res['words']:,} words plus the real manual; "
             f"{len(cuts)} editions ({', '.join(c['tag'] for c in cuts)}), "
             f"{', '.join(str(len(c['changed'])) for c in cuts[1:]) or 'no'} chapters changed between them; "
             f"medians of {len(b['on']['cold']['walls'])} interleaved runs", "", headline(res), ""]
    lines[2:2] = other_work_lines(res)
    return "\n".join(lines + _table(("Measure", LABELS["off"], LABELS["on"], "Editions add"), rows))


def bench(n: int, editions: int, args, work: Path) -> dict:
    print(f"\n=== {n} synthetic chapters (+ the real manual), {editions} editions ===", file=sys.stderr)
    base = work / f"repo-{n}-{editions}"
    cuts = make_repository(base, n, editions, args.words, args.share, log=lambda m: print(m, file=sys.stderr))
    last = cuts[-1].date
    runs: dict[str, dict[str, list[measure.Run]]] = {c: {"cold": [], "repeated": []} for c in COLUMNS}
    pages: dict[str, int] = {}
    for r in range(args.repeat):
        for col in order(r):
            copy = work / f"n{n}-{col}"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(base, copy, symlinks=True)
            for kind in ("cold", "repeated"):
                print(f"  round {r + 1}/{args.repeat}: {LABELS[col]}, {kind} build …", file=sys.stderr)
                run = measure.run_measured([sys.executable, "-m", "procedures", "--root", ".", "build", "--out", "site"],
                                           cwd=copy, env=build_env(col, last))
                if run.returncode != 0:
                    raise SystemExit(f"{LABELS[col]}: the build failed:\n{run.output[-4000:]}")
                runs[col][kind].append(run)
            pages[col] = edition_pages(copy / "site")
    # the two columns must differ in what they measure, or the comparison means nothing
    if pages["on"] == 0 or pages["off"] != 0:
        raise SystemExit(f"the builds did not do what they should: {pages['on']} edition pages with editions on, "
                         f"{pages['off']} with them off")
    return {"chapters": n, "editions": editions, "words": args.words, "build": summarise(runs), "pages": pages,
            "cuts": [{"tag": c.tag, "date": c.date.isoformat(), "changed": c.changed} for c in cuts]}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m procedures.bench.editions", description=__doc__.split("\n\n")[0])
    p.add_argument("--chapters", type=int, default=1000, help="synthetic chapters (default 1000)")
    p.add_argument("--editions", type=int, default=5, help="editions to cut, at least 2 (default 5)")
    p.add_argument("--share", type=float, default=SHARE, help="share of chapters reworded between editions (default 0.1)")
    p.add_argument("--words", type=int, default=3000, help="words per synthetic chapter (default 3000)")
    p.add_argument("--repeat", type=int, default=3, help="interleaved runs of each build; medians are reported "
                   "(default 3; fewer is refused unless --quick)")
    p.add_argument("--quick", action="store_true", help="allow --repeat below 3 (a smoke test: its figures are not results)")
    p.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    p.add_argument("--keep", action="store_true", help="keep the repository and builds (prints where)")
    args = p.parse_args(argv)
    if args.repeat < 3 and not args.quick:
        p.error("--repeat below 3 gives no honest median: add --quick for a smoke test")
    if args.repeat < 1 or args.chapters < 1:
        p.error("--repeat and --chapters must be at least 1")
    if args.editions < 2:
        p.error("--editions must be at least 2, so that chapters change between editions")
    if not 0 < args.share <= 1:
        p.error("--share must be above 0 and at most 1")

    print(machine(), file=sys.stderr)
    if busy():
        print("WARNING: the machine is busy (load average above half its cores): the timings of this run "
              "are not results; measure again on a quiet machine", file=sys.stderr)
    work = Path(tempfile.mkdtemp(prefix="procedures-bench-editions-"))
    try:
        started = time.perf_counter()
        other = measure.OtherWork()
        res = bench(args.chapters, args.editions, args, work)
        res["bench_seconds"] = round(time.perf_counter() - started)
        record_other_work(res, other)
        print("\n" + report(res) + "\n", flush=True)
    finally:
        if args.keep:
            print(f"Kept the repository and builds in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "result": res}, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
