"""Work the build does once instead of once per page gives byte-for-byte the pages an
uncached build writes, and a changed data file changes exactly the pages that depend
on it (procedures/glossary/: the glossary's tooltips, given to Markdown once per build
instead of appended to every page; procedures/core/plugin.py: the feature hooks, looked up
once per build)."""

from __future__ import annotations

import sys
import types

import pytest

from procedures import glossary
from procedures.core import plugin
from procedures.bench import synth
from procedures.core.builder import build_site
from procedures.core.site import load_site

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

    # reference: the same project built with no per-build work at all, as before: the
    # definitions appended to every page, made again for every page
    monkeypatch.setattr(glossary, "configure_markdown", lambda site, config: False)
    monkeypatch.setattr(glossary, "abbreviations", original)
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
    first = glossary.abbreviations(site)
    assert ("LADO", "Local Authority Designated Officer") in first
    assert glossary.abbreviations(site) is first  # made once
    data = site.data["glossary"]
    term = next(t for t in data.terms if t.term == "LADO")
    site.data["glossary"] = data.model_copy(update={"terms": [term.model_copy(update={"expansion": "Changed"})]})
    assert glossary.abbreviations(site) == [("LADO", "Changed")]
    assert glossary.abbreviations_markdown(site) == "*[LADO]: Changed"


class _Config:
    def __init__(self, extensions, options=None):
        self.markdown_extensions = extensions
        self.mdx_configs = options or {}


def test_the_tooltips_go_to_markdown_once_and_only_where_abbr_is_on(project_copy):
    site = load_site(project_copy)
    config = _Config(["toc", "abbr"], {"toc": {"permalink": True}})
    assert glossary.configure_markdown(site, config) is True
    assert config.mdx_configs["abbr"]["glossary"] == {t.strip(): e.strip() for t, e in glossary.abbreviations(site)}
    assert config.mdx_configs["toc"] == {"permalink": True}
    off = _Config(["toc"])
    assert glossary.configure_markdown(site, off) is False and off.mdx_configs == {}


def test_markdown_with_the_glossary_option_writes_what_appended_definitions_wrote(project_copy):
    import markdown

    site = load_site(project_copy)
    config = _Config(["abbr", "toc", "tables"])
    glossary.configure_markdown(site, config)
    text = "## LADO and CSC\n\nTell the LADO, CSC or MASH; not ladon or XLADO.\n\n| LADO | CSC |\n|---|---|\n| CP | x |\n"
    appended = markdown.markdown(text + "\n\n" + glossary.abbreviations_markdown(site) + "\n", extensions=config.markdown_extensions)
    configured = markdown.markdown(text, extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    assert configured == appended and configured.count("<abbr") >= 5


def test_feature_hooks_are_looked_up_once_per_build(monkeypatch):
    probe = types.ModuleType("procedures_hook_probe")
    probe.on_page_content = lambda site, page, html, config: html + "<!-- probe -->"
    monkeypatch.setitem(sys.modules, "procedures_hook_probe", probe)
    looked_up = []
    real_resolve = plugin.resolve
    monkeypatch.setattr(plugin, "resolve", lambda spec: looked_up.append(spec) or real_resolve(spec))

    monkeypatch.setattr(plugin, "feature", types.SimpleNamespace(PAGE_HOOKS=["procedures.lean"]))
    build1 = plugin.ProceduresPlugin()
    assert [f.__module__ for f in build1._hooks("on_page_content")] == ["procedures.lean"]
    for _ in range(5):  # further pages of the same build
        build1._hooks("on_page_content")
    assert looked_up == ["procedures.lean"]

    # the next build (a new plugin, or on_config again) sees a changed hook list
    monkeypatch.setattr(plugin, "feature", types.SimpleNamespace(PAGE_HOOKS=["procedures.lean", "procedures_hook_probe"]))
    build2 = plugin.ProceduresPlugin()
    assert build2._hooks("on_page_content")[-1] is probe.on_page_content
    build1._hook_cache = {}  # what on_config does at the start of a build
    assert build1._hooks("on_page_content")[-1] is probe.on_page_content
