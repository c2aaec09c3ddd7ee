"""Strict builds of the real site and of deliberately broken copies; assertions on HTML."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from procedures.core.builder import BuildFailed, build_site
from procedures.core.dates import epoch_for
from procedures.manual.chapters import published
from procedures.core.site import load_site
from tests.conftest import REPO
from tests.helpers import edit

pytestmark = pytest.mark.slow


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_home_has_the_worried_about_a_child_block(built_site):
    html = (built_site / "index.html").read_text()
    assert 'id="worried-heading"' in html and "Worried about a child?" in html
    assert 'href="tel:999"' in html
    # every route shows its number with where it came from, or, with no number in any
    # source, what to do instead; a route with a number is never "to be confirmed"
    from markupsafe import escape

    from procedures.contacts import provenance, worried

    block = html[html.index('class="worried"'):html.index("</section>", html.index('class="worried"'))]
    assert "to be confirmed" not in block.lower()
    for c in worried(load_site(REPO)):
        item = block[block.index(f'data-contact="{c.key}"'):]
        item = item[:item.index("</li>")]
        assert str(escape(c.name)) in item and str(escape(provenance(c))) in item, c.key
        if c.phone:
            assert f'href="tel:{c.phone.replace(" ", "")}"' in item, c.key
        else:
            assert str(escape(c.unconfirmed)) in item, c.key


def test_glossary_abbreviations_appear_on_pages(built_site):
    home = (built_site / "index.html").read_text()
    assert '<abbr title="Leicester, Leicestershire and Rutland">LLR</abbr>' in home
    lado = (built_site / "manual/allegations-against-people-who-work-with-children/index.html").read_text()
    assert '<abbr title="Local Authority Designated Officer">LADO</abbr>' in lado
    glossary = (built_site / "glossary/index.html").read_text()
    assert 'id="term-lado"' in glossary and "Local Authority Designated Officer" in glossary


def test_no_unrendered_template_syntax_anywhere(built_site):
    offenders = [p.relative_to(built_site).as_posix() for p in html_files(built_site) if "{{" in p.read_text() or "{%" in p.read_text()]
    assert offenders == []


def test_every_published_chapter_page_has_its_furniture(built_site):
    site = load_site(REPO)
    for ch in published(site):
        html = (built_site / ch.url / "index.html").read_text()
        assert f'<span class="chapter-code">{ch.id}</span>' in html, ch.id
        assert 'class="scope"' in html and "Scope of this chapter" in html, ch.id
        assert "<dt>Last reviewed</dt>" in html and "<dt>Next review due</dt>" in html, ch.id
        assert "<dt>Owner</dt><dd>LLR Policy and Procedures Group</dd>" in html, ch.id
        assert re.search(r'href="mailto:[^"]+\?subject=Problem%20with%20chapter%20' + re.escape(ch.id), html), ch.id
        assert "Printed copies may be out of date — check online." in html, ch.id
        assert f'<meta name="description" content="' in html


def test_no_draft_appears_anywhere_in_the_site(built_site):
    hits = []
    for p in built_site.rglob("*"):
        if p.is_file() and p.suffix in {".html", ".xml", ".json", ".txt", ".js"}:
            text = p.read_text(errors="ignore")
            # the draft's words, its title, or a link to where it would be published (the editor
            # guide may name its source file as an example, which is not the draft itself)
            if "draftmarkerxyzzy" in text or "transitional-safeguarding/" in text or "Transitional Safeguarding" in text:
                hits.append(p.relative_to(built_site).as_posix())
    assert hits == []
    assert not (built_site / "manual/transitional-safeguarding").exists()


def test_archived_chapter_is_reachable_with_a_banner_but_not_listed(built_site):
    html = (built_site / "manual/children-of-drug-and-alcohol-misusing-parents/index.html").read_text()
    assert "Archived — this chapter is no longer current." in html
    assert 'href="../children-of-parents-who-misuse-substances/"' in html
    assert "banner--overdue" not in html
    contents = (built_site / "manual/index.html").read_text()
    assert "children-of-drug-and-alcohol-misusing-parents" not in contents


def test_contents_lists_every_published_chapter_with_code_and_summary(built_site):
    site = load_site(REPO)
    contents = (built_site / "manual/index.html").read_text()
    for ch in published(site):
        assert f'href="{ch.slug}/"' in contents, ch.id
        assert f"<td>{ch.id}</td>" in contents, ch.id


def test_overdue_banner_is_decided_by_the_build_date_as_fallback(project_copy, monkeypatch, tmp_path, built_site):
    # built "in 2100" every chapter is past its review date; the HTML says so without JavaScript
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch_for(__import__("datetime").date(2100, 1, 1)))
    out = build_site(project_copy, tmp_path / "future", progress=lambda m: None, after_build=False)
    html = (out / "manual/strategy-discussions/index.html").read_text()
    assert re.search(r'<div class="banner banner--overdue" data-next-review="2027-11-01">', html)
    # built today (the session's build of the same project), the same chapter is current:
    # the banner is there for the script but hidden
    html = (built_site / "manual/strategy-discussions/index.html").read_text()
    assert re.search(r'<div class="banner banner--overdue" data-next-review="2027-11-01" hidden>', html)


def test_a_failed_build_leaves_the_previous_site_untouched(project_copy, tmp_path, built_site):
    out = tmp_path / "site"
    shutil.copytree(built_site, out)  # the previous site: the session's build of the same project
    marker = out / "index.html"
    before = marker.read_text()
    # a link to a page that does not exist: MkDocs strict mode fails the build
    edit(project_copy, "docs/using-the-manual.md", "## Printing", "## Printing\n\nSee [nowhere](no-such-page.md).")
    with pytest.raises(BuildFailed):
        build_site(project_copy, out, progress=lambda m: None, after_build=False)
    assert marker.read_text() == before
    assert not list(tmp_path.glob(".site-build-*")), "the temporary build folder was left behind"


def test_bad_data_stops_the_build_before_anything_is_written(project_copy, tmp_path):
    edit(project_copy, "data/owners.yml", "default: ppg\n", "default: nobody\n")
    with pytest.raises(BuildFailed) as info:
        build_site(project_copy, tmp_path / "site", progress=lambda m: None, after_build=False)
    assert "data/owners.yml:2: default owner 'nobody'" in str(info.value)
    assert not (tmp_path / "site").exists()


def test_broken_anchor_fails_the_build(project_copy, tmp_path):
    edit(project_copy, "docs/using-the-manual.md", "## Printing", "## Printing\n\nSee [contents](manual/index.md#no-such-anchor).")
    with pytest.raises(BuildFailed):
        build_site(project_copy, tmp_path / "site", progress=lambda m: None, after_build=False)


def test_cli_build_and_check_exit_codes(project_copy):
    import subprocess
    import sys

    ok = subprocess.run([sys.executable, "-m", "procedures", "--root", str(project_copy), "check"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    edit(project_copy, "data/contacts.yml", "    checked_on: 2026-12-06\n", "    checked_on: 06/12/2026\n")
    bad = subprocess.run([sys.executable, "-m", "procedures", "--root", str(project_copy), "check"], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "data/contacts.yml:" in bad.stderr and "write dates as 2024-03-31" in bad.stderr


def test_pages_load_the_sites_theme_script_not_materials_bundle(built_site):
    """theme.js (joined into the site's one script) does what the site uses of Material's
    bundle.js, which is neither copied nor linked (overrides/main.html, procedures/lean/)."""
    assert not list((built_site / "assets/javascripts").glob("bundle.*.min.js"))
    joined = list((built_site / "assets/javascripts").glob("site.*.js"))
    assert len(joined) == 1 and "md-header__title--active" in joined[0].read_text(encoding="utf-8")
    for page in ("index.html", "manual/neglect/index.html", "404.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert "javascripts/bundle." not in html, page
        assert re.search(r'<script src="[./]*assets/javascripts/site\.[0-9a-f]+\.js"', html), page


def test_material_bundle_true_brings_materials_own_script_back(project_copy, tmp_path):
    """A partnership that needs a Material feature theme.js does not cover sets
    extra.material_bundle: true: the pages load Material's bundle.js (copied again), and
    theme.js, still in the site's script, leaves the work to it (window.component$)."""
    edit(project_copy, "mkdocs.yml", "\nextra:\n", "\nextra:\n  material_bundle: true\n")
    out = build_site(project_copy, tmp_path / "site", progress=lambda m: None, after_build=False)
    bundles = list((out / "assets/javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1
    html = (out / "manual/neglect/index.html").read_text(encoding="utf-8")
    assert f'assets/javascripts/{bundles[0].name}"' in html
    assert html.index(bundles[0].name) < html.index("assets/javascripts/site.")  # Material's first, as before
    joined = next((out / "assets/javascripts").glob("site.*.js")).read_text(encoding="utf-8")
    assert "if (window.component$) return;" in joined
