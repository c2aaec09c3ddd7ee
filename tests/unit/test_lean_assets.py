"""Lighter first visit (procedures/lean/css.py, js.py; navcache.compact): one stylesheet
without the rules nothing can use, one file for the site's scripts, Material's bundle
without the focus-visible polyfill, the sidebar without its indentation."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from procedures import navcache
from procedures.lean import css, js

MATERIAL = Path(__import__("material").__file__).parent / "templates" / "assets"


def used(html: str = "", script: str = "") -> css.Used:
    u = css.Used()
    css.collect_html(html, u)
    css.collect_script(script, u)
    return u


# --- which rules can match ------------------------------------------------------------------

def test_a_rule_is_kept_only_if_a_page_or_a_script_can_produce_what_it_names():
    u = used('<div class="admonition note" id="intro" data-md-component="header" dir="ltr"><details open></details><a href="x">x</a></div>',
             'el.classList.add("md-header--shadow"); el.setAttribute("data-md-state", "lock"); el.dataset.mdColorScheme = s')
    keep = ["div", ".admonition.note", "#intro", ".md-header--shadow", "[data-md-component=header]", "[open]",
            "[data-md-state=lock]", "[data-md-color-scheme]", "html[dir=ltr] .note", ".note:hover::before",
            ".admonition:not(.tabbed-set)", ":is(.nothing-here, .note)", "a[href^='http']"]
    drop = [".tabbed-set", ".admonition.tip", "#elsewhere", "[data-md-component=tabs]", "[dir=rtl] .note",
            ".note .md-annotation", "[data-unknown]"]
    for sel in keep:
        assert css.selector_can_match(sel, u), sel
    for sel in drop:
        assert not css.selector_can_match(sel, u), sel


def test_only_the_dir_attribute_needs_its_value_in_a_page():
    u = used('<p dir="ltr">', 'var d = "rtl"; x.classList.add("rtl")')
    assert not css.selector_can_match("[dir=rtl] .x", u)  # no script here sets dir
    assert css.selector_can_match("[dir=ltr]", u)
    assert css.selector_can_match(".rtl", u)  # a class may come from a script


def test_rules_are_kept_or_dropped_whole_and_at_rules_are_filtered_inside():
    source = ("@charset \"utf-8\";:root{--x:1}.a,.gone{color:red}.gone{color:blue}"
              "@media screen{.gone{top:0}.a{top:1px}}@media print{.gone{x:y}}"
              "@font-face{font-family:X;src:url(x.woff2)}@keyframes spin{0%{a:b}to{a:c}}"
              "/* note */.b[title=\"a,b}\"]{content:\"}\"}\n/*# sourceMappingURL=main.css.map */")
    out = css.reduce_css(source, used('<p class="a b" title="a,b}">'))
    assert out.split("\n") == ['@charset "utf-8";', ":root{--x:1}", ".a,.gone{color:red}", "@media screen{.a{top:1px}}",
                               "@font-face{font-family:X;src:url(x.woff2)}", "@keyframes spin{0%{a:b}to{a:c}}",
                               '.b[title="a,b}"]{content:"}"}']


def test_materials_stylesheet_parses_completely():
    text = next((MATERIAL / "stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
    items = css.parse(text)
    assert len(items) > 300
    assert sum(len(whole) for _, _, whole in items) == len(text)  # nothing lost between items
    everything = css.Used()
    everything.words = everything.classes = set(re.findall(r"[A-Za-z_][\w-]*", text))
    everything.pairs = {("dir", "rtl"), ("dir", "ltr")}
    kept = css.reduce_css(text, everything)
    # with every name available, only the source-map comment is left out
    assert len(kept) >= len(text) - 200


def test_focus_visible_class_becomes_the_selector():
    assert css.native_focus_visible(".md-nav__link.focus-visible,.x:not(.focus-visible),.focus-visible-ish{}") == \
        ".md-nav__link:focus-visible,.x:not(:focus-visible),.focus-visible-ish{}"


def test_the_build_step_serves_one_reduced_stylesheet_and_every_page_links_to_it(tmp_path, monkeypatch):
    monkeypatch.delenv("PROCEDURES_PREVIEW", raising=False)
    sheets = tmp_path / "assets/stylesheets"
    sheets.mkdir(parents=True)
    (tmp_path / "assets/javascripts").mkdir(parents=True)
    (sheets / "main.0123abcd.min.css").write_text(".md-typeset{a:b}.tabbed-set{c:d}.x.focus-visible{e:f}")
    (sheets / "palette.89abcdef.min.css").write_text("[data-md-color-primary=red]{g:h}[data-md-color-scheme=slate]{i:j}")
    (sheets / "site.0123456789ab.css").write_text("/* mine */\n.mine { k: l; }\n.unused { m: n; }\n")
    (tmp_path / "assets/javascripts/site.js").write_text('document.body.classList.add("mine")')
    head = ('<link rel="stylesheet" href="{p}assets/stylesheets/main.0123abcd.min.css">\n'
            '      <link rel="stylesheet" href="{p}assets/stylesheets/palette.89abcdef.min.css">\n'
            '<link rel="stylesheet" href="{p}assets/stylesheets/site.0123456789ab.css">\n')
    (tmp_path / "index.html").write_text(head.format(p="") + '<input data-md-color-scheme="slate"><div class="md-typeset x">')
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text(head.format(p="../") + "<p>")
    target = css.reduce_site_css(None, tmp_path, None)
    data = target.read_text()
    assert target.name == f"site.{hashlib.sha256(data.encode()).hexdigest()[:12]}.css"
    assert ".md-typeset{a:b}" in data and ".x:focus-visible{e:f}" in data and "[data-md-color-scheme=slate]" in data
    assert ".mine { k: l; }" in data
    assert "tabbed" not in data and "color-primary" not in data and ".unused" not in data
    assert sorted(p.name for p in sheets.iterdir()) == [target.name]
    assert (tmp_path / "index.html").read_text().startswith(f'<link rel="stylesheet" href="assets/stylesheets/{target.name}">\n<input')
    assert (tmp_path / "a/index.html").read_text() == f'<link rel="stylesheet" href="../assets/stylesheets/{target.name}">\n<p>'


def test_the_preview_keeps_materials_stylesheets(tmp_path, monkeypatch):
    monkeypatch.setenv("PROCEDURES_PREVIEW", "1")
    (tmp_path / "index.html").write_text('<link rel="stylesheet" href="assets/stylesheets/main.0123abcd.min.css">')
    assert css.reduce_site_css(None, tmp_path, None) is None


# --- scripts --------------------------------------------------------------------------------

def test_only_neighbouring_classic_scripts_in_the_site_folder_are_joined():
    a, b, c = "assets/javascripts/a.js", "assets/javascripts/b.js", "assets/javascripts/c.js"
    assert js.joined_run([a, b, c]) == [a, b, c]
    assert js.joined_run([a, "https://x.example/y.js", b, c]) == [b, c]
    assert js.joined_run([a, "assets/javascripts/m.mjs", b]) == []
    assert js.joined_run(["assets/javascripts/sub/a.js", a]) == []


@pytest.mark.skipif(not shutil.which("node"), reason="needs Node.js")
def test_a_failing_script_does_not_stop_the_others(tmp_path):
    class F:
        def __init__(self, p):
            self.abs_src_path = str(p)

    (tmp_path / "a.js").write_text('(function () { "use strict"; throw new Error("a fails"); })();')
    (tmp_path / "b.js").write_text('(function () { "use strict"; globalThis.ran = "b"; })();')

    class Files:
        def get_file_from_path(self, path):
            return F(tmp_path / path.rsplit("/", 1)[1])

    class Config:
        extra_javascript = ["assets/javascripts/a.js", "assets/javascripts/b.js"]

    name, data, joined = js.js_bundle(Config(), Files())
    assert joined == Config.extra_javascript and re.fullmatch(r"assets/javascripts/site\.[0-9a-f]{12}\.js", name)
    script = "globalThis.window = globalThis; window.setTimeout = function (f) { globalThis.later = f; };\n" + data.decode() + \
        "\ntry { later(); } catch (e) { console.log(ran + ' ' + e.message); }"
    (tmp_path / "run.js").write_text(script)
    out = subprocess.run(["node", str(tmp_path / "run.js")], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "b a fails"  # b ran; a's error is still reported


def test_the_focus_visible_polyfill_is_taken_out_of_materials_bundle():
    bundle = next((MATERIAL / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert "applyFocusVisiblePolyfill" in bundle
    trimmed = js.drop_focus_visible(bundle)
    assert trimmed is not None
    assert "applyFocusVisiblePolyfill" not in trimmed and "focus-visible-polyfill-ready" not in trimmed
    assert "sourceMappingURL" not in trimmed
    assert 0 < len(bundle) - len(trimmed) < 5000  # the polyfill, nothing more
    assert js.drop_focus_visible(trimmed) is None  # not found again: left as it is
    if shutil.which("node"):
        subprocess.run(["node", "-e", "new Function(require('fs').readFileSync(0, 'utf8'))"], input=trimmed,
                       text=True, check=True)  # still parses


# --- the sidebar ----------------------------------------------------------------------------

def test_nav_white_space_with_a_line_break_becomes_one_line_break():
    html = '<ul>\n    \n  <li class="a">\n      <span> Home\n  </span>  <b>x</b>\n</li>\n</ul>'
    assert str(navcache.compact(html)) == '<ul>\n<li class="a">\n<span> Home\n</span>  <b>x</b>\n</li>\n</ul>'


def test_feature_classes_need_the_feature_on_a_page_not_just_a_mention_in_a_script():
    script = 'h("div", {class: "tabbed-control"}); h("span", {class: "md-annotation__index md-version__current"})'
    without = used('<p class="md-typeset">', script)
    assert not css.selector_can_match(".tabbed-control", without)
    assert not css.selector_can_match(".md-annotation__index", without)
    assert not css.selector_can_match(".md-version__current", without)
    with_them = used('<div class="tabbed-set"><pre class="annotate"></pre></div>'
                     '<script id="__config" type="application/json">{"version": {"provider": "mike"}}</script>', script)
    assert css.selector_can_match(".tabbed-control", with_them)
    assert css.selector_can_match(".md-annotation__index", with_them)
    assert css.selector_can_match(".md-version__current", with_them)


# --- Material's bundle.js: replaced by theme.js unless extra.material_bundle -------------------

class _Config(dict):
    """The two things lean's on_files reads of a MkDocs config."""

    def __init__(self, extra=None, plugins=()):
        super().__init__()
        self.extra = extra or {}
        self.plugins = {name: object() for name in plugins}


