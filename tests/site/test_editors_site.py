"""The editor guide in the built site: the review dashboard and /reviews.json, the error
catalogue generated from the mistake corpus, the front matter reference and the nav."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from markupsafe import escape

from procedures import reviews
from procedures.editor.mistakes import MISTAKES
from procedures.manual.models import ChapterMeta
from procedures.core.site import load_site
from tests.conftest import REPO
from tests.helpers import page_scripts

pytestmark = pytest.mark.slow

GUIDE = ["editors", "editors/change-a-chapter", "editors/preview", "editors/new-pages", "editors/amendments",
         "editors/partners-and-rotation", "editors/errors", "editors/review-cycle", "editors/reviews",
         "editors/style-guide", "editors/front-matter", "editors/publishing"]


def page(built: Path, path: str) -> str:
    return (built / path / "index.html").read_text(encoding="utf-8")


def resolves(built: Path, page_url: str, href: str) -> bool:
    target = urlparse(urljoin("http://x/" + page_url, href)).path.lstrip("/")
    return (built / target / "index.html").exists() if target.endswith("/") or not target else (built / target).exists()


def primary_nav(html: str) -> str:
    start = html.index('class="md-nav md-nav--primary"')
    return html[start:html.index("</nav>", start)]


def test_every_guide_page_is_built_and_in_the_editors_navigation(built_site):
    for path in GUIDE:
        html = page(built_site, path)
        assert "{{" not in html and "{%" not in html, path
    nav = primary_nav(page(built_site, "editors"))
    assert "For editors" in nav and "For developers" in nav  # developer pages sit inside the guide
    for path in GUIDE[1:]:
        assert f'href="{path.removeprefix("editors/")}/"' in nav, path
    assert 'href="../developers/performance/"' in nav
    assert "manual/neglect/" not in nav and "Procedures manual" not in nav  # the practitioners' menu is not here


def test_practitioner_pages_reach_the_guide_from_the_footer_not_the_menu(built_site):
    for path in ("", "manual/", "manual/neglect/", "glossary/", "accessibility/"):
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        nav = primary_nav(html)
        assert "editors/" not in nav and "developers/" not in nav and "For editors" not in nav, path
        footer = html[html.index('class="md-footer"'):]
        assert re.search(r'<a href="[./]*editors/">For editors and developers</a>', footer), path
    # previous/next links stay within each audience: the last practitioner page leads nowhere staff-only
    html = (built_site / "accessibility" / "index.html").read_text(encoding="utf-8")
    assert "md-footer__link--next" not in html or "editors/" not in html.split("md-footer__link--next")[0][-300:]
    first = page(built_site, "editors")
    assert "md-footer__link--prev" not in first


def test_no_edit_pencil_while_the_edit_address_is_a_placeholder(built_site):
    for path in ("manual/neglect/", "editors/change-a-chapter/", ""):
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        assert "md-content__button" not in html and "example.org/llr-procedures/edit" not in html, path


def test_reviews_json_lists_every_published_chapter_with_a_working_address(built_site):
    data = json.loads((built_site / "reviews.json").read_text(encoding="utf-8"))
    site = load_site(REPO)
    expected = reviews.items(site)
    assert [i["title"] for i in data["items"]] == [i.title for i in expected]
    assert {i["code"] for i in data["items"] if i["type"] == "chapter"} == \
        {c.id for c in site.chapters if c.status == "published"}
    site_url = "https://procedures.example.org/"
    for item in data["items"]:
        assert item["url"].startswith(site_url)
        assert (built_site / item["url"].removeprefix(site_url) / "index.html").exists(), item["url"]
        assert item["state"] in {"overdue", "due-soon", "current", "none"}
        assert item["owner"]
    assert not any(c.status == "draft" and c.title in {i["title"] for i in data["items"]} for c in site.chapters)


def test_review_dashboard_has_a_row_per_item_with_build_date_states(built_site):
    html = page(built_site, "editors/reviews")
    data = json.loads((built_site / "reviews.json").read_text(encoding="utf-8"))
    rows = re.findall(r'<tr class="review-row review-row--([a-z-]+)" data-review-due="([0-9-]*)">(.*?)</tr>', html, re.S)
    assert len(rows) == len(data["items"])
    for (state, due, cells), item in zip(rows, data["items"], strict=True):
        assert state == item["state"] and due == (item["next_review"] or "")
        assert str(escape(item["title"])) in cells
        href = re.search(r'<a href="([^"]+)">', cells).group(1)
        assert resolves(built_site, "editors/reviews/", href), href
    assert f'data-build-date="{data["generated"]}"' in html
    assert "assets/javascripts/reviews.js" in page_scripts(built_site, html, "editors/reviews")


def test_error_catalogue_shows_every_mistake_of_the_corpus(built_site):
    html = page(built_site, "editors/errors")
    applicable = [m for m in MISTAKES if m.applies(REPO)]
    assert html.count('class="mistake-example"') == len(applicable) >= 40
    for m in applicable:
        assert f'id="{m.key}"' in html, m.key
        message = str(escape(m.message.split("…")[0])).replace("{", "&#123;").replace("}", "&#125;")
        assert message in html, m.key


def test_front_matter_reference_lists_every_chapter_key(built_site):
    html = page(built_site, "editors/front-matter")
    for key in ChapterMeta.model_fields:
        assert f"<code>{key}</code>" in html, key


def test_to_confirm_items_are_on_the_dashboard_and_not_on_the_chapter_pages(built_site):
    site = load_site(REPO)
    dashboard = page(built_site, "editors/reviews")
    groups = reviews.to_confirm_groups(site)
    assert groups
    for g in groups:
        ch = g["chapter"]
        start = dashboard.index(f'data-to-confirm-chapter="{ch.id}"')
        section = dashboard[start:dashboard.index("</section>", start)]
        assert f'<span class="review-to-confirm__count">({len(g["items"])})</span>' in section, ch.id
        href = re.search(r'<a href="([^"]+)">', section).group(1)
        assert resolves(built_site, "editors/reviews/", href), (ch.id, href)
        chapter_page = page(built_site, ch.url.rstrip("/"))
        for text in g["items"]:
            assert f"<li>{escape(text)}</li>" in section, (ch.id, text)
            # the practitioner's page never shows the editors' list
            assert str(escape(text)) not in chapter_page and text not in chapter_page, (ch.id, text)
