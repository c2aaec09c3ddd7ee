"""The benchmark's synthetic manual is deterministic, valid and shaped like real chapters,
and its measurement helpers parse and summarise correctly (the benchmark itself is
`make bench`, not a test: no timings are taken here)."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml

from procedures.bench import measure, synth
from procedures.bench.__main__ import (
    COLUMNS,
    clone_project,
    headline,
    order,
    report,
    step_times,
    summarise,
    write_stock,
)
from procedures.core.site import load_site

LINK = re.compile(r"\[[^\]]+\]\(([^)\s]+)\)")


def _body(path):
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


def test_the_synthetic_manual_is_deterministic_valid_and_the_size_asked_for(project_copy):
    paths = synth.write_manual(project_copy, 7, words=800)
    first = [p.read_bytes() for p in paths]
    again = synth.write_manual(project_copy, 7, words=800)
    assert [p.read_bytes() for p in again] == first
    site = load_site(project_copy)
    assert site.report.errors == [], [str(p) for p in site.report.errors]
    bench = [c for c in site.chapters if c.src_uri.startswith("manual/" + synth.PREFIX)]
    assert len(bench) == 7 and all(c.status == "published" for c in bench)
    for i, p in enumerate(paths):
        body = _body(p)
        prose = re.sub(r"[|#!?*\-]+|\]\([^)]*\)", " ", body)
        assert 700 <= len(prose.split()) <= 1400, len(prose.split())
        assert body.count("\n## ") >= 2
        assert synth.marker(i) in body
        assert all(synth.marker(i) not in q.read_text() for q in paths if q != p)


def test_chapters_are_shaped_like_real_ones(project_copy):
    paths = synth.write_manual(project_copy, 12, words=1500)
    texts = [_body(p) for p in paths]
    joined = "\n".join(texts)
    assert re.search(r"^\|---\|", joined, re.M), "no tables"
    assert re.search(r"^- \S", joined, re.M) and re.search(r"^1\. \S", joined, re.M), "no lists"
    assert re.search(r'^(!!!|\?\?\?) \w+ "', joined, re.M), "no admonitions"
    assert re.search(r"^### ", joined, re.M), "no subsections"
    targets = [t for text in texts for t in LINK.findall(text)]
    assert any(t.startswith(synth.PREFIX) and "#" not in t for t in targets), "no links to chapters"
    assert any(t.startswith(synth.PREFIX) and "#" in t for t in targets), "no links to headings"
    assert any(t.startswith("../glossary.md#") for t in targets), "no links to the glossary"
    glossary = yaml.safe_load((project_copy / "data/glossary.yml").read_text())
    acronyms = {t["term"] for t in glossary["terms"] if t.get("expansion")}
    assert sum(len(re.findall(rf"\b{re.escape(a)}\b", joined)) for a in acronyms) >= 20, "glossary terms missing"
    # every link to a heading names a heading that exists in the target chapter
    for text in texts:
        for target in LINK.findall(text):
            if target.startswith(synth.PREFIX) and "#" in target:
                name, anchor = target.split("#", 1)
                headings = re.findall(r"^##+ (.+)$", _body(project_copy / "docs/manual" / name), re.M)
                assert anchor in {synth.slugify(h) for h in headings}, target


def test_every_chapter_has_an_at_a_glance_block_with_the_projects_keys(project_copy):
    paths = synth.write_manual(project_copy, 10, words=300)
    contacts = {c["key"] for c in yaml.safe_load((project_copy / "data/contacts.yml").read_text())["contacts"]}
    for p in paths:
        fm = yaml.safe_load(p.read_text().split("---\n")[1])
        glance = fm["at_a_glance"]
        assert 1 <= len(glance["do_now"]) <= 5
        assert glance["call"] and set(glance["call"]) <= contacts
        assert isinstance(glance["by_when"], list)


def test_the_vocabulary_is_large_and_not_the_manuals_own_sentences(project_copy):
    paths = synth.write_manual(project_copy, 6, words=3000)
    words = re.findall(r"[a-z]+", " ".join(_body(p).lower() for p in paths))
    assert len(set(words)) > 3000, len(set(words))
    assert synth.QUERY_WORD in words
    real = " ".join(p.read_text() for p in (project_copy / "docs/manual").glob("*.md") if not p.name.startswith(synth.PREFIX))
    sentences = [s for p in paths for s in re.split(r"(?<=\.) ", _body(p)) if len(s.split()) >= 8]
    assert sentences and not [s for s in sentences if s in real]


def test_macros_are_used_only_when_the_project_defines_them(project_copy):
    plain = synth.write_manual(project_copy, 12, words=300)
    assert not any("{{" in p.read_text() for p in plain)
    with_macros = synth.write_manual(project_copy, 12, words=300, macro_names={"contact"})
    using = [p for p in with_macros if "{{" in p.read_text()]
    assert using, "no chapter used a macro"
    for p in using:
        assert "render_macros: true" in p.read_text()
        assert re.search(r'^\{\{ contact\("[a-z0-9-]+"\) \}\}$', p.read_text(), re.M)


def test_the_stock_configurations_use_only_material_defaults_and_one_adds_prune(project_copy):
    synth.write_manual(project_copy, 3, words=300)
    paths = write_stock(project_copy)
    stock = yaml.load(paths["stock"].read_text(), Loader=yaml.Loader)  # noqa: S506 - our own file
    prune = yaml.load(paths["prune"].read_text(), Loader=yaml.Loader)  # noqa: S506 - our own file
    assert stock["theme"] == {"name": "material"} and stock["plugins"] == ["search"]
    assert prune["theme"] == {"name": "material", "features": ["navigation.prune"]}
    assert prune["nav"] == stock["nav"]
    text = yaml.dump(stock)
    assert "manual/bench-chapter-0002.md" in text  # the synthetic chapters are in its nav
    manual = next(item["Procedures manual"] for item in stock["nav"] if isinstance(item, dict) and "Procedures manual" in item)
    sections = [i for i in manual if isinstance(i, dict) and isinstance(next(iter(i.values())), list)]
    assert len(sections) >= 3, "chapters are not grouped in the manual's sections"


def test_the_clone_holds_what_git_would_and_no_caches(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".gitignore").write_text(".cache/\n/site/\n")
    (repo / "mkdocs.yml").write_text("site_name: x\n")
    (repo / ".cache" / "pdfs").mkdir(parents=True)
    (repo / ".cache" / "pdfs" / "old.pdf").write_text("cached")
    (repo / "site").mkdir()
    (repo / "site" / "index.html").write_text("old build")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", ".gitignore", "mkdocs.yml"], cwd=repo, check=True)
    (repo / "docs").mkdir()
    (repo / "docs" / "new.md").write_text("not committed yet")
    dest = clone_project(tmp_path / "clone", repo)
    assert (dest / "mkdocs.yml").read_text() == "site_name: x\n"
    assert (dest / "docs" / "new.md").exists()
    assert not (dest / ".cache").exists() and not (dest / "site").exists()


# --- measurement parsing ---------------------------------------------------------------

SMAPS = """55d0c0000000-7ffd00000000 ---p 00000000 00:00 0                          [rollup]
Rss:              204800 kB
Pss:              150528 kB
Pss_Anon:          90000 kB
Pss_File:          60528 kB
Shared_Clean:      10000 kB
"""


def test_proc_fields_are_read_in_kb():
    assert measure.field_kb(SMAPS, "Pss") == 150528
    assert measure.field_kb(SMAPS, "Rss") == 204800
    assert measure.field_kb(SMAPS, "VmRSS") is None
    assert measure.field_kb("Name:\tpython\nVmRSS:\t  1234 kB\n", "VmRSS") == 1234


def test_the_memory_of_a_process_tree_is_measured():
    assert measure.tree_rss_kb(__import__("os").getpid()) > 1000  # this test process: over 1 MB


def test_step_times_are_parsed_from_the_build_output():
    out = ("Building the site into a temporary folder (.site-build-1) …\nMkDocs build done in 9.1 s\n"
           "Running procedures.pdf:render_all …\n  procedures.pdf:render_all done in 7.5 s\n"
           "  procedures.search:finish_index done in 0.3 s\nBuilt /x/site in 18.0 s\n")
    assert step_times(out) == {"procedures.pdf:render_all": 7.5, "procedures.search:finish_index": 0.3}


def test_the_columns_take_turns_at_running_first():
    rounds = [order(r) for r in range(3)]
    assert all(sorted(r) == sorted(COLUMNS) for r in rounds)
    assert {r[0] for r in rounds} == set(COLUMNS)


def _run(wall, cpu, pss):
    return measure.Run(wall=wall, cpu=cpu, peak_tree_mb=pss, peak_process_mb=pss / 2, returncode=0,
                       output=f"  procedures.pdf:render_all done in {wall / 10:.1f} s\n")


@pytest.fixture
def result():
    runs = {
        "stock": {"cold": [_run(30, 29, 180), _run(32, 30, 190), _run(31, 31, 185)],
                  "repeated": [_run(30, 29, 180)] * 3},
        "prune": {"cold": [_run(20, 19, 100), _run(26, 25, 110), _run(22, 21, 105)],
                  "repeated": [_run(21, 20, 100)] * 3},
        "ours": {"cold": [_run(44, 60, 400), _run(40, 50, 300), _run(80, 55, 350)],
                 "repeated": [_run(30, 35, 300)] * 3},
    }
    return {"chapters": 1000, "real_chapters": 39, "page": "manual/bench-chapter-0500/", "build": summarise(runs),
            "html": {c: {"raw": 1000, "gzip": 100} for c in COLUMNS}}


def test_medians_and_peaks_are_summarised_per_column_and_kind(result):
    b = result["build"]
    assert b["prune"]["cold"]["wall"] == 22 and b["ours"]["cold"]["wall"] == 44
    assert b["ours"]["cold"]["cpu"] == 55 and b["ours"]["cold"]["peak_pss_mb"] == 400
    assert b["ours"]["cold"]["steps"] == {"procedures.pdf:render_all": 4.4}


def test_the_headline_is_the_cold_build_against_stock_with_prune(result):
    line = headline(result)
    assert "1000 chapters" in line and "44.00 s" in line and "22.00 s" in line and "= 2.00× wall" in line
    assert "400 MB against 110 MB = 3.64×" in line
    text = report(result)
    assert line in text and "Stock + prune" in text


# --- the profile's split ---------------------------------------------------------------


class _FakeStats:
    def __init__(self, entries):
        self.stats = {(f, 1, fn): (1, 1, 0.0, ct, {}) for f, fn, ct in entries}


def test_the_profile_splits_the_mkdocs_build_without_counting_twice():
    from procedures.bench import profile

    stats = _FakeStats([
        ("/x/mkdocs/structure/pages.py", "render", 50.0),
        ("/x/mkdocs/commands/build.py", "_build_page", 20.0),
        ("/x/procedures/core/plugin.py", "on_page_context", 2.0),
        ("/x/overrides/partials/nav.html", "root", 5.0),
        ("/x/mkdocs/utils/__init__.py", "write_file", 1.0),
        ("/x/procedures/core/plugin.py", "on_files", 0.5),
        ("/x/procedures/core/plugin.py", "on_env", 0.25),
    ])
    rows = {r.label: r.cpu for r in profile.mkdocs_rows(stats, total=100.0)}
    assert rows["Markdown to HTML (Python-Markdown and extensions)"] == 50.0
    assert rows[profile.TEMPLATES] == 20.0 - 2.0 - 5.0 - 1.0
    assert rows["This plugin: on_config, on_files, on_env"] == 0.75
    assert sum(rows.values()) == 100.0  # the rest is "other MkDocs work"
    table = profile.shares_table(profile.Profile(
        [profile.Row("a", 6.0), profile.Row("b", 2.0)], [profile.Row("pdf", 4.0)], 0.0, mkdocs_plain=4.0))
    assert "| a | 6.00 s | 50.0% | 3.00 s | 37.5% |" in table and "| pdf | 4.00 s | 33.3% | 4.00 s | 50.0% |" in table


def test_a_busy_run_says_its_timings_are_not_results(result):
    assert "busy" not in report(result)
    assert "WARNING: the machine was busy" in report(result | {"busy": True})


def test_the_comparison_with_stock_scales_each_build_by_its_own_profiler_cost():
    from procedures.bench import profile

    ours = profile.Profile([profile.Row("Markdown", 8.0), profile.Row("Nav", 2.0)], [profile.Row("pdf", 3.0)], 0.5,
                           mkdocs_plain=5.0)
    table = profile.comparison_table(ours, [profile.Row("Markdown", 6.0), profile.Row("Nav", 6.0)], stock_plain=4.0)
    assert "| Markdown | 4.00 s | 2.00 s |" in table and "| Nav | 1.00 s | 2.00 s |" in table
    assert "| pdf | 3.00 s | – |" in table and "| **Total** | 8.50 s | 4.00 s |" in table


def test_a_search_figure_shows_its_median_and_the_range_of_its_visits():
    from procedures.bench.__main__ import _ms_range

    assert _ms_range({"ms": 212.4, "ms_all": [250.2, 190.0, 212.4]}, "ms") == "212 ms (190–250)"
    assert _ms_range({"ms": 212.4}, "ms") == "212 ms"  # a JSON file from before the visits were kept
    assert _ms_range({"ms": None, "ms_all": []}, "ms") == "–"
