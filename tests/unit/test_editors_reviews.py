"""Review dates: states at their boundaries, the order of the dashboard, reviews.json and
the dashboard's HTML (with the build date pinned, never "today")."""

from __future__ import annotations

import json
import re
from datetime import date
from types import SimpleNamespace

from procedures import reviews
from procedures.core.site import load_site
from tests.conftest import REPO


def item(next_review: date | None) -> reviews.ReviewItem:
    return reviews.ReviewItem("chapter", "9.9", "T", "manual/t.md", "manual/t/", "ppg", "Owner",
                              date(2020, 1, 1), next_review, "docs/manual/t.md")


def test_states_at_their_boundaries():
    today = date(2027, 1, 31)
    assert item(date(2027, 1, 30)).state(today) == "overdue"
    assert item(date(2027, 1, 31)).state(today) == "due-soon"  # due today: not yet overdue
    assert item(date(2027, 4, 1)).state(today) == "due-soon"  # exactly 60 days on
    assert item(date(2027, 4, 2)).state(today) == "current"
    assert item(date(2027, 4, 2)).state(today, within=61) == "due-soon"
    assert item(None).state(today) == "none"


def test_items_are_every_published_chapter_soonest_first():
    site = load_site(REPO, today=date(2027, 3, 1))
    every = reviews.items(site)
    chapters = [i for i in every if i.kind == "chapter"]
    assert {i.code for i in chapters} == {c.id for c in site.chapters if c.status == "published"}
    dated = [i.next_review for i in every if i.next_review]
    assert dated == sorted(dated)
    assert all(i.owner for i in every)


def test_briefings_are_listed_once_they_exist():
    site = load_site(REPO, today=date(2027, 3, 1))
    published = [b for b in site.extra.get("briefings", []) if b.status == "published"]
    listed = [i for i in reviews.items(site) if i.kind == "briefing"]
    assert sorted(i.src_uri for i in listed) == sorted(b.src_uri for b in published)
    for i in listed:
        assert i.url == i.src_uri.removesuffix(".md") + "/"


def test_due_lists_overdue_and_due_soon_only():
    site = load_site(REPO, today=date(2027, 3, 1))
    due = reviews.due(site)
    assert due and all(i.state(site.today) in {"overdue", "due-soon"} for i in due)
    assert not reviews.due(load_site(REPO, today=date(2026, 11, 2)), within=10)


def test_reviews_json_has_absolute_urls_and_the_build_date():
    site = load_site(REPO, today=date(2027, 4, 15))
    data = reviews.reviews_json(site, "https://procedures.example.org/")
    assert data["generated"] == "2027-04-15" and data["due_soon_days"] == 60
    first = data["items"][0]
    assert first["state"] == "overdue" and first["next_review"] == "2027-03-31"
    assert first["url"].startswith("https://procedures.example.org/manual/")
    assert json.loads(json.dumps(data)) == data


def test_write_reviews_json(tmp_path):
    site = load_site(REPO, today=date(2027, 4, 15))
    reviews.write_reviews_json(site, tmp_path, SimpleNamespace(get=lambda key: "https://x.example/" if key == "site_url" else None))
    data = json.loads((tmp_path / "reviews.json").read_text(encoding="utf-8"))
    assert len(data["items"]) == len(reviews.items(site))


def test_dashboard_html_marks_states_and_escapes_titles(project_copy):
    path = project_copy / "docs/manual/neglect.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Neglect\n", "title: Neglect <b>& care</b>\n", 1), encoding="utf-8")
    site = load_site(project_copy, today=date(2027, 4, 15))
    html = reviews.dashboard(site)
    assert "Neglect &lt;b&gt;&amp; care&lt;/b&gt;" in html and "<b>" not in html
    assert 'class="review-row review-row--overdue" data-review-due="2027-03-31"' in html
    assert 'class="review-row review-row--current" data-review-due="2027-11-01"' in html
    assert 'data-build-date="2027-04-15"' in html
    assert 'href="../../manual/neglect/"' in html
    overdue = sum(1 for i in reviews.items(site) if i.state(site.today) == "overdue")
    assert f'<span data-review-count="overdue">{overdue}</span>' in html


def test_to_confirm_lists_each_chapters_items_escaped_with_a_count(project_copy):
    path = project_copy / "docs/manual/neglect.md"
    text = path.read_text(encoding="utf-8")
    assert "\nto_confirm:" in text
    text = re.sub(r"\nto_confirm: [^\n]*", '\nto_confirm: ["Where the <b>toolkit</b> & its guide live", "Second detail"]', text, count=1)
    path.write_text(text, encoding="utf-8")
    site = load_site(project_copy, today=date(2027, 4, 15))
    assert not site.report.errors
    groups = reviews.to_confirm_groups(site)
    neglect = next(g for g in groups if g["chapter"].id == "2.14")
    assert neglect["items"] == ["Where the <b>toolkit</b> & its guide live", "Second detail"]
    # every published chapter with a to_confirm list is there, and no other
    expected = {c.id for c in site.chapters if c.status == "published" and c.meta.to_confirm}
    assert {g["chapter"].id for g in groups} == expected and len(expected) > 1
    html = reviews.to_confirm_list(site)
    assert "<li>Where the &lt;b&gt;toolkit&lt;/b&gt; &amp; its guide live</li>" in html and "<b>toolkit" not in html
    section = html[html.index('data-to-confirm-chapter="2.14"'):]
    section = section[:section.index("</section>")]
    assert 'href="../../manual/neglect/"' in section
    assert '<span class="review-to-confirm__count">(2)</span>' in section
    assert section.count("<li>") == 2
    total = sum(len(g["items"]) for g in groups)
    assert f"<strong>{total}</strong> details to confirm in <strong>{len(groups)}</strong> chapters" in html


def test_to_confirm_list_says_so_when_there_is_nothing(project_copy):
    for path in (project_copy / "docs/manual").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        new = re.sub(r"\nto_confirm:(?: \[[^\n]*\]|(?:\n +- [^\n]*)+)", "", text)
        if new != text:
            path.write_text(new, encoding="utf-8")
    site = load_site(project_copy, today=date(2027, 4, 15))
    assert not site.report.errors
    assert reviews.to_confirm_groups(site) == []
    assert "No chapter lists a local detail to confirm." in reviews.to_confirm_list(site)
