"""``make bench`` — the performance benchmark (prints figures; it is not a test).

For each manual size N (default 400 and 1000) it makes a copy of the project as a fresh
clone has it (the files git tracks, plus uncommitted edits; never ``.cache/``, ``site/``
or other ignored files), adds N deterministic synthetic chapters shaped like real ones
(procedures/bench/synth.py: links, headings, tables, lists, admonitions, glossary terms,
at-a-glance blocks, a large vocabulary), and builds the same content three ways:

* **stock** — stock Material for MkDocs, theme defaults and its built-in search;
* **stock + prune** — the same plus the one line ``navigation.prune``, the strongest
  stock setup (the chapters are grouped in the manual's sections in both);
* **this site** — ``procedures build``: validation, the MkDocs build, valid-HTML fixes,
  search indexing, the PDFs and the security headers.

Each build is timed **cold** (a fresh copy with empty caches) and **repeated** (built
again in the same copy); the three columns are interleaved, and their order rotates,
so that other work on the machine hits them alike. Reported: medians of ``--repeat``
runs (at least three) of wall time, CPU time of the whole process tree (the build and
every program it waited for: Pagefind, Chromium) and peak memory as PSS summed over the
process tree (memory shared between processes counted once). The headline is the cold
build against stock + prune.

Then, on the last builds: a chapter page's HTML, raw and gzip; a first visit to it in
Chromium (bytes, requests); search (bytes, ms to the first result: median and range of
``--searches`` visits, default nine, the columns alternating); save-to-preview for
a one-chapter edit under the preview server (at 400 chapters; worst of five edits and
median); Lighthouse mobile scores (skipped with a message without Node).

Run ``python -m procedures.bench --help`` for the options. Figures depend on the machine
and on what else it is doing: compare the columns of one run on a quiet machine, never
figures from different machines.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from . import measure
from .synth import PREFIX, QUERY_WORD, chapter_id, write_manual

REPO = Path(__file__).resolve().parents[2]
COPY = ("mkdocs.yml", "data", "docs", "overrides", "macros")  # without git: what a build reads
STOCK_DOCS = "docs-stock"
STOCK_CONFIGS = {"stock": "mkdocs-stock.yml", "prune": "mkdocs-stock-prune.yml"}
COLUMNS = ("stock", "prune", "ours")
LABELS = {"stock": "Stock Material", "prune": "Stock + prune", "ours": "This site"}
OUT = {"stock": "site-stock", "prune": "site-prune", "ours": "site"}


# --- preparing the projects -------------------------------------------------------------


def _git_files(repo: Path) -> list[str] | None:
    """Tracked files plus new files git does not ignore (what a clone of the work would hold)."""
    try:
        res = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=repo,
                             capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return [f for f in res.stdout.decode("utf-8", "surrogateescape").split("\0") if f]


def clone_project(dest: Path, repo: Path = REPO) -> Path:
    """A copy of the project as a fresh clone has it: no caches, no earlier builds."""
    dest.mkdir(parents=True, exist_ok=True)
    files = _git_files(repo)
    if files is None:  # not a git checkout: copy what a build reads
        for name in COPY:
            src = repo / name
            if src.is_dir():
                shutil.copytree(src, dest / name, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", ".preview-*", ".cache"))
            elif src.exists():
                shutil.copy2(src, dest / name)
        return dest
    for rel in files:
        src = repo / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


def macro_names(project: Path) -> set[str]:
    """The page macros the project defines (the synthetic chapters use contact() and
    timescale() when they exist)."""
    from .. import registry
    from ..core.site import load_site, resolve

    site = load_site(project)
    names: set[str] = set()
    for spec in registry.MACRO_MODULES:
        try:
            names |= set(resolve(spec).macros(site))
        except Exception:  # noqa: BLE001 - a module that cannot list its macros here is skipped
            continue
    return names


_TEMPLATE_LINE = re.compile(r"^template:.*\n", re.M)


def write_stock(project: Path) -> dict[str, Path]:
    """Stock Material configurations for the same pages: theme defaults, the built-in
    search plugin, the same Markdown extensions and the same navigation, grouped in the
    manual's sections as this site's is; one with ``navigation.prune`` added."""
    from mkdocs.utils.yaml import yaml_load

    from .. import registry
    from ..core.site import load_site, resolve

    site = load_site(project)
    if site.report.errors:
        raise SystemExit("The project copy does not validate, so it cannot be benchmarked:\n"
                         + "\n".join(str(p) for p in site.report.errors))
    with open(project / "mkdocs.yml", encoding="utf-8") as fh:
        raw = yaml_load(fh)

    def expand(items):
        out = []
        for item in items:
            if isinstance(item, str) and item in registry.NAV_EXPANDERS:
                out.extend(resolve(registry.NAV_EXPANDERS[item])(site))
            elif isinstance(item, dict):
                out.append({k: expand(v) if isinstance(v, list) else v for k, v in item.items()})
            else:
                out.append(item)
        return out

    # stock Material has none of this site's page templates: drop `template:` keys
    docs = project / STOCK_DOCS
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(project / "docs", docs)
    for md in docs.rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        if text.startswith("---") and "\ntemplate:" in text.split("\n---", 1)[0]:
            head, rest = text.split("\n---", 1)
            md.write_text(_TEMPLATE_LINE.sub("", head + "\n", count=1).rstrip("\n") + "\n---" + rest, encoding="utf-8")
    paths = {}
    for name, filename in STOCK_CONFIGS.items():
        theme: dict = {"name": "material"}
        if name == "prune":
            theme["features"] = ["navigation.prune"]
        stock = {
            "site_name": raw["site_name"],
            "site_url": raw.get("site_url"),
            "docs_dir": STOCK_DOCS,
            "theme": theme,
            "plugins": ["search"],
            "markdown_extensions": raw.get("markdown_extensions", []),
            "nav": expand(raw.get("nav", [])),
        }
        paths[name] = project / filename
        paths[name].write_text(yaml.dump(stock, Dumper=yaml.Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return paths


def build_command(column: str) -> list[str]:
    """The build of one column, run inside a project copy."""
    if column == "ours":
        return [sys.executable, "-m", "procedures", "--root", ".", "build", "--out", OUT["ours"]]
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", STOCK_CONFIGS[column], "-d", OUT[column]]


# --- one size ---------------------------------------------------------------------------


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def step_times(output: str) -> dict[str, float]:
    """``procedures build`` prints "  <step> done in 1.2 s" for every after-build step."""
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"^\s+(\S+) done in ([\d.]+) s$", output, re.M)}


def order(r: int) -> list[str]:
    """The columns' order in round ``r``: rotated, so none always runs first or last."""
    k = r % len(COLUMNS)
    return list(COLUMNS[k:] + COLUMNS[:k])


