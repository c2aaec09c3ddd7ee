"""The editions benchmark's repository has the editions it was asked for, each a real
release with a tag, and chapters that differ between them; its report computes the
editions' cost correctly. No timings are taken here (the benchmark is
``python -m procedures.bench.editions``, not a test)."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest
import yaml

from procedures.bench import editions as eb
from procedures.bench import measure, synth
from procedures.core.site import load_site
from procedures.editions import history as hist

N, EDITIONS = 10, 2


@pytest.fixture(scope="module")
def bench_repo(tmp_path_factory):
    repo = tmp_path_factory.mktemp("bench-editions") / "repo"
    cuts = eb.make_repository(repo, N, EDITIONS, words=400)
    return repo, cuts


def _git(repo, *args):
    return eb.git(repo, *args)


def test_the_repository_has_n_tags_and_n_releases_that_name_them(bench_repo):
    repo, cuts = bench_repo
    tags = _git(repo, "tag", "--list", "edition-*").split()
    assert len(cuts) == EDITIONS and sorted(tags) == sorted(c.tag for c in cuts)
    log = yaml.safe_load((repo / "data" / "amendments.yml").read_text(encoding="utf-8"))
    tagged = [r for r in log["releases"] if r.get("tag")]
    assert [r["tag"] for r in tagged] == [c.tag for c in cuts]
    assert [r["date"] for r in tagged] == [c.date for c in cuts]
    # each tag is on the commit that recorded it, and the working tree is clean
    for c in cuts:
        at_tag = _git(repo, "show", f"{c.tag}:data/amendments.yml")
        assert f"tag: {c.tag}" in at_tag
    assert _git(repo, "status", "--porcelain", "--untracked-files=no") == ""
    # the site with its log checks clean on the day of the last edition
    site = load_site(repo, today=cuts[-1].date)
    assert site.report.errors == [], [str(p) for p in site.report.errors]


def test_each_later_edition_records_exactly_the_chapters_that_changed(bench_repo):
    repo, cuts = bench_repo
    log = yaml.safe_load((repo / "data" / "amendments.yml").read_text(encoding="utf-8"))
    by_tag = {r["tag"]: r for r in log["releases"] if r.get("tag")}
    for before, after in pairwise(cuts):
        assert after.date > before.date
        changed = set()
        for i in range(N):
            path = f"docs/manual/{synth.chapter_file(i)}"
            if _git(repo, "show", f"{before.tag}:{path}") != _git(repo, "show", f"{after.tag}:{path}"):
                changed.add(i)
        assert changed == set(after.changed) and changed, (changed, after.changed)
        recorded = {e["chapter"] for e in by_tag[after.tag]["entries"]}
        assert recorded == {synth.chapter_id(i) for i in changed}
        assert all(e["change"] == "updated" for e in by_tag[after.tag]["entries"])


def test_a_reworded_chapter_differs_by_one_sentence_and_the_new_paragraph_is_at_the_end(bench_repo):
    repo, cuts = bench_repo
    before, after = cuts[0], cuts[1]
    for i in after.changed:
        path = f"docs/manual/{synth.chapter_file(i)}"
        old = _git(repo, "show", f"{before.tag}:{path}").splitlines()
        new = _git(repo, "show", f"{after.tag}:{path}").splitlines()
        if i == after.paragraph:
            assert len(new) == len(old) + 2 and new[-2] == ""  # a blank line and the paragraph
            new = new[:-2]
        assert len(old) == len(new)
        differing = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
        assert len(differing) == (1 if i in after.reworded else 0)
        for a, b in differing:
            assert a.split(". ", 1)[1] == b.split(". ", 1)[1]  # only the first sentence changed


def test_the_build_reads_two_versions_of_each_changed_chapter(bench_repo, monkeypatch):
    repo, cuts = bench_repo
    monkeypatch.delenv("PROCEDURES_EDITIONS", raising=False)
    h = hist.read_history(load_site(repo, today=cuts[-1].date))
    ids = {synth.chapter_id(i): i for i in range(N)}
    for cid, i in ids.items():
        versions = h.versions[cid]
        assert len(versions) == (2 if i in cuts[1].changed else 1), cid
    monkeypatch.setenv("PROCEDURES_EDITIONS", "off")
    assert hist.read_history(load_site(repo, today=cuts[-1].date)).versions == {}


def test_changes_are_planned_deterministically_at_the_share_asked_for():
    assert eb.plan_changes(1000, 1) == eb.plan_changes(1000, 1)
    reworded, paragraph = eb.plan_changes(1000, 1)
    assert len(reworded) == 100 and len(set(reworded)) == 100 and 0 <= paragraph < 1000
    assert eb.plan_changes(1000, 2)[0] != reworded
    assert len(eb.plan_changes(10, 1, share=0.01)[0]) == 1  # at least one chapter


def test_the_build_environment_differs_only_by_the_off_switch(monkeypatch):
    monkeypatch.setenv("PROCEDURES_EDITIONS", "off")  # a stray setting must not reach the "on" column
    on, off = eb.build_env("on", date(2027, 4, 6)), eb.build_env("off", date(2027, 4, 6))
    assert "PROCEDURES_EDITIONS" not in on and off["PROCEDURES_EDITIONS"] == "off"
    assert {k: v for k, v in off.items() if k != "PROCEDURES_EDITIONS"} == on
    assert on["SOURCE_DATE_EPOCH"] == off["SOURCE_DATE_EPOCH"]
    assert eb.order(0) != eb.order(1) and sorted(eb.order(0)) == sorted(eb.COLUMNS)


def _run(wall, cpu, mem=100.0, output=""):
    return measure.Run(wall=wall, cpu=cpu, peak_tree_mb=mem, peak_process_mb=mem, returncode=0, output=output)


def test_the_report_gives_the_editions_cost_as_a_share_of_the_build_without_them():
    runs = {
        "off": {"cold": [_run(10, 20, output="  pdf done in 2.0 s\n"), _run(12, 22), _run(11, 21)],
                "repeated": [_run(8, 16)] * 3},
        "on": {"cold": [_run(13, 24, output="  pdf done in 2.5 s\n"), _run(14, 27), _run(15, 26)],
               "repeated": [_run(9, 18)] * 3},
    }
    b = eb.summarise(runs)
    assert b["on"]["cold"]["wall"] == 14 and b["off"]["cold"]["wall"] == 11
    assert eb.cost(14, 11) == pytest.approx(100 * 3 / 11)
    assert eb.cost(None, 11) is None and eb.cost(14, 0) is None
    res = {"chapters": 30, "editions": 2, "words": 1500, "build": b, "pages": {"off": 0, "on": 6},
           "cuts": [{"tag": "edition-2026-12", "changed": []}, {"tag": "edition-2027-01", "changed": [1, 2, 3]}]}
    text = eb.report(res)
    assert "+27.3% wall (target ≤ +25%)" in text and "+23.8% CPU" in text  # 14/11 and 26/21
    assert "| Repeated build, wall time" in text and "+12.5%" in text
    assert "cold: pdf (wall)" in text and "+25.0%" in text
    assert "2 editions (edition-2026-12, edition-2027-01), 3 chapters changed between them" in text


def test_the_main_benchmark_hands_editions_to_the_editions_benchmark(monkeypatch):
    from procedures.bench import __main__ as bench_main

    seen = []
    monkeypatch.setattr(eb, "main", lambda argv: seen.append(argv) or 0)
    assert bench_main.main(["--chapters", "1000", "--editions", "5", "--quick", "--repeat", "1"]) == 0
    assert seen == [["--chapters", "1000", "--editions", "5", "--words", "3000", "--repeat", "1", "--quick"]]
    with pytest.raises(SystemExit):
        bench_main.main(["--chapters", "400", "1000", "--editions", "5"])
