"""``make bench`` — the performance benchmark (prints figures; it is not a test).

For each manual size N (default 400 and 1000) it copies the real project (config,
templates, data, docs) into a temporary folder, adds N deterministic synthetic chapters
of about 3,000 words (procedures/bench/synth.py), and measures, side by side on the same
content, this site and stock Material for MkDocs (theme defaults, built-in lunr search,
no procedures plugin):

* full build: wall time, CPU time and peak memory (``procedures build`` includes
  validation, search indexing and every after-build step);
* a chapter page's HTML, raw and gzip;
* a first visit to a chapter page in Chromium: bytes on the wire and requests;
* search: bytes transferred and milliseconds until the first result of a one-word query;
* save-to-preview for a one-chapter edit under the preview server (at 400 chapters);
* Lighthouse mobile scores of a chapter page (skipped with a message without Node).

Run ``python -m procedures.bench --help`` for the options. Figures depend on the machine:
always compare the two columns of the same run, never figures from different machines.
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
import sys
import tempfile
import time
from pathlib import Path

import yaml

from . import measure
from .synth import PREFIX, QUERY_WORD, chapter_id, write_manual

REPO = Path(__file__).resolve().parents[2]
COPY = ("mkdocs.yml", "data", "docs", "overrides", "macros")
STOCK_CONFIG = "mkdocs-stock.yml"
STOCK_DOCS = "docs-stock"


# --- preparing the two projects ---------------------------------------------------------


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPY:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", ".preview-*"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


_TEMPLATE_LINE = re.compile(r"^template:.*\n", re.M)


def write_stock(project: Path) -> Path:
    """A stock Material configuration for the same pages: theme defaults, the built-in
    search plugin, the same Markdown extensions and the same (expanded) navigation."""
    from mkdocs.utils.yaml import yaml_load

    from .. import registry
    from ..site import load_site, resolve

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
    stock = {
        "site_name": raw["site_name"],
        "site_url": raw.get("site_url"),
        "docs_dir": STOCK_DOCS,
        "theme": {"name": "material"},
        "plugins": ["search"],
        "markdown_extensions": raw.get("markdown_extensions", []),
        "nav": expand(raw.get("nav", [])),
    }
    path = project / STOCK_CONFIG
    path.write_text(yaml.dump(stock, Dumper=yaml.Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


# --- one size ---------------------------------------------------------------------------


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _step_times(output: str) -> dict[str, float]:
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"^\s+(\S+) done in ([\d.]+) s$", output, re.M)}


def bench_size(n: int, args, work: Path, browser, lighthouse_cmd) -> dict:
    print(f"\n=== {n} synthetic chapters (+ the real manual) ===", file=sys.stderr)
    project = copy_project(work / f"n{n}")
    write_manual(project, n, args.words)
    write_stock(project)
    env = dict(os.environ, PYTHONHASHSEED="0")
    ours_out, stock_out = work / f"site-ours-{n}", work / f"site-stock-{n}"
    res: dict = {"chapters": n, "real_chapters": len(list((REPO / "docs/manual").glob("*.md"))) - 1}

    # builds: interleaved so that load from other work on the machine hits both alike
    ours_runs, stock_runs = [], []
    for r in range(args.repeat):
        print(f"  build {r + 1}/{args.repeat}: this site …", file=sys.stderr)
        run = measure.run_measured([sys.executable, "-m", "procedures.cli", "--root", str(project), "build",
                                    "--out", str(ours_out)], cwd=project, env=env)
        if run.returncode != 0:
            raise SystemExit(f"this site's build failed:\n{run.output[-4000:]}")
        ours_runs.append(run)
        print(f"  build {r + 1}/{args.repeat}: stock Material …", file=sys.stderr)
        run = measure.run_measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", STOCK_CONFIG,
                                    "-d", str(stock_out)], cwd=project, env=env)
        if run.returncode != 0:
            raise SystemExit(f"the stock Material build failed:\n{run.output[-4000:]}")
        stock_runs.append(run)
    steps = [_step_times(r.output) for r in ours_runs]
    pdf = [sum(v for k, v in s.items() if "pdf" in k.lower()) for s in steps]
    res["build"] = {
        "ours_wall": _median([r.wall for r in ours_runs]),
        "stock_wall": _median([r.wall for r in stock_runs]),
        "ours_cpu": _median([r.cpu for r in ours_runs]),
        "stock_cpu": _median([r.cpu for r in stock_runs]),
        "ours_wall_without_pdf": _median([r.wall - p for r, p in zip(ours_runs, pdf, strict=True)]),
        "ours_pdf": _median(pdf),
        "ours_first_pdf": pdf[0],  # the first build prints every PDF; later ones reuse them
        "ours_search_index": None,  # timed on its own below (in the build it runs beside the PDFs)
        "ours_peak_tree_mb": max(r.peak_tree_mb for r in ours_runs),
        "stock_peak_tree_mb": max(r.peak_tree_mb for r in stock_runs),
        "ours_peak_process_mb": max(r.peak_process_mb for r in ours_runs),
        "stock_peak_process_mb": max(r.peak_process_mb for r in stock_runs),
        "ours_first_wall": ours_runs[0].wall,  # empty caches (PDFs are reused when unchanged)
        "stock_first_wall": stock_runs[0].wall,
        "walls_ours": [round(r.wall, 2) for r in ours_runs],
        "walls_stock": [round(r.wall, 2) for r in stock_runs],
    }

    # Pagefind on its own, on the finished build (in the build it runs beside the PDFs)
    from ..search import run_pagefind

    timings = []
    for _ in range(args.repeat):
        scratch = work / f"pagefind-{n}"
        shutil.rmtree(scratch, ignore_errors=True)
        t0 = time.perf_counter()
        run_pagefind(ours_out, scratch)
        timings.append(time.perf_counter() - t0)
        shutil.rmtree(scratch, ignore_errors=True)
    res["build"]["ours_search_index"] = _median(timings)

    # a chapter page in the middle of the manual
    slug = f"{PREFIX}{n // 2:04d}"
    page = f"manual/{slug}/"
    res["page"] = page
    sizes = {}
    for name, out in (("ours", ours_out), ("stock", stock_out)):
        html = (out / page / "index.html").read_bytes()
        sizes[name] = {"raw": len(html), "gzip": len(gzip.compress(html, 6, mtime=0))}
    res["html"] = sizes

    if browser is not None:
        ours_srv, stock_srv = measure.Server(ours_out), measure.Server(stock_out)
        try:
            visits = {"ours": [], "stock": []}
            searches = {"ours": [], "stock": []}
            for _ in range(args.repeat):
                visits["ours"].append(measure.first_visit(browser, ours_srv, page))
                visits["stock"].append(measure.first_visit(browser, stock_srv, page))
                searches["ours"].append(measure.search_visit(browser, ours_srv, page, args.query,
                                                             "[data-search-input]", ".md-search-result__item"))
                searches["stock"].append(measure.search_visit(browser, stock_srv, page, args.query,
                                                              ".md-search__input", ".md-search-result__item"))
            res["visit"] = {k: {"bytes": _median([v.total_bytes for v in vs]), "requests": _median([v.requests for v in vs]),
                                "third_party": sorted({u for v in vs for u in v.third_party}),
                                "files": vs[0].by_url} for k, vs in visits.items()}
            res["search"] = {k: {"bytes": _median([v.search_bytes for v in vs]), "requests": _median([v.search_requests for v in vs]),
                                 "ms_after_typing": _median([v.ms_after_typing for v in vs]),
                                 "ms_after_open": _median([v.ms_after_open for v in vs]),
                                 "results_shown": vs[0].results} for k, vs in searches.items()}
            if lighthouse_cmd and n in args.lighthouse_at:
                res["lighthouse"] = {}
                for name, srv in (("ours", ours_srv), ("stock", stock_srv)):
                    runs = [measure.lighthouse(lighthouse_cmd, srv.base + page, work / f"lh-{name}-{n}-{i}.json")
                            for i in range(args.lighthouse_runs)]
                    ok = [r for r in runs if isinstance(r, dict)]
                    res["lighthouse"][name] = (
                        {k: _median([r[k] for r in ok]) for k in ok[0] if k != "failed"} | {"failed": ok[0]["failed"]}
                        if ok else {"error": runs[0]}
                    )
        finally:
            ours_srv.close()
            stock_srv.close()

        if n in args.preview_at:
            res["preview"] = bench_preview(n, project, browser, args)
    return res


def bench_preview(n: int, project: Path, browser, args) -> dict:
    target = project / "docs" / "manual" / f"{PREFIX}{n // 2:04d}.md"
    page = f"manual/{PREFIX}{n // 2:04d}/"
    m = n // 2 - 5  # an earlier chapter in the same section: its nav label must be present
    neighbour = f"{chapter_id(m)} Benchmark chapter {m:04d}"

    def nav_ok(pg) -> bool:
        labels = pg.eval_on_selector_all(".md-nav--primary .md-nav__link", "els => els.map(e => e.innerText.trim())")
        return "None" not in labels and any(label.startswith(neighbour) for label in labels)

    env = dict(os.environ, PYTHONHASHSEED="0")
    out = {}
    runs = {
        "ours": [sys.executable, "-m", "procedures.cli", "--root", str(project), "serve", "--port", "{port}"],
        "stock": [sys.executable, "-m", "mkdocs", "serve", "-f", STOCK_CONFIG, "-a", "127.0.0.1:{port}"],
        "stock_dirty": [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", STOCK_CONFIG, "-a", "127.0.0.1:{port}"],
    }
    for name, cmd in runs.items():
        port = measure.free_port()
        source = target if name == "ours" else project / STOCK_DOCS / "manual" / target.name
        print(f"  save-to-preview: {name} …", file=sys.stderr)
        p = measure.save_to_preview([c.format(port=port) for c in cmd], project, env, port, page, source, browser,
                                    edits=args.repeat, nav_check=nav_ok)
        out[name] = {"initial": p.initial_build, "median": _median(p.edits), "edits": [round(e, 2) for e in p.edits],
                     "nav_ok": p.nav_ok, "note": p.note}
    return out


# --- the report -------------------------------------------------------------------------


def _kb(b):
    return "–" if b is None else f"{b / 1024:,.1f} KB"


def _s(x):
    return "–" if x is None else f"{x:.2f} s"


def _ms(x):
    return "–" if x is None else f"{x:,.0f} ms"


def _mb(x):
    return "–" if x is None else f"{x:,.0f} MB"


def _ratio(a, b):
    return "–" if not a or not b else f"{a / b:.2f}×"


def report(res: dict) -> str:
    n = res["chapters"]
    rows: list[tuple[str, str, str, str]] = []
    b = res["build"]
    rows.append(("Full build, wall time (median)", _s(b["ours_wall"]), _s(b["stock_wall"]), _ratio(b["ours_wall"], b["stock_wall"])))
    rows.append(("… first build, empty caches", _s(b["ours_first_wall"]), _s(b["stock_first_wall"]),
                 _ratio(b["ours_first_wall"], b["stock_first_wall"])))
    rows.append(("… of which printing the PDFs (first build; later builds reuse them)", _s(b["ours_first_pdf"]), "–", ""))
    rows.append(("… search indexing (Pagefind, timed alone; in the build it runs beside the PDFs)",
                 _s(b["ours_search_index"]), "(in build)", ""))
    rows.append(("Full build without the PDFs, wall time", _s(b["ours_wall_without_pdf"]), _s(b["stock_wall"]),
                 _ratio(b["ours_wall_without_pdf"], b["stock_wall"])))
    rows.append(("Full build, CPU time (all processes)", _s(b["ours_cpu"]), _s(b["stock_cpu"]), _ratio(b["ours_cpu"], b["stock_cpu"])))
    rows.append(("Peak memory, largest process", _mb(b["ours_peak_process_mb"]), _mb(b["stock_peak_process_mb"]),
                 _ratio(b["ours_peak_process_mb"], b["stock_peak_process_mb"])))
    rows.append(("Peak memory, all processes together (PSS)", _mb(b["ours_peak_tree_mb"]), _mb(b["stock_peak_tree_mb"]),
                 _ratio(b["ours_peak_tree_mb"], b["stock_peak_tree_mb"])))
    h = res["html"]
    rows.append(("Chapter page HTML, raw", _kb(h["ours"]["raw"]), _kb(h["stock"]["raw"]), _ratio(h["ours"]["raw"], h["stock"]["raw"])))
    rows.append(("Chapter page HTML, gzip", _kb(h["ours"]["gzip"]), _kb(h["stock"]["gzip"]), _ratio(h["ours"]["gzip"], h["stock"]["gzip"])))
    if "visit" in res:
        v = res["visit"]
        rows.append(("First visit to a chapter page: bytes transferred", _kb(v["ours"]["bytes"]), _kb(v["stock"]["bytes"]),
                     _ratio(v["ours"]["bytes"], v["stock"]["bytes"])))
        rows.append(("… requests", str(v["ours"]["requests"]), str(v["stock"]["requests"]), ""))
        rows.append(("… requests to other hosts (blocked)", str(len(v["ours"]["third_party"])),
                     str(len(v["stock"]["third_party"])), ""))
        s = res["search"]
        rows.append((f"Search “{res.get('query', QUERY_WORD)}”: bytes transferred", _kb(s["ours"]["bytes"]),
                     _kb(s["stock"]["bytes"]), _ratio(s["ours"]["bytes"], s["stock"]["bytes"])))
        rows.append(("… ms from typing to first results", _ms(s["ours"]["ms_after_typing"]), _ms(s["stock"]["ms_after_typing"]),
                     _ratio(s["ours"]["ms_after_typing"], s["stock"]["ms_after_typing"])))
        rows.append(("… ms from opening the page to first results", _ms(s["ours"]["ms_after_open"]),
                     _ms(s["stock"]["ms_after_open"]), _ratio(s["ours"]["ms_after_open"], s["stock"]["ms_after_open"])))
    if "preview" in res:
        p = res["preview"]
        rows.append(("Save-to-preview, one chapter edited (median)", _s(p["ours"]["median"]), _s(p["stock"]["median"]),
                     _ratio(p["ours"]["median"], p["stock"]["median"])))
        rows.append(("… navigation correct after the edit", str(p["ours"]["nav_ok"]), str(p["stock"]["nav_ok"]), ""))
        rows.append(("… stock `mkdocs serve --dirty`: time / navigation correct", "",
                     f"{_s(p['stock_dirty']['median'])} / {p['stock_dirty']['nav_ok']}", ""))
        rows.append(("… first preview after starting the server", _s(p["ours"]["initial"]), _s(p["stock"]["initial"]),
                     _ratio(p["ours"]["initial"], p["stock"]["initial"])))
    if "lighthouse" in res:
        lh = res["lighthouse"]
        for cat in ("performance", "accessibility", "best-practices", "seo"):
            o, s_ = lh["ours"].get(cat), lh["stock"].get(cat)
            rows.append((f"Lighthouse mobile: {cat}", "–" if o is None else f"{o:.0f}", "–" if s_ is None else f"{s_:.0f}", ""))
        for key, label in (("largest-contentful-paint", "LCP"), ("total-blocking-time", "TBT")):
            o, s_ = lh["ours"].get(key), lh["stock"].get(key)
            rows.append((f"… {label} (simulated mobile)", _ms(o), _ms(s_), _ratio(o, s_)))
    elif res.get("lighthouse_note"):
        rows.append(("Lighthouse mobile", res["lighthouse_note"], "", ""))
    width = [max(len(r[i]) for r in rows + [("Measure", "This site", "Stock Material", "Ratio")]) for i in range(4)]
    head = f"{n} synthetic chapters of ~3,000 words plus the real manual ({res['real_chapters']} chapters); page {res['page']}"
    lines = [head, "",
             "| " + " | ".join(t.ljust(width[i]) for i, t in enumerate(("Measure", "This site", "Stock Material", "Ratio"))) + " |",
             "|" + "|".join("-" * (w + 2) for w in width) + "|"]
    lines += ["| " + " | ".join(t.ljust(width[i]) for i, t in enumerate(r)) + " |" for r in rows]
    return "\n".join(lines)


def machine() -> str:
    cpus = os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{platform.node() or 'machine'}: {cpus} CPU cores, Python {platform.python_version()}, load average {load:.1f} at start"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m procedures.bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--chapters", type=int, nargs="+", default=[400, 1000], help="manual sizes to measure (default: 400 1000)")
    p.add_argument("--words", type=int, default=3000, help="words per synthetic chapter (default 3000)")
    p.add_argument("--repeat", type=int, default=3, help="runs of each measurement; medians are reported (default 3)")
    p.add_argument("--query", default=QUERY_WORD, help=f"the one-word search query (default {QUERY_WORD!r})")
    p.add_argument("--preview-at", type=int, nargs="*", default=[400], help="sizes at which to time save-to-preview (default 400)")
    p.add_argument("--lighthouse-at", type=int, nargs="*", default=None, help="sizes at which to run Lighthouse (default: all)")
    p.add_argument("--lighthouse-runs", type=int, default=1, help="Lighthouse runs per page (median; default 1)")
    p.add_argument("--no-browser", action="store_true", help="skip everything that needs Chromium")
    p.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    p.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    p.add_argument("--keep", action="store_true", help="keep the temporary projects and builds (prints where)")
    args = p.parse_args(argv)
    if args.lighthouse_at is None:
        args.lighthouse_at = list(args.chapters)

    print(machine(), file=sys.stderr)
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
                res = bench_size(n, args, work, browser, lighthouse_cmd)
                res["query"] = args.query
                if lh_note:
                    res["lighthouse_note"] = lh_note
                res["bench_seconds"] = round(time.perf_counter() - started)
                results.append(res)
                print("\n" + report(res) + "\n", flush=True)
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