def summarise(runs: dict[str, dict[str, list[measure.Run]]]) -> dict:
    """Medians per column and kind ("cold", "repeated"); peak memory is the largest seen."""
    out: dict = {}
    for col, kinds in runs.items():
        out[col] = {}
        for kind, rs in kinds.items():
            out[col][kind] = {
                "wall": median([r.wall for r in rs]),
                "cpu": median([r.cpu for r in rs]),
                "peak_pss_mb": max((r.peak_tree_mb for r in rs), default=None),
                "peak_process_mb": max((r.peak_process_mb for r in rs), default=None),
                "walls": [round(r.wall, 2) for r in rs],
                "cpus": [round(r.cpu, 2) for r in rs],
            }
            if col == "ours":
                steps = [step_times(r.output) for r in rs]
                names = list(dict.fromkeys(k for s in steps for k in s))
                out[col][kind]["steps"] = {k: median([s.get(k) for s in steps]) for k in names}
    return out


def bench_size(n: int, args, work: Path, browser, lighthouse_cmd) -> dict:
    print(f"\n=== {n} synthetic chapters (+ the real manual) ===", file=sys.stderr)
    base = clone_project(work / f"base-{n}")
    write_manual(base, n, args.words, macro_names(base))
    write_stock(base)
    env = dict(os.environ, PYTHONHASHSEED="0")
    res: dict = {"chapters": n, "words": args.words, "real_chapters": len([p for p in (base / "docs/manual").glob("*.md")
                                                       if not p.name.startswith(PREFIX)]) - 1}

    runs: dict[str, dict[str, list[measure.Run]]] = {c: {"cold": [], "repeated": []} for c in COLUMNS}
    last: dict[str, Path] = {}
    for r in range(args.repeat):
        for col in order(r):
            copy = work / f"n{n}-{col}"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(base, copy, symlinks=True)
            for kind in ("cold", "repeated"):
                print(f"  round {r + 1}/{args.repeat}: {LABELS[col]}, {kind} build …", file=sys.stderr)
                run = measure.run_measured(build_command(col), cwd=copy, env=env)
                if run.returncode != 0:
                    raise SystemExit(f"{LABELS[col]}: the build failed:\n{run.output[-4000:]}")
                runs[col][kind].append(run)
            last[col] = copy / OUT[col]
    res["build"] = summarise(runs)

    # a chapter page in the middle of the manual
    slug = f"{PREFIX}{n // 2:04d}"
    page = f"manual/{slug}/"
    res["page"] = page
    res["html"] = {}
    for col in COLUMNS:
        html = (last[col] / page / "index.html").read_bytes()
        res["html"][col] = {"raw": len(html), "gzip": len(gzip.compress(html, 6, mtime=0))}

    if browser is not None:
        ours_srv, stock_srv = measure.Server(last["ours"]), measure.Server(last["prune"])
        try:
            visits = {"ours": [], "prune": []}
            searches = {"ours": [], "prune": []}
            focused = {"ours": [], "prune": []}
            inputs = {"ours": "[data-search-input]", "prune": ".md-search__input"}
            servers = {"ours": ours_srv, "prune": stock_srv}
            for _ in range(args.repeat):
                for col in ("ours", "prune"):
                    visits[col].append(measure.first_visit(browser, servers[col], page))
            # a search takes a few hundred milliseconds and varies by tens of them from one
            # visit to the next: more visits than builds, the columns' order alternating
            for i in range(max(args.searches, args.repeat)):
                for col in ("ours", "prune") if i % 2 == 0 else ("prune", "ours"):
                    searches[col].append(measure.search_visit(browser, servers[col], page, args.query, inputs[col],
                                                              ".md-search-result__item"))
                    focused[col].append(measure.search_visit(browser, servers[col], page, args.query, inputs[col],
                                                             ".md-search-result__item", focus_first=True))
            res["visit"] = {k: {"bytes": median([v.page_bytes for v in vs]), "requests": median([v.page_requests for v in vs]),
                                "background_bytes": median([v.total_bytes - v.page_bytes for v in vs]),
                                "background_requests": median([v.requests - v.page_requests for v in vs]),
                                "third_party": sorted({u for v in vs for u in v.third_party}),
                                "files": vs[0].page_by_url} for k, vs in visits.items()}
            res["search"] = {k: {"bytes": median([v.search_bytes for v in vs]), "requests": median([v.search_requests for v in vs]),
                                 "ms_after_typing": median([v.ms_after_typing for v in vs]),
                                 "ms_after_open": median([v.ms_after_open for v in vs]),
                                 "results_shown": vs[0].results,
                                 "ms_after_typing_focused": median([v.ms_after_typing for v in focused[k]]),
                                 "visits": len(vs),
                                 "ms_after_typing_all": [v.ms_after_typing for v in vs],
                                 "ms_after_typing_focused_all": [v.ms_after_typing for v in focused[k]]}
                             for k, vs in searches.items()}
            if lighthouse_cmd and n in args.lighthouse_at:
                res["lighthouse"] = {}
                for name, srv in (("ours", ours_srv), ("prune", stock_srv)):
                    lh = [measure.lighthouse(lighthouse_cmd, srv.base + page, work / f"lh-{name}-{n}-{i}.json")
                          for i in range(args.lighthouse_runs)]
                    ok = [x for x in lh if isinstance(x, dict)]
                    res["lighthouse"][name] = (
                        {k: median([x[k] for x in ok]) for k in ok[0] if k != "failed"} | {"failed": ok[0]["failed"]}
                        if ok else {"error": lh[0]}
                    )
        finally:
            ours_srv.close()
            stock_srv.close()

        if n in args.preview_at:
            res["preview"] = bench_preview(n, last["ours"].parent, last["prune"].parent, browser, args)
    return res


