"""What each page tells the search index, decided in procedures/search.py."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from procedures import search
from procedures.site import load_site
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
