"""Work the build does once instead of once per page gives byte-for-byte the pages an
uncached build writes, and a changed data file changes exactly the pages that depend
on it (procedures/glossary.py: the abbreviations every page carries; procedures/plugin.py:
the feature hooks, looked up once per build)."""

from __future__ import annotations

import sys
import types

import pytest

from procedures import glossary, plugin, registry
from procedures.bench import synth
from procedures.builder import build_site
from procedures.site import load_site

OLD = "expansion: Local Authority Designated Officer"
NEW = "expansion: Local Authority Designated Officer for allegations"


def _pages(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


@pytest.mark.slow
def test_abbreviations_made_once_per_build_and_remade_when_the_glossary_changes(project_copy, tmp_path, monkeypatch):
    synth.write_manual(project_copy, 12, words=300)
    made = []
    original = glossary._abbreviations
    monkeypatch.setattr(glossary, "_abbreviations", lambda site: made.append(1) or original(site))
    quiet = {"progress": lambda m: None, "after_build": False}

    before = _pages(build_site(project_copy, tmp_path / "before", **quiet))
    assert len(made) == 1, f"the abbreviations were made {len(made)} times in one build"

    path = project_copy / "data" / "glossary.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(OLD) == 1
    path.write_text(text.replace(OLD, NEW), encoding="utf-8")
    after = _pages(build_site(project_copy, tmp_path / "after", **quiet))  # same process: cached site reloaded
    assert len(made) == 2, "the changed glossary did not make the abbreviations again"

    # reference: the same project built with no per-build cache at all
    monkeypatch.setattr(glossary, "abbreviations_markdown", original)
    reference = _pages(build_site(project_copy, tmp_path / "reference", **quiet))
    assert after.keys() == reference.keys()
    assert [k for k in after if after[k] != reference[k] and not k.startswith("404")] == []

    # exactly the pages whose tooltips showed the old expansion changed (and the glossary
    # itself), and they show the new one
    tooltip = b'<abbr title="Local Authority Designated Officer">'
    expected = {k for k, v in before.items() if tooltip in v} | {"glossary/index.html"}
    changed = {k for k in before if before[k] != after.get(k)}
    assert len(expected) > 3 and changed == expected, sorted(changed ^ expected)[:5]
    new = b'<abbr title="Local Authority Designated Officer for allegations">'
    assert all(new in after[k] and tooltip not in after[k] for k in expected - {"glossary/index.html"})


def test_a_replaced_glossary_is_noticed_on_the_same_site(project_copy):
    site = load_site(project_copy)
    first = glossary.abbreviations_markdown(site)
    assert "*[LADO]: Local Authority Designated Officer" in first
    assert glossary.abbreviations_markdown(site) is first  # made once
    data = site.data["glossary"]
    term = next(t for t in data.terms if t.term == "LADO")
    site.data["glossary"] = data.model_copy(update={"terms": [term.model_copy(update={"expansion": "Changed"})]})
    assert glossary.abbreviations_markdown(site) == "*[LADO]: Changed"


def test_feature_hooks_are_looked_up_once_per_build(monkeypatch):
    probe = types.ModuleType("procedures_hook_probe")
    probe.on_page_content = lambda site, page, html, config: html + "<!-- probe -->"
    monkeypatch.setitem(sys.modules, "procedures_hook_probe", probe)
    looked_up = []
    real_resolve = plugin.resolve
    monkeypatch.setattr(plugin, "resolve", lambda spec: looked_up.append(spec) or real_resolve(spec))

    monkeypatch.setattr(registry, "PAGE_HOOKS", ["procedures.lean"])
    build1 = plugin.ProceduresPlugin()
    assert [f.__module__ for f in build1._hooks("on_page_content")] == ["procedures.lean"]
    for _ in range(5):  # further pages of the same build
        build1._hooks("on_page_content")
    assert looked_up == ["procedures.lean"]

    # the next build (a new plugin, or on_config again) sees a changed hook list
    monkeypatch.setattr(registry, "PAGE_HOOKS", ["procedures.lean", "procedures_hook_probe"])
    build2 = plugin.ProceduresPlugin()
    assert build2._hooks("on_page_content")[-1] is probe.on_page_content
    build1._hook_cache = {}  # what on_config does at the start of a build
    assert build1._hooks("on_page_content")[-1] is probe.on_page_content