def bench_preview(n: int, ours: Path, stock: Path, browser, args) -> dict:
    name = f"{PREFIX}{n // 2:04d}.md"
    page = f"manual/{PREFIX}{n // 2:04d}/"
    m = n // 2 - 5  # an earlier chapter in the same section: its nav label must be present
    neighbour = f"{chapter_id(m)} Benchmark chapter {m:04d}"

    def nav_ok(pg) -> bool:
        labels = pg.eval_on_selector_all(".md-nav--primary .md-nav__link", "els => els.map(e => e.innerText.trim())")
        return "None" not in labels and any(label.startswith(neighbour) for label in labels)

    env = dict(os.environ, PYTHONHASHSEED="0")
    out = {}
    runs = {
        "ours": (ours, [sys.executable, "-m", "procedures", "--root", ".", "serve", "--port", "{port}"],
                 ours / "docs" / "manual" / name),
        "prune": (stock, [sys.executable, "-m", "mkdocs", "serve", "-f", STOCK_CONFIGS["prune"], "-a", "127.0.0.1:{port}"],
                  stock / STOCK_DOCS / "manual" / name),
        "prune_dirty": (stock, [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", STOCK_CONFIGS["prune"],
                                "-a", "127.0.0.1:{port}"], stock / STOCK_DOCS / "manual" / name),
    }
    for key, (cwd, cmd, source) in runs.items():
        port = measure.free_port()
        print(f"  save-to-preview: {key} …", file=sys.stderr)
        p = measure.save_to_preview([c.format(port=port) for c in cmd], cwd, env, port, page, source, browser,
                                    edits=args.edits, nav_check=nav_ok)
        out[key] = {"initial": p.initial_build, "median": median(p.edits), "worst": max(p.edits, default=None),
                    "edits": [round(e, 2) for e in p.edits], "nav_ok": p.nav_ok, "note": p.note}
    return out


