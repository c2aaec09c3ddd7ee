"""What each page tells the search index, decided in procedures/search/."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from procedures import search
from procedures.core.site import load_site
from tests.conftest import REPO


@pytest.fixture(scope="module")
def real():
    return load_site(REPO)


def fake_page(src: str, meta: dict | None = None, title: str = "A page", ancestors=()):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src, dest_uri=src.replace(".md", "/index.html")),
                           meta=dict(meta or {}), title=title, ancestors=list(ancestors))


@pytest.mark.parametrize(("src", "expected"), [
    ("manual/neglect.md", "Chapter"),
    ("briefings/safer-sleep.md", "Briefing"),
    ("thresholds/level-3.md", "Thresholds"),
    ("arrangements/funding.md", "Arrangements"),
    ("glossary.md", "Page"),
    ("index.md", "Page"),
])
def test_content_type_comes_from_the_folder(src, expected):
    assert search.type_for(src) == expected


def test_front_matter_can_name_the_type():
    assert search.type_for("amendments/2024.md", {"search": {"type": "Amendments"}}) == "Amendments"


def test_a_chapter_shows_its_code_title_and_manual_section(real):
    info = search.page_info(real, fake_page("manual/neglect.md", {"title": "2.14 Neglect", "lifecycle": "published"}))
    assert (info.index, info.type, info.code, info.title, info.section) == (
        True, "Chapter", "2.14", "Neglect", "2 Children in specific circumstances")


def test_an_ordinary_page_shows_its_nav_section(real):
    section = SimpleNamespace(title="7-Minute Briefings")
    info = search.page_info(real, fake_page("briefings/index.md", {"title": "7-Minute Briefings"}, ancestors=[section]))
    assert (info.index, info.type, info.code, info.section) == (True, "Briefing", "", "7-Minute Briefings")


@pytest.mark.parametrize(("meta", "reason"), [
    ({"lifecycle": "archived"}, "archived page"),
    ({"lifecycle": "draft"}, "draft page"),
    ({"search": {"exclude": True}}, "front matter search: exclude"),
])
def test_archived_draft_and_excluded_pages_are_left_out(real, meta, reason):
    info = search.page_info(real, fake_page("manual/whatever.md", meta))
    assert info.index is False and info.reason == reason


def test_the_search_page_itself_is_not_indexed(real):
    page = real.pages["search.md"]
    assert page.meta["search"] == {"exclude": True}


def test_editor_developer_and_theme_pages_are_left_out(real):
    for src in ("editors/preview.md", "developers/performance.md", "briefings/themes/neglect.md"):
        info = search.page_info(real, fake_page(src))
        assert not info.index and info.reason, src
    assert search.page_info(real, fake_page("briefings/safer-sleep.md")).index


def test_a_chapter_carries_weighted_keywords_with_its_acronyms_spelt_out(real):
    chapter = next(c for c in real.chapters if c.id == "4.2")
    info = search.page_info(real, fake_page(chapter.src_uri))
    assert info.keywords.startswith("4.2 · Allegations against People who Work with Children (LADO)")
    assert "LADO" in info.keywords and "Local Authority Designated Officer" in info.keywords


def test_synonyms_are_indexed_beside_the_words_of_the_page_and_nowhere_else(real):
    rules = search.synonym_rules(real)
    html = ('<html><head><title>LADO</title></head><body><nav>LADO</nav>'
            '<article data-pagefind-body><p>Call the LADO. Ask the local authority designated officer.</p>'
            '<p>Domestic abuse harms children.</p><script>var LADO = 1;</script>'
            '<p><a href="x" title="LADO">link</a> section 47 enquiries</p></article></body></html>')
    out = search.add_synonyms(html, rules)
    body = out[out.index("<article"):]
    assert 'the LADO<span data-pagefind-index-attrs="data-also" data-also="Local Authority Designated Officer"></span>.' in body
    assert 'designated officer<span data-pagefind-index-attrs="data-also" data-also="LADO"></span>.' in body
    assert 'Domestic abuse<span data-pagefind-index-attrs="data-also" data-also="domestic violence"></span>' in body
    assert 'section 47<span data-pagefind-index-attrs="data-also" data-also="S47"></span> enquiries' in body
    assert "var LADO = 1;</script>" in body  # scripts untouched
    assert 'title="LADO">' in body  # attributes untouched
    assert out[: out.index("<article")] == html[: html.index("<article")]  # nothing before the indexed part
    assert search.add_synonyms("<p>LADO</p>", rules) == "<p>LADO</p>"  # a page that is not indexed


def test_the_vocabulary_holds_the_words_of_titles_keywords_and_the_glossary(real, tmp_path):
    import json

    pages = {}
    for chapter in real.chapters[:3]:
        info = search.page_info(real, fake_page(chapter.src_uri))
        pages[chapter.src_uri.replace(".md", "/index.html")] = info
    real.extra["search_pages"] = pages
    search.write_vocabulary(real, tmp_path)
    words = set(json.loads((tmp_path / search.VOCABULARY).read_text())["words"])
    assert "designated" in words and "officer" in words  # the glossary
    first = real.chapters[0]
    assert {w.lower() for w in first.title.split() if len(w) > 3 and w.isalpha()} <= words
    assert all(len(w) >= 4 and w == w.lower() for w in words)


def test_the_exact_keys_are_the_codes_titles_and_title_acronyms_search_js_promotes_for():
    """search.js shows results without fetching the first eight's details unless the query
    is one of these keys: each must be what its ``exactness`` compares (norm, singular)."""
    pages = {
        "a/index.html": search.SearchInfo(index=True, type="Chapter", code="2.14", title="Neglect"),
        "b/index.html": search.SearchInfo(index=True, type="Chapter", code="4.2",
                                          title="Allegations against People who Work with Children (LADO)"),
        "c/index.html": search.SearchInfo(index=True, type="Chapter", title="Children\u2019s Homes and S47 Enquiries"),
        "d/index.html": search.SearchInfo(index=False, type="Editors", code="9.9", title="Secret DRAFT Page"),
    }
    keys = search.exact_keys(pages)
    assert "code:2.14" in keys and "code:4.2" in keys and "code:9.9" not in keys  # only indexed pages
    assert "title:neglect" in keys
    assert "title:allegation against people who work with children lado" in keys  # singular, as search.js
    assert "title:children home and s47 enquirie" in keys  # the apostrophe dropped, then singular
    assert {"acr:LADO", "acr:S47"} <= set(keys) and "acr:DRAFT" not in keys
    assert not any(k in keys for k in ("acr:Work", "acr:Neglect", "acr:AND"))  # capitals only, words of 3+
