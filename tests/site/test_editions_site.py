"""Editions in a built site: a fixture git repository with three editions cut by
`procedures release` (tests/editions_fixture.py), built once into a temporary folder.

Edition pages exist with the right text and only for superseded texts; the diff marks
the right words; the chapter's updates and the Amendments page link to them; the
date page lists each edition with its range; a shallow clone fails with one line."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from procedures.core.builder import BuildFailed, mkdocs_build
from tests.editions_fixture import ADDED, ORIGINAL, SECOND, THIRD, make_repo, today

pytestmark = pytest.mark.slow

ED = "manual/neglect/editions"


@pytest.fixture(scope="module")
def fixture_repo(tmp_path_factory) -> Path:
    return make_repo(tmp_path_factory.mktemp("editions") / "repo")


@pytest.fixture(scope="module")
def built(fixture_repo: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("editions-site") / "site"
    with today(date(2027, 3, 12)):
        mkdocs_build(fixture_repo / "mkdocs.yml", out)
    return out


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_a_page_for_each_superseded_text_only(built):
    assert sorted(p.name for p in (built / ED).iterdir()) == ["2026-11", "2027-01", "2027-03"]
    assert (built / ED / "2026-11/index.html").is_file()
    assert (built / ED / "2027-01/index.html").is_file()
    assert not (built / ED / "2027-03/index.html").exists()  # the current text is the chapter itself
    assert not (built / ED / "2026-11/changes").exists()  # the first edition has nothing to compare with
    assert not (built / "manual/domestic-abuse/editions").exists()  # unchanged chapters have no edition pages


def test_edition_pages_hold_the_text_of_their_edition(built):
    first = text_of(article(page(built, f"{ED}/2026-11")))
    second = text_of(article(page(built, f"{ED}/2027-01")))
    assert ORIGINAL in first and SECOND not in first
    assert SECOND in second and ORIGINAL not in second and ADDED not in second
    current = text_of(article(page(built, "manual/neglect")))
    assert THIRD in current and ADDED in current


def test_edition_pages_have_the_banner_noindex_and_no_search(built):
    html = page(built, f"{ED}/2026-11")
    assert '<meta name="robots" content="noindex">' in html
    assert "data-pagefind-body" not in html
    banner = text_of(html[html.index('<div class="edition-banner'):])
    assert banner.startswith(" Superseded on 20 January 2027 — read the current version.")
    assert re.search(r'<a href="\.\./\.\./">read the current version</a>', html)
    assert "Superseded on 10 March 2027" in text_of(page(built, f"{ED}/2027-01"))
    sitemap_pages = [x for x in re.findall(r"<loc>([^<]+)</loc>",
                                                                   (built / "sitemap.xml").read_text(encoding="utf-8"))]
    assert not [u for u in sitemap_pages if "/editions/" in u]


def test_the_diff_marks_the_right_words(built):
    html = article(page(built, f"{ED}/2027-03/changes"))
    dels = re.findall(r"<del>(.*?)</del>", html)
    ins = re.findall(r"<ins>(.*?)</ins>", html)
    strip = [text_of(x).strip() for x in dels], [text_of(x).strip() for x in ins]
    # the legend's examples first, then the changes themselves
    assert strip[0] == ["struck through", "deleted: slowly"]
    assert strip[1] == ["underlined", "inserted: gradually", f"inserted: {ADDED}"]
    first = article(page(built, f"{ED}/2027-01/changes"))
    assert [text_of(x).strip() for x in re.findall(r"<del>(.*?)</del>", first)][1:] == ["deleted: over time"]
    assert [text_of(x).strip() for x in re.findall(r"<ins>(.*?)</ins>", first)][1:] == ["inserted: slowly"]
    assert '<meta name="robots" content="noindex">' in page(built, f"{ED}/2027-03/changes")


def test_the_chapter_updates_link_to_the_text_before_and_what_changed(built):
    html = page(built, "manual/neglect")
    updates = html[html.index('id="updates-to-this-chapter"'):html.index("</section>", html.index('id="updates-to-this-chapter"'))]
    items = re.findall(r"<li>(.*?)</li>", updates, re.S)
    assert 'href="editions/2027-03/changes/">what changed</a>' in items[0]
    assert 'href="editions/2027-01/">the text before this update</a>' in items[0]
    assert 'href="editions/2026-11/">the text before this update</a>' in items[1]
    assert 'href="editions/2026-11/">the text as published in the November 2026 edition</a>' in items[2]
    assert "editions/" not in items[3]  # 2022: before editions were cut, no text in git


def test_the_amendments_page_links_each_updated_chapter_to_its_changes(built):
    html = page(built, "amendments")
    assert re.findall(r'href="([^"]*changes/)"', html) == ["../manual/neglect/editions/2027-03/changes/",
                                                        "../manual/neglect/editions/2027-01/changes/"]


def test_the_date_page_lists_each_edition_with_its_range(built):
    html = page(built, "amendments/on-a-date")
    items = re.findall(r'<li class="editions-list__item" id="edition-([^"]+)" data-from="([^"]*)" data-to="([^"]*)"', html)
    assert items[:3] == [("2027-03", "2027-03-10", ""), ("2027-01", "2027-01-20", "2027-03-09"),
                         ("2026-11", "2026-11-01", "2027-01-19")]
    jan = html[html.index('id="edition-2027-01"'):html.index('id="edition-2026-11"')]
    assert '<a href="../../manual/neglect/editions/2027-01/"><span class="chapter-code">2.14</span>' in jan
    assert '<a href="../../manual/domestic-abuse/">' in jan  # unchanged: the current page
    old = html[html.index('id="edition-2024-03"'):]
    assert "not kept on this site" in old.split("</li>", 1)[0]
    assert "<script" not in html[html.index("data-editions-on-date"):html.index("</ol>")]


def test_a_shallow_clone_fails_the_build_with_one_line(fixture_repo, tmp_path):
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{fixture_repo}", str(clone)], check=True,
                   capture_output=True)
    with today(date(2027, 3, 12)), pytest.raises(BuildFailed) as exc:
        mkdocs_build(clone / "mkdocs.yml", tmp_path / "site")
    message = str(exc.value)
    assert "\n" not in message
    assert message.startswith("this is a shallow clone: the editions named in data/amendments.yml "
                              "(edition-2026-11, edition-2027-01, edition-2027-03) need the full history")
    assert "git fetch --unshallow --tags" in message
    assert not (tmp_path / "site" / "manual").exists()


def test_the_date_picker_script_resolves_boundaries(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = Path(__file__).resolve().parents[2] / "overrides/assets/javascripts/editions.js"
    harness = tmp_path / "h.js"
    harness.write_text(f"""
global.window = {{ procedures: {{ onEachPage: function () {{}} }} }};
global.document = {{}};
require({json.dumps(str(script))});
function li(from, to) {{ return {{ getAttribute: function (k) {{ return k === "data-from" ? from : to; }}, from: from }}; }}
var items = [li("2027-03-10", ""), li("2027-01-20", "2027-03-09"), li("2026-11-01", "2027-01-19")];
var days = ["2026-10-31", "2026-11-01", "2027-01-19", "2027-01-20", "2027-03-09", "2027-03-10", "2030-01-01"];
console.log(JSON.stringify(days.map(function (d) {{ var x = window.procedures.editionInForce(items, d); return x ? x.from : null; }})));
""", encoding="utf-8")
    res = subprocess.run([node, str(harness)], capture_output=True, text=True, check=True)
    assert json.loads(res.stdout) == [None, "2026-11-01", "2026-11-01", "2027-01-20", "2027-01-20", "2027-03-10", "2027-03-10"]