# --- the report -------------------------------------------------------------------------


def _kb(b):
    return "–" if b is None else f"{b / 1024:,.1f} KB"


def _s(x):
    return "–" if x is None else f"{x:.2f} s"


def _ms(x):
    return "–" if x is None else f"{x:,.0f} ms"


def _ms_range(fig: dict, key: str) -> str:
    """The median, and the fastest and slowest visit where they were kept (JSON of older runs has no list)."""
    values = [v for v in fig.get(key + "_all") or [] if v is not None]
    if len(values) < 2:
        return _ms(fig.get(key))
    return f"{_ms(fig.get(key))} ({min(values):,.0f}–{max(values):,.0f})"


def _mb(x):
    return "–" if x is None else f"{x:,.0f} MB"


def _ratio(a, b):
    return "–" if not a or not b else f"{a / b:.2f}×"


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    width = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    lines = ["| " + " | ".join(t.ljust(width[i]) for i, t in enumerate(header)) + " |",
             "|" + "|".join("-" * (w + 2) for w in width) + "|"]
    return lines + ["| " + " | ".join(t.ljust(width[i]) for i, t in enumerate(r)) + " |" for r in rows]


def headline(res: dict) -> str:
    b = res["build"]
    o, p = b["ours"]["cold"], b["prune"]["cold"]
    return (f"Headline, {res['chapters']} chapters, cold build: this site {_s(o['wall'])} against stock + prune "
            f"{_s(p['wall'])} = {_ratio(o['wall'], p['wall'])} wall (target ≤ 1.00×), {_ratio(o['cpu'], p['cpu'])} CPU; "
            f"peak memory {_mb(o['peak_pss_mb'])} against {_mb(p['peak_pss_mb'])} = "
            f"{_ratio(o['peak_pss_mb'], p['peak_pss_mb'])} (target ≤ 2×)")