def _theme_files():
    from mkdocs.structure.files import File, Files

    names = ["assets/javascripts/bundle.a5f9d56c.min.js", "assets/javascripts/bundle.a5f9d56c.min.js.map",
             "assets/javascripts/theme.js", "assets/javascripts/lunr/min/lunr.stemmer.support.min.js", "index.md"]
    return Files([File(n, "/docs", "/site", use_directory_urls=True) for n in names])


def _kept(config) -> set[str]:
    from procedures import lean

    return {f.src_uri for f in lean.on_files(None, _theme_files(), config)}


def test_materials_bundle_is_left_out_unless_asked_for():
    assert _kept(_Config()) == {"assets/javascripts/theme.js", "index.md"}
    kept = _kept(_Config(extra={"material_bundle": True}))
    assert {"assets/javascripts/bundle.a5f9d56c.min.js", "assets/javascripts/bundle.a5f9d56c.min.js.map"} <= kept
    assert "assets/javascripts/lunr/min/lunr.stemmer.support.min.js" not in kept
    # Material's own search needs its bundle and its lunr files
    assert len(_kept(_Config(plugins=["material/search"]))) == 5


def test_theme_script_writes_every_class_it_adds_in_full():
    """lean/css.py keeps a rule only if a page or a script names its classes in full: each
    class theme.js adds must be in it literally, or its Material rule is dropped."""
    source = (Path(__file__).resolve().parents[2] / "overrides/assets/javascripts/theme.js").read_text(encoding="utf-8")
    added = set(re.findall(r'classList\.(?:add|toggle)\("([^"]+)"', source))
    added |= {c for names in re.findall(r'className = "([^"]+)"', source) for c in names.split()}
    assert {"md-header--shadow", "md-header__title--active", "md-nav__link--active", "md-tooltip2--active",
            "md-typeset__scrollwrap"} <= added
    assert not re.search(r'classList\.(?:add|toggle)\([^")]', source), "a class built from parts"
    u = used(script=source)
    for name in added:
        assert css.selector_can_match("." + name, u), name
    assert not css.selector_can_match(".md-clipboard", u)  # Material's code copy: not used, its rules go
