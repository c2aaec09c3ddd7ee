"""The search index in the real build, and the build's checks around it."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from procedures import search
from procedures.core.builder import build_site
from procedures.core.site import get_site, load_site
from tests.helpers import edit, page_scripts


def fragments(site_dir):
    """Every page Pagefind indexed: url -> its fragment (content, meta, filters)."""
    out = {}
    for path in (site_dir / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        data = json.loads(raw[raw.index(b"{"):])
        out[data["url"]] = data
    return out


def test_the_build_writes_a_pagefind_index_without_unused_files(built_site):
    bundle = built_site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert list(bundle.glob("wasm.*.pagefind"))
    for unused in search.UNUSED_BUNDLE_FILES:
        assert not (bundle / unused).exists(), unused
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    marked = [p for p in built_site.rglob("*.html")
              if "pagefind" not in p.parts and search.BODY_MARKER_RE.search(p.read_text(encoding="utf-8"))]
    assert entry["languages"]["en"]["page_count"] == len(marked) > 40


def test_every_published_chapter_is_indexed_with_code_title_section_and_type(built_site):
    from procedures.manual import chapters as manual
    from tests.conftest import REPO

    real = load_site(REPO)
    indexed = fragments(built_site)
    sections = {s.key: s.title for s in manual.sections(real)}
    for ch in manual.published(real):
        data = indexed.get("/" + ch.url)
        assert data is not None, f"{ch.id} is not in the search index"
        assert data["meta"]["code"] == ch.id
        assert data["meta"]["title"] == ch.title
        assert data["meta"]["section"] == f"{ch.meta.section} {sections[ch.meta.section]}"
        assert data["filters"]["type"] == ["Chapter"]
        assert "¶" not in data["content"], f"{ch.id}: heading permalinks must not be indexed"
        assert "Printed copies may be out of date" not in data["content"]


def test_drafts_archived_chapters_and_utility_pages_are_not_indexed(built_site):
    from procedures.manual import chapters as manual
    from tests.conftest import REPO

    real = load_site(REPO)
    urls = set(fragments(built_site))
    for ch in real.chapters:
        if ch.status != "published":
            assert "/" + ch.url not in urls, f"{ch.id} ({ch.status}) must not be searchable"
    assert any(c.status == "archived" for c in real.chapters) and any(c.status == "draft" for c in real.chapters)
    assert "/search/" not in urls and "/404.html" not in urls
    archived = next(c for c in real.chapters if c.status == "archived")
    assert "data-pagefind-body" not in (built_site / archived.url / "index.html").read_text(encoding="utf-8")


def test_other_content_types_are_indexed_with_their_type(built_site):
    types = {}
    for url, data in fragments(built_site).items():
        types.setdefault(data["filters"]["type"][0], []).append(url)
    assert all(u.startswith("/manual/") for u in types["Chapter"])
    for kind, prefix in (("Briefing", "/briefings/"), ("Thresholds", "/thresholds/"), ("Arrangements", "/arrangements/")):
        assert types.get(kind), f"no {kind} pages in the index"
        assert all(u.startswith(prefix) for u in types[kind]), (kind, types[kind])
    assert "/" in types["Page"] and "/glossary/" in types["Page"]


def test_search_assets_are_not_loaded_by_pages_until_used(built_site):
    html = (built_site / "manual" / "neglect" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link)\b[^>]*pagefind", html, re.I)  # only the index markers
    assert not re.search(r"(import|fetch)\([^)]*pagefind", html)
    scripts = page_scripts(built_site, html, "manual/neglect")
    assert "assets/javascripts/search-boot.js" in scripts  # loads search.js when the search is first used
    assert "assets/javascripts/search.js" not in scripts
    assert (built_site / "assets/javascripts/search.js").is_file()


def test_a_template_without_the_body_marker_fails_the_build_with_a_clear_message(project_copy, tmp_path):
    edit(project_copy, "overrides/chapter.html", "{% if search_info.index %} data-pagefind-body{% endif %}", "")
    out = build_site(project_copy, tmp_path / "site", progress=lambda m: None, after_build=False)
    with pytest.raises(search.SearchIndexError) as exc:
        search.index_site(get_site(project_copy), out)
    lines = str(exc.value).splitlines()
    assert "manual/neglect/index.html: this page should be searchable but its template has no data-pagefind-body" in str(exc.value)
    assert len(lines) >= 30  # one line per page, all collected


def test_a_template_that_marks_an_archived_chapter_fails_the_build(project_copy, tmp_path):
    edit(project_copy, "overrides/chapter.html", "{% if search_info.index %} data-pagefind-body{% endif %}", " data-pagefind-body")
    out = build_site(project_copy, tmp_path / "site", progress=lambda m: None, after_build=False)
    with pytest.raises(search.SearchIndexError, match=r"children-of-drug-and-alcohol-misusing-parents/index.html: this page must not be searchable \(archived page\)"):
        search.index_site(get_site(project_copy), out)


def _synonyms_plainly(html, rules):
    """What add_synonyms did before its shortcuts: every rule on every piece of text."""
    m = search.BODY_MARKER_RE.search(html)
    if m is None or not rules:
        return html
    head, parts = html[: m.start()], search._TAG.split(html[m.start():])
    skipping = None
    for i, part in enumerate(parts):
        if i % 2:
            if skipping and part.lower().startswith(f"</{skipping}"):
                skipping = None
            elif (found := search._SKIP_TEXT_IN.match(part)) is not None:
                skipping = found.group(1).lower()
            continue
        if skipping or not part.strip():
            continue
        marks = [(hit.end(), other) for pattern, other in rules for hit in pattern.finditer(part)]
        for end, other in sorted(marks, reverse=True):
            value = other.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            part = f'{part[:end]}<span data-pagefind-index-attrs="data-also" data-also="{value}"></span>{part[end:]}'
        parts[i] = part
    return head + "".join(parts)


def test_the_synonym_shortcuts_mark_exactly_what_trying_every_rule_marks(built_site):
    """add_synonyms tries only the rules whose words are all in the page and passes over
    pieces none of them matches: on every page of the real site, and on pages made to
    trip the shortcuts (a phrase split by a tag, odd case, the long s that matches "s"
    when case is ignored, a NUL character, which the quick way joins the pieces with),
    the result is the same as trying every rule everywhere."""
    rules = search.synonym_rules(load_site(search_root()))
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    marked = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        expected = _synonyms_plainly(html, rules)
        assert search.add_synonyms(html, rules) == expected, path
        marked += expected != html
    assert marked > 50  # the real pages do get synonyms
    body = '<html><body><article data-pagefind-body>{}</article></body></html>'
    for text in ("<p>local <em>authority</em> designated officer, LoCaL AuThOrItY DeSiGnAtEd OfFiCeRs</p>",
                 "<p>the lado, the LADO, LADOs and LADO-led</p>", "<p>Domestic abu\u017fe, alone</p>",
                 "<p>Section\n47 and section-47, S47</p>", "<p>nothing here</p>",
                 "<p>a stray \x00 NUL beside the LADO</p>"):
        html = body.format(text)
        assert search.add_synonyms(html, rules) == _synonyms_plainly(html, rules), text


def search_root():
    from pathlib import Path

    return Path(__file__).resolve().parents[2]


def test_pagefind_reads_a_copy_of_the_searchable_pages_only(tmp_path):
    """The copy Pagefind indexes holds the pages the build marks searchable, not the
    others (print pages, earlier editions, 404): they would only be read to be skipped.
    (That no searchable page is lost is checked on the real build above: the index counts
    every marked page.)"""
    from types import SimpleNamespace

    site_dir = tmp_path / "site"
    for rel in ("manual/a/index.html", "print/manual/section-1/index.html", "404.html"):
        (site_dir / rel).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / rel).write_text("<html><body><article data-pagefind-body>text</article></body></html>",
                                    encoding="utf-8")
    info = search.SearchInfo
    pages = {"manual/a/index.html": info(type="Chapter", index=True, title="A"),
             "print/manual/section-1/index.html": info(type="Page", index=False, title="P", reason="print copy")}
    site = SimpleNamespace(extra={"search_pages": pages}, data={})
    snap = search._snapshot(site_dir, site)  # beside site_dir, so inside tmp_path
    assert sorted(p.relative_to(snap).as_posix() for p in snap.rglob("*.html")) == ["manual/a/index.html"]
    # without the build's list (a site indexed on its own), every page is copied (the
    # snapshot starts afresh each time)
    snap = search._snapshot(site_dir, None)
    assert len(list(snap.rglob("*.html"))) == 3