def report(res: dict) -> str:
    n = res["chapters"]
    b = res["build"]

    def three(label: str, kind: str, key: str, fmt) -> tuple[str, ...]:
        v = {c: b[c][kind][key] for c in COLUMNS}
        return (label, fmt(v["stock"]), fmt(v["prune"]), fmt(v["ours"]), _ratio(v["ours"], v["prune"]),
                _ratio(v["ours"], v["stock"]))

    rows: list[tuple[str, ...]] = [
        three("Cold build (fresh copy, empty caches), wall time", "cold", "wall", _s),
        three("… CPU time, all processes", "cold", "cpu", _s),
        three("… peak memory, all processes (PSS)", "cold", "peak_pss_mb", _mb),
        three("… largest single process", "cold", "peak_process_mb", _mb),
        three("Repeated build, wall time", "repeated", "wall", _s),
        three("… CPU time, all processes", "repeated", "cpu", _s),
        three("… peak memory, all processes (PSS)", "repeated", "peak_pss_mb", _mb),
    ]
    for kind in ("cold", "repeated"):
        for step, secs in b["ours"][kind].get("steps", {}).items():
            rows.append((f"… this site, {kind}: {step} (wall)", "", "", _s(secs), "", ""))
    h = res["html"]
    for key, label in (("raw", "Chapter page HTML, raw"), ("gzip", "Chapter page HTML, gzip")):
        rows.append((label, _kb(h["stock"][key]), _kb(h["prune"][key]), _kb(h["ours"][key]),
                     _ratio(h["ours"][key], h["prune"][key]), _ratio(h["ours"][key], h["stock"][key])))
    lines = [f"{n} synthetic chapters of ~{res.get('words', 3000):,} words plus the real manual ({res['real_chapters']} chapters); "
             f"page {res['page']}; medians of {len(b['ours']['cold']['walls'])} interleaved runs", "",
             headline(res), ""]
    lines[2:2] = other_work_lines(res)
    lines += _table(("Measure", "Stock Material", "Stock + prune", "This site", "÷ stock + prune", "÷ stock"), rows)

    rows2: list[tuple[str, ...]] = []
    if "visit" in res:
        v = res["visit"]
        rows2.append(("First visit to a chapter page: bytes the page loads (gzip)", _kb(v["ours"]["bytes"]),
                      _kb(v["prune"]["bytes"]), _ratio(v["ours"]["bytes"], v["prune"]["bytes"])))
        rows2.append(("… requests", str(v["ours"]["requests"]), str(v["prune"]["requests"]), ""))
        if "background_bytes" in v["ours"]:
            rows2.append(("… then saved for offline use by the service worker, in the background",
                          f"{_kb(v['ours']['background_bytes'])} in {v['ours']['background_requests']} requests",
                          f"{_kb(v['prune']['background_bytes'])} in {v['prune']['background_requests']} requests", ""))
        rows2.append(("… requests to other hosts (blocked)", str(len(v["ours"]["third_party"])),
                      str(len(v["prune"]["third_party"])), ""))
        s = res["search"]
        rows2.append((f"Search “{res.get('query', QUERY_WORD)}”: bytes transferred", _kb(s["ours"]["bytes"]),
                      _kb(s["prune"]["bytes"]), _ratio(s["ours"]["bytes"], s["prune"]["bytes"])))
        visits = f" (median of {s['ours']['visits']} visits, range)" if "visits" in s["ours"] else ""
        if "ms_after_typing_focused" in s["ours"]:
            rows2.append((f"… ms from typing to first results, the box focused first{visits}",
                          _ms_range(s["ours"], "ms_after_typing_focused"), _ms_range(s["prune"], "ms_after_typing_focused"),
                          _ratio(s["ours"]["ms_after_typing_focused"], s["prune"]["ms_after_typing_focused"])))
        rows2.append((f"… ms from typing to first results, typed on a cold page{visits}",
                      _ms_range(s["ours"], "ms_after_typing"), _ms_range(s["prune"], "ms_after_typing"),
                      _ratio(s["ours"]["ms_after_typing"], s["prune"]["ms_after_typing"])))
        rows2.append(("… ms from opening the page to first results", _ms(s["ours"]["ms_after_open"]),
                      _ms(s["prune"]["ms_after_open"]), _ratio(s["ours"]["ms_after_open"], s["prune"]["ms_after_open"])))
    if "preview" in res:
        p = res["preview"]
        rows2.append(("Save-to-preview, one chapter edited: worst edit", _s(p["ours"]["worst"]), _s(p["prune"]["worst"]),
                      _ratio(p["ours"]["worst"], p["prune"]["worst"])))
        rows2.append(("… median edit", _s(p["ours"]["median"]), _s(p["prune"]["median"]),
                      _ratio(p["ours"]["median"], p["prune"]["median"])))
        rows2.append(("… navigation correct after the edit", str(p["ours"]["nav_ok"]), str(p["prune"]["nav_ok"]), ""))
        rows2.append(("… stock + prune `mkdocs serve --dirty`: worst / navigation correct", "",
                      f"{_s(p['prune_dirty']['worst'])} / {p['prune_dirty']['nav_ok']}", ""))
        rows2.append(("… first preview after starting the server", _s(p["ours"]["initial"]), _s(p["prune"]["initial"]),
                      _ratio(p["ours"]["initial"], p["prune"]["initial"])))
    if "lighthouse" in res:
        lh = res["lighthouse"]
        for cat in ("performance", "accessibility", "best-practices", "seo"):
            o, s_ = lh["ours"].get(cat), lh["prune"].get(cat)
            rows2.append((f"Lighthouse mobile: {cat}", "–" if o is None else f"{o:.0f}", "–" if s_ is None else f"{s_:.0f}", ""))
        for key, label in (("largest-contentful-paint", "LCP"), ("total-blocking-time", "TBT")):
            o, s_ = lh["ours"].get(key), lh["prune"].get(key)
            rows2.append((f"… {label} (simulated mobile)", _ms(o), _ms(s_), _ratio(o, s_)))
    elif res.get("lighthouse_note") and rows2:
        rows2.append(("Lighthouse mobile", res["lighthouse_note"], "", ""))
    if rows2:
        lines += [""] + _table(("Measure", "This site", "Stock + prune", "Ratio"), rows2)
    if "visit" in res:
        lines += ["", "First visit to a chapter page, request by request (what the page loads, not the offline copy; bytes "
                  "sent: headers and body, gzip where a host would):", ""]
        lines += _table(("Request (this site)", "Bytes"), [(u, _kb(b)) for u, b in sorted(
            res["visit"]["ours"]["files"].items(), key=lambda kv: -kv[1])])
        lines += [""] + _table(("Request (stock + prune)", "Bytes"), [(u, _kb(b)) for u, b in sorted(
            res["visit"]["prune"]["files"].items(), key=lambda kv: -kv[1])])
    return "\n".join(lines)


def machine() -> str:
    cpus = os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{platform.node() or 'machine'}: {cpus} CPU cores, Python {platform.python_version()}, load average {load:.1f} at start"


def busy() -> bool:
    """Other work is running: a load average above half the cores."""
    if not hasattr(os, "getloadavg"):
        return False
    return os.getloadavg()[0] > 0.5 * (os.cpu_count() or 1)


def record_other_work(res: dict, other: measure.OtherWork) -> None:
    """Whether other work shared the machine during a run (``res["busy"]``): the CPU time
    the machine spent beyond this benchmark's own, where the kernel says; the load average
    (which the benchmark's own builds raise) only where it does not."""
    cores = other.cores()
    res["other_cores"] = None if cores is None else round(cores, 3)
    res["busy"] = busy() if cores is None else cores > measure.OtherWork.LIMIT


def other_work_lines(res: dict) -> list[str]:
    cores = res.get("other_cores")
    if res.get("busy"):
        what = (f"other work used {cores:.2f} cores on average" if cores is not None
                else "the machine was busy (load average above half its cores)")
        return [f"WARNING: {what} during this run: these timings are not results.", ""]
    if cores is not None:
        return [f"Other work on the machine during this run: {cores:.2f} cores on average "
                f"(up to {measure.OtherWork.LIMIT} counts as quiet).", ""]
    return []


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m procedures.bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--chapters", type=int, nargs="+", default=[400, 1000], help="manual sizes to measure (default: 400 1000)")
    p.add_argument("--words", type=int, default=3000, help="words per synthetic chapter (default 3000)")
    p.add_argument("--repeat", type=int, default=3, help="interleaved runs of each build and browser measurement; "
                   "medians are reported (default 3; fewer is refused unless --quick)")
    p.add_argument("--searches", type=int, default=9, help="interleaved search visits of each kind (cold page, box "
                   "focused first) per column; medians are reported with the range (default 9, never fewer than --repeat)")
    p.add_argument("--edits", type=int, default=5, help="edits timed for save-to-preview; the worst is reported (default 5)")
    p.add_argument("--quick", action="store_true", help="allow --repeat below 3 (a smoke test: its figures are not results)")
    p.add_argument("--query", default=QUERY_WORD, help=f"the one-word search query (default {QUERY_WORD!r})")
    p.add_argument("--preview-at", type=int, nargs="*", default=[400], help="sizes at which to time save-to-preview (default 400)")
    p.add_argument("--lighthouse-at", type=int, nargs="*", default=None, help="sizes at which to run Lighthouse (default: all)")
    p.add_argument("--lighthouse-runs", type=int, default=1, help="Lighthouse runs per page (median; default 1)")
    p.add_argument("--no-browser", action="store_true", help="skip everything that needs Chromium")
    p.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    p.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    p.add_argument("--keep", action="store_true", help="keep the temporary projects and builds (prints where)")
    p.add_argument("--editions", type=int, help="measure instead what this many editions add to the build, at one "
                   "--chapters size (the same as python -m procedures.bench.editions)")
    args = p.parse_args(argv)
    if args.editions is not None:
        if len(args.chapters) != 1:
            p.error("--editions measures one size: give one --chapters value, e.g. --chapters 1000 --editions 5")
        from . import editions

        return editions.main(["--chapters", str(args.chapters[0]), "--editions", str(args.editions), "--words", str(args.words),
                              "--repeat", str(args.repeat)] + ["--quick"] * args.quick + ["--keep"] * args.keep
                             + (["--json", str(args.json)] if args.json else []))
    if args.repeat < 3 and not args.quick:
        p.error("--repeat below 3 gives no honest median: add --quick for a smoke test")
    if args.lighthouse_at is None:
        args.lighthouse_at = list(args.chapters)

    print(machine(), file=sys.stderr)
    if busy():
        print("WARNING: the machine is busy (load average above half its cores): the timings of this run "
              "are not results; measure again on a quiet machine", file=sys.stderr)
    work = Path(tempfile.mkdtemp(prefix="procedures-bench-"))
    lighthouse_cmd, lh_note = (None, "skipped (--no-lighthouse)") if args.no_lighthouse or args.no_browser else measure.lighthouse_command()
    if lh_note:
        print(lh_note, file=sys.stderr)
    results = []
    try:
        if args.no_browser:
            browser_cm = None
        else:
            from playwright.sync_api import sync_playwright

            browser_cm = sync_playwright()
        pw = browser_cm.__enter__() if browser_cm else None
        browser = pw.chromium.launch(executable_path=measure.CHROMIUM, args=measure.CHROMIUM_ARGS, headless=True) if pw else None
        try:
            for n in args.chapters:
                started = time.perf_counter()
                other = measure.OtherWork()
                res = bench_size(n, args, work, browser, lighthouse_cmd)
                res["query"] = args.query
                if lh_note:
                    res["lighthouse_note"] = lh_note
                res["bench_seconds"] = round(time.perf_counter() - started)
                record_other_work(res, other)
                results.append(res)
                print("\n" + report(res) + "\n", flush=True)
            if len(results) > 1:
                print("\n".join(headline(r) for r in results), flush=True)
        finally:
            if browser:
                browser.close()
            if browser_cm:
                browser_cm.__exit__(None, None, None)
    finally:
        if args.keep:
            print(f"Kept the projects and builds in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "results": results}, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
